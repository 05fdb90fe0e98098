/**
 * Login with username + password + PIN (manual §3.2). Five failures in 15 minutes lock the username
 * until the oldest of them is 15 minutes old; the answer says when to retry.
 */
import { and, desc, eq, gt } from 'drizzle-orm';
import { DomainError } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { appUser, loginAttempt } from '../db/schema.js';
import { dummyHash, verifySecret } from './passwords.js';

export const LOCKOUT_WINDOW_MS = 15 * 60_000;
export const LOCKOUT_THRESHOLD = 5;

export interface LoginInput {
  username: string;
  password: string;
  pin: string;
  ip?: string | undefined;
}

/** Failures since the last success inside the window, newest first. */
async function recentFailures(db: Db, username: string, now: number): Promise<Date[]> {
  const since = new Date(now - LOCKOUT_WINDOW_MS);
  const attempts = await db
    .select({ at: loginAttempt.at, success: loginAttempt.success })
    .from(loginAttempt)
    .where(and(eq(loginAttempt.username, username), gt(loginAttempt.at, since)))
    .orderBy(desc(loginAttempt.at))
    .limit(50);
  const failures: Date[] = [];
  for (const a of attempts) {
    if (a.success) break;
    failures.push(a.at);
  }
  return failures;
}

export function lockedError(retryAfterSeconds: number): DomainError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new DomainError(
    'ACCOUNT_LOCKED',
    `Troppi tentativi di accesso non riusciti. Riprovare tra ${minutes} minut${minutes === 1 ? 'o' : 'i'}.`,
    { retryAfterSeconds },
  );
}

export async function authenticate(db: Db, input: LoginInput): Promise<number> {
  const username = input.username.trim().toLowerCase();
  const now = Date.now();
  const failures = await recentFailures(db, username, now);
  if (failures.length >= LOCKOUT_THRESHOLD) {
    const oldestCounted = failures[LOCKOUT_THRESHOLD - 1] ?? new Date(now);
    const retryAfterSeconds = Math.max(1, Math.ceil((oldestCounted.getTime() + LOCKOUT_WINDOW_MS - now) / 1000));
    throw lockedError(retryAfterSeconds);
  }
  const found = await db
    .select({ id: appUser.id, passwordHash: appUser.passwordHash, pinHash: appUser.pinHash, active: appUser.active })
    .from(appUser)
    .where(eq(appUser.username, username))
    .limit(1);
  const user = found[0];
  // verify both secrets even when the user is missing, so timing does not tell usernames apart
  const passwordOk = await verifySecret(user?.passwordHash ?? (await dummyHash()), input.password);
  const pinOk = await verifySecret(user?.pinHash ?? (await dummyHash()), input.pin);
  const ok = Boolean(user?.active) && passwordOk && pinOk;
  await db.insert(loginAttempt).values({ username, success: ok, ip: input.ip ?? null });
  if (!ok || !user) {
    if (failures.length + 1 >= LOCKOUT_THRESHOLD) {
      throw lockedError(Math.ceil(LOCKOUT_WINDOW_MS / 1000));
    }
    throw new DomainError('INVALID_CREDENTIALS', 'Nome utente, password o PIN non corretti.');
  }
  return user.id;
}
