/** API keys for prescribing systems: shown once at creation, stored as sha256. */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { apiKey } from '../db/schema.js';
import { perDatabase } from '../db/per-database.js';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export async function createApiKey(db: Db, name: string): Promise<{ id: number; key: string }> {
  const key = `esz_${randomBytes(24).toString('base64url')}`;
  const [row] = await db
    .insert(apiKey)
    .values({ name, keyHash: hashKey(key) })
    .returning({ id: apiKey.id });
  if (!row) throw new Error('api key not created');
  return { id: row.id, key };
}

/**
 * Every request reads the key from the database (a unique-index hit on key_hash, measured in
 * test/security-auth.test.ts): a revoked key is refused by every server process at once. A per-process
 * cache would need a cross-process invalidation for a saving of one indexed lookup.
 */
export async function findApiKey(db: Db, key: string): Promise<{ id: number; name: string } | undefined> {
  return loadApiKey(db, hashKey(key));
}

/** Revocation takes effect on the next request of every process (there is no cache to wait for). */
export async function revokeApiKey(db: Db, id: number, now: Date = new Date()): Promise<boolean> {
  const done = await db
    .update(apiKey)
    .set({ revokedAt: now })
    .where(and(eq(apiKey.id, id), isNull(apiKey.revokedAt)))
    .returning({ id: apiKey.id });
  return done.length > 0;
}

/** Prepared once per database (a named server-side statement on PostgreSQL): no query building per request. */
const preparedKeyLookup = perDatabase((db: Db) =>
  db
    .select({ id: apiKey.id, name: apiKey.name })
    .from(apiKey)
    .where(and(eq(apiKey.keyHash, sql.placeholder('keyHash')), isNull(apiKey.revokedAt)))
    .limit(1)
    .prepare('esz_api_key_lookup'),
);

async function loadApiKey(db: Db, keyHash: string): Promise<{ id: number; name: string } | undefined> {
  const [row] = await preparedKeyLookup(db).execute({ keyHash });
  return row;
}
