/** API keys for prescribing systems: shown once at creation, stored as sha256. */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import { findLiveApiKey, insertApiKey, markApiKeyRevoked } from '../db/repositories/accounts.js';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** A new key and the sha256 stored for it (the administration creates it inside its audited transaction). */
export function newApiKey(): { key: string; keyHash: string } {
  const key = `esz_${randomBytes(24).toString('base64url')}`;
  return { key, keyHash: hashKey(key) };
}

export async function createApiKey(db: Db, name: string): Promise<{ id: number; key: string }> {
  const key = `esz_${randomBytes(24).toString('base64url')}`;
  return { id: await insertApiKey(db, name, hashKey(key)), key };
}

/**
 * Every request reads the key from the database (a unique-index hit on key_hash through a prepared
 * statement, measured in test/security-auth.test.ts): a revoked key is refused by every server
 * process at once. A per-process cache would need a cross-process invalidation for a saving of one
 * indexed lookup.
 */
export async function findApiKey(db: Db, key: string): Promise<{ id: number; name: string } | undefined> {
  return findLiveApiKey(db, hashKey(key));
}

/** Revocation takes effect on the next request of every process (there is no cache to wait for). */
export async function revokeApiKey(db: Db, id: number, now: Date = new Date()): Promise<boolean> {
  return markApiKeyRevoked(db, id, now);
}
