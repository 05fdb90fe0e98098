/**
 * Login with username + password + PIN (manual §3.2), and the lock-out policy.
 *
 * - Counted before verifying. Every attempt first reserves a slot in the throttle (auth/throttle.ts,
 *   one atomic upsert) and only then runs argon2; an attempt in flight counts as a failure until it
 *   succeeds. N parallel attempts can never verify more than the threshold: the rest are refused
 *   (429 ACCOUNT_LOCKED, Retry-After) without touching the password.
 * - Unknown devices. Per username: 5 attempts without a success in 15 minutes; the failure that
 *   reaches 5 locks the username for unknown devices for 15 minutes. Per source address: 30 such
 *   attempts in 15 minutes (password spraying over many usernames) lock the address likewise. A
 *   success from an unknown device clears the username's count.
 * - Known devices. A browser that logged in successfully as the user holds the `esz_device` cookie
 *   (random, httpOnly, SameSite=Strict; its sha256 is stored with the user in `known_device`). Its
 *   attempts are counted on their own key (5 per 15 minutes for that device and user), never on the
 *   username's or the address's, so anonymous failures never lock a known device out. The right
 *   credentials from a known device log in while the account is locked for unknown devices, and lift
 *   that lock. A known device that fails 5 times is locked like any other key.
 * - An administrator lifts a lock (POST /api/auth/unlock, ADMIN profile): the username's and the
 *   user's device keys are cleared.
 * - A lock that starts ends every session of the user (a credential attack may already have
 *   succeeded elsewhere). The price: an attacker can sign the user out once per window; the user signs
 *   back in from a known device at once.
 * - No progressive delay between single failures: the reservation cap already bounds guessing to 5
 *   per 15 minutes per username, and a delay would only add a second kind of refusal to the form.
 * - Floods: @fastify/rate-limit on the route (per address, see routes/auth.ts) and at most
 *   ARGON2_SLOTS verifications at once across the process (passwords.ts).
 * - Every attempt is a `login_attempt` row with its outcome (kept LOGIN_ATTEMPT_RETENTION_DAYS days
 *   for security review, see purge.ts). The throttle rows are the only state the decision reads.
 */
import { createHash, randomBytes } from 'node:crypto';
import { accountLocked, invalidCredentials, loginRateLimited, type DomainError } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import type { LoginOutcome } from '../db/schema.js';
import {
  deviceUsers,
  findLoginUser,
  recordLoginAttempt,
  rememberDeviceOf,
} from '../db/repositories/accounts.js';
import { dummyHash, verifySecret, VerifierBusy, withVerifierSlot } from './passwords.js';
import { deleteUserSessions } from './sessions.js';
import {
  clearKeys,
  deviceKey,
  ipKey,
  refund,
  reserveAll,
  userKey,
  type Reservation,
  type ThrottleRule,
} from './throttle.js';

export const LOCKOUT_WINDOW_MS = 15 * 60_000;
export const LOCKOUT_THRESHOLD = 5;
export const USER_RULE: ThrottleRule = { threshold: LOCKOUT_THRESHOLD, windowMs: LOCKOUT_WINDOW_MS };
export const DEVICE_RULE: ThrottleRule = { threshold: LOCKOUT_THRESHOLD, windowMs: LOCKOUT_WINDOW_MS };
export const ADDRESS_RULE: ThrottleRule = { threshold: 30, windowMs: LOCKOUT_WINDOW_MS };

export const DEVICE_COOKIE = 'esz_device';
/** a known device is forgotten when unused this long (cookie lifetime and purge) */
export const DEVICE_MAX_AGE_MS = 180 * 86_400_000;

export interface LoginInput {
  username: string;
  password: string;
  pin: string;
  ip?: string | undefined;
  /** the esz_device cookie, when the browser sent one */
  deviceToken?: string | undefined;
}

export interface LoginResult {
  userId: number;
  /** the esz_device cookie to (re)set: the browser is now a known device of the user */
  deviceToken: string;
}

export const normalizeUsername = (u: string) => u.trim().toLowerCase();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function lockedError(retryAfterSeconds: number): DomainError {
  return accountLocked(retryAfterSeconds);
}

export function rateLimitedError(retryAfterSeconds: number): DomainError {
  return loginRateLimited(retryAfterSeconds);
}

interface UserRow {
  id: number;
  passwordHash: string;
  pinHash: string;
  active: boolean;
}

