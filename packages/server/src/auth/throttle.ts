/**
 * The login throttle: one row per key in `login_throttle`. An attempt RESERVES its slot with one atomic
 * upsert before the password is verified, so an attempt in flight already counts as a failure; a
 * success clears the key. The row lock taken by INSERT … ON CONFLICT DO UPDATE serialises concurrent
 * reservations of one key on PostgreSQL and PGlite alike: N parallel attempts reserve at most
 * `threshold` slots, the others are refused without any argon2 work.
 */
import type { Db } from '../db/client.js';
import {
  deleteSpentThrottle,
  deleteThrottleKeys,
  deleteThrottleKeysLike,
  findThrottle,
  releaseSlot,
  reserveSlot,
} from '../db/repositories/accounts.js';

export interface ThrottleRule {
  /** reservations in a window that lock the key */
  threshold: number;
  /** the counting window, and how long a lock lasts */
  windowMs: number;
}

export type Reservation =
  { ok: true; key: string; startsLock: boolean } | { ok: false; key: string; retryAfterSeconds: number };

/**
 * Takes one slot of `key`. A new window starts when the previous one is over; the reservation that
 * reaches the threshold sets the lock (for `windowMs` from now), which refuses every later one.
 */
export async function reserve(db: Db, key: string, rule: ThrottleRule, now: Date): Promise<Reservation> {
  const failures = await reserveSlot(db, key, rule, now);
  if (failures !== undefined) return { ok: true, key, startsLock: failures >= rule.threshold };
  return { ok: false, key, retryAfterSeconds: await retryAfter(db, key, rule, now) };
}

async function retryAfter(db: Db, key: string, rule: ThrottleRule, now: Date): Promise<number> {
  const row = await findThrottle(db, key);
  const until = row?.lockedUntil ?? (row ? new Date(row.windowStart.getTime() + rule.windowMs) : now);
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/**
 * Gives back a slot reserved for an attempt that was then refused by another key (never verified),
 * lifting the lock if that slot had set it.
 */
export async function refund(db: Db, key: string, rule: ThrottleRule): Promise<void> {
  await releaseSlot(db, key, rule.threshold);
}

/** Reserves every key in order; when one refuses, the slots already taken are given back. */
export async function reserveAll(
  db: Db,
  keys: ReadonlyArray<{ key: string; rule: ThrottleRule }>,
  now: Date,
): Promise<Reservation[] | { refused: Reservation & { ok: false } }> {
  const taken: Reservation[] = [];
  for (const { key, rule } of keys) {
    const r = await reserve(db, key, rule, now);
    if (!r.ok) {
      for (const t of taken) await refund(db, t.key, keys.find((k) => k.key === t.key)!.rule);
      return { refused: r };
    }
    taken.push(r);
  }
  return taken;
}

export async function clearKeys(db: Db, keys: string[]): Promise<void> {
  await deleteThrottleKeys(db, keys);
}

/** An administrator's unlock: the username's key and every device key of the user. */
export async function clearUser(db: Db, username: string, userId: number): Promise<number> {
  return deleteThrottleKeysLike(db, userKey(username), `device:${userId}:`);
}

/** Housekeeping: rows whose window and lock are both over carry no information. */
export async function purgeThrottle(db: Db, maxWindowMs: number, now: Date): Promise<number> {
  return deleteSpentThrottle(db, new Date(now.getTime() - maxWindowMs), now);
}

export const userKey = (username: string) => `user:${username}`;
export const ipKey = (ip: string) => `ip:${ip}`;
export const deviceKey = (userId: number, deviceHash: string) => `device:${userId}:${deviceHash}`;
