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

export async function findApiKey(db: Db, key: string): Promise<{ id: number; name: string } | undefined> {
  const [row] = await db
    .select({ id: apiKey.id, name: apiKey.name })
    .from(apiKey)
    .where(and(eq(apiKey.keyHash, hashKey(key)), isNull(apiKey.revokedAt)))
    .limit(1);
  return row;
}