/** The keys an attempt is counted on: its own device key if known, else the username and the address. */
function throttleKeys(
  username: string,
  ip: string | undefined,
  known: { userId: number; hash: string } | null,
) {
  if (known) return [{ key: deviceKey(known.userId, known.hash), rule: DEVICE_RULE }];
  const keys = [{ key: userKey(username), rule: USER_RULE }];
  if (ip) keys.push({ key: ipKey(ip), rule: ADDRESS_RULE });
  return keys;
}

async function verifyCredentials(user: UserRow | undefined, input: LoginInput): Promise<boolean> {
  // verify both secrets even when the user is missing, so timing does not tell usernames apart
  return withVerifierSlot(async () => {
    const passwordOk = await verifySecret(user?.passwordHash ?? (await dummyHash()), input.password);
    const pinOk = await verifySecret(user?.pinHash ?? (await dummyHash()), input.pin);
    return Boolean(user?.active) && passwordOk && pinOk;
  });
}

async function record(
  db: Db,
  username: string,
  ip: string | undefined,
  outcome: LoginOutcome,
  now: Date,
): Promise<void> {
  await recordLoginAttempt(db, { username, ip, outcome, at: now });
}

/**
 * The browser's device token after a success: kept when this server issued it (known for some user),
 * otherwise a fresh one, so a value planted in the browser never becomes a known device.
 */
async function rememberDevice(
  db: Db,
  userId: number,
  token: string | undefined,
  issuedTo: number[],
  now: Date,
): Promise<string> {
  const keep = token !== undefined && issuedTo.length > 0;
  const deviceToken = keep ? token : randomBytes(32).toString('base64url');
  await rememberDeviceOf(db, sha256(deviceToken), userId, now);
  return deviceToken;
}

export async function authenticate(db: Db, input: LoginInput, now: Date = new Date()): Promise<LoginResult> {
  const username = normalizeUsername(input.username);
  const user = await findLoginUser(db, username);
  const deviceHash = input.deviceToken ? sha256(input.deviceToken) : null;
  const issuedTo = deviceHash ? await deviceUsers(db, deviceHash) : [];
  const known =
    user && deviceHash && issuedTo.includes(user.id) ? { userId: user.id, hash: deviceHash } : null;
  const keys = throttleKeys(username, input.ip, known);

  const reserved = await reserveAll(db, keys, now);
  if ('refused' in reserved) {
    await record(db, username, input.ip, 'LOCKED', now);
    throw lockedError(reserved.refused.retryAfterSeconds);
  }
  let ok: boolean;
  try {
    ok = await verifyCredentials(user, input);
  } catch (e) {
    if (!(e instanceof VerifierBusy)) throw e;
    for (const k of keys) await refund(db, k.key, k.rule);
    throw rateLimitedError(2);
  }
  if (ok && user) {
    // a known device lifts the unknown-device lock of its user too
    await clearKeys(db, known ? [keys[0]!.key, userKey(username)] : [userKey(username)]);
    // the address counts failures only: a success gives its slot back, so an office behind one NAT address
    // (every operator of a district) is never locked out by its own good logins
    const address = input.ip ? keys.find((k) => k.key === ipKey(input.ip!)) : undefined;
    if (address) await refund(db, address.key, address.rule);
    await record(db, username, input.ip, 'SUCCESS', now);
    return {
      userId: user.id,
      deviceToken: await rememberDevice(db, user.id, input.deviceToken, issuedTo, now),
    };
  }
  await record(db, username, input.ip, 'BAD_CREDENTIALS', now);
  return failed(db, user, reserved, keys);
}

/** After a failure: 429 if this attempt started a lock (ending the user's sessions), else 401. */
async function failed(
  db: Db,
  user: UserRow | undefined,
  reserved: Reservation[],
  keys: ReadonlyArray<{ key: string; rule: ThrottleRule }>,
): Promise<never> {
  const started = reserved.filter((r) => r.ok && r.startsLock);
  if (started.length === 0) throw invalidCredentials();
  // an address lock says nothing about this user; a username or device lock does
  if (user && started.some((r) => !r.key.startsWith('ip:'))) await deleteUserSessions(db, user.id);
  const windowMs = Math.max(
    ...started.map((r) => keys.find((k) => k.key === r.key)?.rule.windowMs ?? LOCKOUT_WINDOW_MS),
  );
  throw lockedError(Math.ceil(windowMs / 1000));
}
