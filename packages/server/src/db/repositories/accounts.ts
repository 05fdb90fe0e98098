/**
 * SQL on accounts: users as the login reads them, login attempts, known devices, the login throttle
 * and API keys. The decisions (lock-out policy, device trust) are in auth/.
 */
import { and, eq, inArray, isNull, like, lt, lte, or, sql } from 'drizzle-orm';
import { rows, statementName, type Db, type Tx } from '../client.js';
import { perDatabase } from '../per-database.js';
import { apiKey, appUser, knownDevice, loginAttempt, loginThrottle, type LoginOutcome } from '../schema.js';

// ---------------------------------------------------------------- users

export async function findLoginUser(db: Db, username: string) {
  const [user] = await db
    .select({
      id: appUser.id,
      passwordHash: appUser.passwordHash,
      pinHash: appUser.pinHash,
      active: appUser.active,
    })
    .from(appUser)
    .where(eq(appUser.username, username))
    .limit(1);
  return user;
}

export async function findUserById(db: Db, id: number) {
  const [user] = await db
    .select({
      id: appUser.id,
      username: appUser.username,
      fiscalCode: appUser.fiscalCode,
      firstName: appUser.firstName,
      lastName: appUser.lastName,
    })
    .from(appUser)
    .where(eq(appUser.id, id));
  return user;
}

export async function findUserIdByUsername(db: Tx, username: string): Promise<number | undefined> {
  const [u] = await db
    .select({ id: appUser.id })
    .from(appUser)
    .where(eq(appUser.username, username))
    .limit(1);
  return u?.id;
}

// ---------------------------------------------------------------- login attempts and known devices

export async function recordLoginAttempt(
  db: Db,
  a: { username: string; ip: string | undefined; outcome: LoginOutcome; at: Date },
): Promise<void> {
  await db.insert(loginAttempt).values({
    username: a.username,
    at: a.at,
    success: a.outcome === 'SUCCESS',
    ip: a.ip ?? null,
    outcome: a.outcome,
  });
}

/** Deletes up to `batch` attempts made before `cutoff`; returns how many. */
export async function deleteLoginAttemptsBefore(db: Db, cutoff: Date, batch: number): Promise<number> {
  const oldest = db
    .select({ id: loginAttempt.id })
    .from(loginAttempt)
    .where(lt(loginAttempt.at, cutoff))
    .limit(batch);
  const gone = await db
    .delete(loginAttempt)
    .where(inArray(loginAttempt.id, oldest))
    .returning({ id: loginAttempt.id });
  return gone.length;
}

/** The users a device token (by its sha256) was issued to. */
export async function deviceUsers(db: Db, tokenHash: string): Promise<number[]> {
  const found = await db
    .select({ userId: knownDevice.userId })
    .from(knownDevice)
    .where(eq(knownDevice.tokenHash, tokenHash));
  return found.map((r) => r.userId);
}

/** The device is known for the user from now on (or again, if it was). */
export async function rememberDeviceOf(db: Db, tokenHash: string, userId: number, at: Date): Promise<void> {
  await db
    .insert(knownDevice)
    .values({ tokenHash, userId, createdAt: at, lastUsedAt: at })
    .onConflictDoUpdate({ target: [knownDevice.tokenHash, knownDevice.userId], set: { lastUsedAt: at } });
}

export async function deleteDevicesUnusedSince(db: Db, cutoff: Date): Promise<number> {
  const gone = await db
    .delete(knownDevice)
    .where(lt(knownDevice.lastUsedAt, cutoff))
    .returning({ userId: knownDevice.userId });
  return gone.length;
}

// ---------------------------------------------------------------- login throttle

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Takes one slot of `key` with one atomic upsert (the row lock serialises concurrent reservations of
 * a key): a new window starts when the previous one is over; the reservation that reaches `threshold`
 * sets the lock until `now + windowMs`. Returns the failures counted, or undefined when refused.
 */
export async function reserveSlot(
  db: Db,
  key: string,
  rule: { threshold: number; windowMs: number },
  now: Date,
): Promise<number | undefined> {
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
  return got[0] ? Number(got[0].failures) : undefined;
}

export async function findThrottle(db: Db, key: string) {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).limit(1);
  return row;
}

/** Gives one slot back, lifting the lock if the count falls below `threshold`. */
export async function releaseSlot(db: Db, key: string, threshold: number): Promise<void> {
  await db.execute(
    sql`update login_throttle set failures = failures - 1,
          locked_until = case when failures - 1 < ${threshold}::int then null else locked_until end
        where key = ${key} and failures > 0`,
  );
}

export async function deleteThrottleKeys(db: Db, keys: string[]): Promise<void> {
  if (keys.length > 0) await db.delete(loginThrottle).where(inArray(loginThrottle.key, keys));
}

/** The key `exact` and every key starting with `prefix`; returns how many. */
export async function deleteThrottleKeysLike(db: Db, exact: string, prefix: string): Promise<number> {
  const gone = await db
    .delete(loginThrottle)
    .where(or(eq(loginThrottle.key, exact), like(loginThrottle.key, `${prefix}%`)))
    .returning({ key: loginThrottle.key });
  return gone.length;
}

/** Rows whose window started at or before `windowCutoff` and whose lock (if any) is over at `now`. */
export async function deleteSpentThrottle(db: Db, windowCutoff: Date, now: Date): Promise<number> {
  const gone = await db
    .delete(loginThrottle)
    .where(
      and(
        lte(loginThrottle.windowStart, windowCutoff),
        or(isNull(loginThrottle.lockedUntil), lte(loginThrottle.lockedUntil, now)),
      ),
    )
    .returning({ key: loginThrottle.key });
  return gone.length;
}

// ---------------------------------------------------------------- API keys

export async function insertApiKey(db: Db, name: string, keyHash: string): Promise<number> {
  const [row] = await db.insert(apiKey).values({ name, keyHash }).returning({ id: apiKey.id });
  if (!row) throw new Error('api key not created');
  return row.id;
}

/** Inside the administration's audited transaction (services/admin/api-keys.ts). */
export async function insertApiKeyTx(tx: Tx, name: string, keyHash: string, at: Date): Promise<number> {
  const [row] = await tx.insert(apiKey).values({ name, keyHash, createdAt: at }).returning({ id: apiKey.id });
  if (!row) throw new Error('api key not created');
  return row.id;
}

export async function revokeApiKeyTx(tx: Tx, id: number, at: Date): Promise<boolean> {
  const done = await tx
    .update(apiKey)
    .set({ revokedAt: at })
    .where(and(eq(apiKey.id, id), isNull(apiKey.revokedAt)))
    .returning({ id: apiKey.id });
  return done.length > 0;
}

export async function markApiKeyRevoked(db: Db, id: number, at: Date): Promise<boolean> {
  const done = await db
    .update(apiKey)
    .set({ revokedAt: at })
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
    .prepare(statementName(db, 'esz_api_key_lookup')),
);

/** A key that is not revoked, by its sha256. */
export async function findLiveApiKey(
  db: Db,
  keyHash: string,
): Promise<{ id: number; name: string } | undefined> {
  const [row] = await preparedKeyLookup(db).execute({ keyHash });
  return row;
}
