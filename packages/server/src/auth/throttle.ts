/**
 * The login throttle: one row per key in `login_throttle`. An attempt RESERVES its slot with one atomic
 * upsert before the password is verified, so an attempt in flight already counts as a failure; a
 * success clears the key. The row lock taken by INSERT … ON CONFLICT DO UPDATE serialises concurrent
 * reservations of one key on PostgreSQL and PGlite alike: N parallel attempts reserve at most
 * `threshold` slots, the others are refused without any argon2 work.
 */
import { inArray, like, or, eq, lte, and, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { rows } from '../db/client.js';
import { loginThrottle } from '../db/schema.js';

export interface ThrottleRule {
  /** reservations in a window that lock the key */
  threshold: number;
  /** the counting window, and how long a lock lasts */
  windowMs: number;
}

export type Reservation =
  { ok: true; key: string; startsLock: boolean } | { ok: false; key: string; retryAfterSeconds: number };

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Takes one slot of `key`. A new window starts when the previous one is over; the reservation that
 * reaches the threshold sets the lock (for `windowMs` from now), which refuses every later one.
 */
export async function reserve(db: Db, key: string, rule: ThrottleRule, now: Date): Promise<Reservation> {
  const windowOver = sql`t.window_start <= ${at(new Date(now.getTime() - rule.windowMs))}`;
  const next = sql`(case when ${windowOver} then 1 else t.failures + 1 end)`;
  const lockUntil = at(new Date(now.getTime() + rule.windowMs));
  const threshold = sql`${rule.threshold}::int`;
  const got = await rows<{ failures: number }>(
    db,
    sql`insert into login_throttle as t (key, failures, window_start, locked_until)
        values (${key}, 1, ${at(now)}, case when 1 >= ${threshold} then ${lockUntil} end)
        on conflict (key) do update set
          failures = ${next},
          window_start = case when ${windowOver} then ${at(now)} else t.window_start end,
          locked_until = case when ${next} >= ${threshold} then ${lockUntil} end
        where (t.locked_until is null or t.locked_until <= ${at(now)}) and (${windowOver} or t.failures < ${threshold})
        returning failures`,
  );
  const row = got[0];
  if (row) return { ok: true, key, startsLock: Number(row.failures) >= rule.threshold };
  return { ok: false, key, retryAfterSeconds: await retryAfter(db, key, rule, now) };
}

async function retryAfter(db: Db, key: string, rule: ThrottleRule, now: Date): Promise<number> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).limit(1);
  const until = row?.lockedUntil ?? (row ? new Date(row.windowStart.getTime() + rule.windowMs) : now);
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/**
 * Gives back a slot reserved for an attempt that was then refused by another key (never verified),
 * lifting the lock if that slot had set it.
 */
export async function refund(db: Db, key: string, rule: ThrottleRule): Promise<void> {
  await db.execute(
    sql`update login_throttle set failures = failures - 1,
          locked_until = case when failures - 1 < ${rule.threshold}::int then null else locked_until end
        where key = ${key} and failures > 0`,
  );
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
  if (keys.length > 0) await db.delete(loginThrottle).where(inArray(loginThrottle.key, keys));
}

/** An administrator's unlock: the username's key and every device key of the user. */
export async function clearUser(db: Db, username: string, userId: number): Promise<number> {
  const gone = await db
    .delete(loginThrottle)
    .where(or(eq(loginThrottle.key, userKey(username)), like(loginThrottle.key, `device:${userId}:%`)))
    .returning({ key: loginThrottle.key });
  return gone.length;
}

/** Housekeeping: rows whose window and lock are both over carry no information. */
export async function purgeThrottle(db: Db, maxWindowMs: number, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - maxWindowMs);
  const gone = await db
    .delete(loginThrottle)
    .where(
      and(
        lte(loginThrottle.windowStart, cutoff),
        or(isNull(loginThrottle.lockedUntil), lte(loginThrottle.lockedUntil, now)),
      ),
    )
    .returning({ key: loginThrottle.key });
  return gone.length;
}

export const userKey = (username: string) => `user:${username}`;
export const ipKey = (ip: string) => `ip:${ip}`;
export const deviceKey = (userId: number, deviceHash: string) => `device:${userId}:${deviceHash}`;
