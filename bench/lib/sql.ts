/** Raw SQL on either driver: a dedicated connection on PostgreSQL, the single PGlite connection otherwise. */
import { fileURLToPath } from 'node:url';
import type { Database } from '../../packages/server/src/db/client.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Sql {
  exec(text: string): Promise<void>;
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  release(): Promise<void>;
}

export async function sqlOf(database: Database): Promise<Sql> {
  if (database.pglite) {
    const pg = database.pglite;
    return {
      exec: async (text) => {
        await pg.exec(text);
      },
      query: async <T>(text: string, params?: unknown[]) => (await pg.query<T>(text, params)).rows,
      release: async () => undefined,
    };
  }
  if (!database.pool) throw new Error('no pool');
  const client = await database.pool.connect();
  return {
    exec: async (text) => {
      await client.query(text);
    },
    query: async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
    release: async () => client.release(),
  };
}
