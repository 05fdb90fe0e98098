/** API keys for prescribing systems: shown once at creation, stored as sha256. */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { apiKey } from '../db/schema.js';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export async function createApiKey(db: Db, name: string): Promise<{ id: number; key: string }> {
  const key = `esz_${randomBytes(24).toString('base64url')}`;
  const [row] = await db.insert(apiKey).values({ name, keyHash: hashKey(key) }).returning({ id: apiKey.id });
  if (!row) throw new Error('api key not created');
  return { id: row.id, key };
}

/**
 * Registry lookups come at pharmacy rates: keep verified keys in memory for a short time so a lookup
 * costs no extra query. A revoked key stops working within KEY_CACHE_MS.
 */
export const KEY_CACHE_MS = 30_000;
const cache = new Map<string, { value: { id: number; name: string } | undefined; until: number }>();

export async function findApiKey(db: Db, key: string): Promise<{ id: number; name: string } | undefined> {
  const h = hashKey(key);
  const hit = cache.get(h);
  if (hit && hit.until > Date.now()) return hit.value;
  const value = await loadApiKey(db, h);
  if (cache.size > 10_000) cache.clear();
  cache.set(h, { value, until: Date.now() + KEY_CACHE_MS });
  return value;
}

async function loadApiKey(db: Db, keyHash: string): Promise<{ id: number; name: string } | undefined> {
  const [row] = await db
    .select({ id: apiKey.id, name: apiKey.name })
    .from(apiKey)
    .where(and(eq(apiKey.keyHash, keyHash), isNull(apiKey.revokedAt)))
    .limit(1);
  return row;
}
