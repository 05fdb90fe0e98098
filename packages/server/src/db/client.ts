/**
 * Opens the database: the embedded PGlite (file data dir, or memory) by default, a PostgreSQL server
 * when a URL is given. Both are driven through Drizzle with the same schema and migrations.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

// int8 as number (counts, ids), dates as 'YYYY-MM-DD' strings, on both drivers.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** the underlying PGlite, for the job queue and tests */
  pglite?: PGlite;
  pool?: pg.Pool;
  close(): Promise<void>;
}

const kinds = new WeakMap<Db, Database['kind']>();
/** Which engine a Drizzle handle drives (PGlite has one connection: no parallel writers). */
export const kindOf = (db: Db): Database['kind'] => kinds.get(db) ?? 'pglite';

export interface OpenOptions {
  /** postgres://… — a PostgreSQL server */
  url?: string | undefined;
  /** PGlite data directory, or 'memory://' */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 20 });
    // an idle client dropped by the server (restart, failover) must not crash the process: the pool replaces it
    pool.on('error', (e) => console.error(`database connection lost: ${e.message}`));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    kinds.set(db, 'postgres');
    return { db, kind: 'postgres', pool, close: () => pool.end() };
  }
  const dataDir = opts.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  // loaded only for the embedded database (≈ 37 MB resident): a PostgreSQL deployment never pays for it
  const [{ PGlite }, { drizzle: drizzlePglite }] = await Promise.all([import('@electric-sql/pglite'), import('drizzle-orm/pglite')]);
  const client = await PGlite.create(dataDir, {
    parsers: { 20: (v: string) => Number(v), 1082: (v: string) => v },
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  kinds.set(db, 'pglite');
  let closed = false;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    close: async () => {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}

/** Applies the committed migrations; on PostgreSQL under an advisory lock so several processes can start. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  const pool = database.pool;
  if (!pool) throw new Error('pool missing');
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock(727001)');
    await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.query('select pg_advisory_unlock(727001)').catch(() => undefined);
    client.release();
  }
}

/** Rows of a raw query on either driver. */
export async function rows<T>(db: Tx, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
