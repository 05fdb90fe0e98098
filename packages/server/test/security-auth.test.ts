/**
 * Issue 9 §2 and §8: authentication that holds. The parallel lock-out, the lock-out used as a weapon,
 * the known device, the administrator's unlock, the login rate limit, sessions ended by logout-all,
 * lock-out and deactivation, the profile switch that rotates the token, the revoked API key, the purges.
 * Each test speaks from its own source address, so the per-address limits of one do not touch another.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import { login, startWorld, type TestWorld } from './helpers/app.js';
import { PASSWORD, PEOPLE, PIN } from './helpers/fixtures.js';
import { appUser, knownDevice, loginAttempt, loginThrottle, session } from '../src/db/schema.js';
import { rows } from '../src/db/client.js';
import { authenticate, DEVICE_COOKIE, LOCKOUT_THRESHOLD, LOCKOUT_WINDOW_MS } from '../src/auth/login.js';
import { createApiKey, findApiKey, revokeApiKey } from '../src/auth/api-keys.js';
import { ARGON2_QUEUE, ARGON2_SLOTS, withVerifierSlot } from '../src/auth/passwords.js';
import { authMaintenanceTasks } from '../src/auth/purge.js';
import { DomainError } from '@esenzioni/domain';

let w: TestWorld;
before(async () => {
  w = await startWorld();
});
after(() => w.close());

interface Attempt {
  password?: string;
  pin?: string;
  ip: string;
  device?: string | undefined;
}

const attempt = (username: string, a: Attempt) =>
  w.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: a.ip,
    headers: a.device ? { cookie: `${DEVICE_COOKIE}=${a.device}` } : {},
    payload: { username, password: a.password ?? PASSWORD, pin: a.pin ?? PIN },
  });

type Res = Awaited<ReturnType<typeof attempt>>;
const cookieOf = (res: Res, name: string): string | undefined => {
  const c = res.cookies.find((x) => x.name === name);
  return c?.value;
};
const me = (sessionToken: string) =>
  w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `esz_session=${sessionToken}` } });
const userId = async (username: string) => {
  const [u] = await w.database.db
    .select({ id: appUser.id })
    .from(appUser)
    .where(eq(appUser.username, username));
  return u!.id;
};
const sessionsOf = async (username: string) =>
  (
    await w.database.db
      .select()
      .from(session)
      .where(eq(session.userId, await userId(username)))
  ).length;

describe('lock-out counted before verifying', () => {
  test('32 attempts at once from 32 addresses (31 wrong PINs, then the right one): at most 5 verified, the right one refused while locked', async () => {
    // one address each: neither the rate limit nor the address throttle helps, only the username's count
    const wrong = Array.from({ length: 31 }, (_, i) =>
      attempt('op.bra', { pin: `0000${String(i).padStart(2, '0')}`, ip: `10.1.1.${i + 1}` }),
    );
    const all = await Promise.all([...wrong, attempt('op.bra', { ip: '10.1.1.100' })]);
    const codes = all.map((r) => r.json().code as string | undefined);
    const verified = all.filter(
      (r) => r.statusCode === 200 || r.json().code === 'INVALID_CREDENTIALS',
    ).length;
    // the attempt that reaches the threshold is verified too, then answered 429
    const outcomes = await rows<{ outcome: string; n: number }>(
      w.database.db,
      sql`select outcome, count(*)::int as n from login_attempt where username = 'op.bra' group by outcome`,
    );
    const verifiedRows = outcomes.filter((o) => o.outcome !== 'LOCKED').reduce((s, o) => s + Number(o.n), 0);
    console.log(
      `# parallel lock-out: ${verifiedRows} of 32 simultaneous attempts verified (${verified} answered 401/200)`,
    );
    assert.ok(verifiedRows <= LOCKOUT_THRESHOLD, `verified ${verifiedRows}`);
    assert.ok(verified <= LOCKOUT_THRESHOLD, 'at most the threshold answered after verification');
    const right = all[31]!;
    assert.equal(right.statusCode, 429, `the right credentials got ${right.statusCode}`);
    assert.equal(right.json().code, 'ACCOUNT_LOCKED');
    assert.ok(Number(right.headers['retry-after']) > 0, 'Retry-After');
    assert.equal(codes.filter((c) => c === undefined).length, 0, 'nobody logged in');
  });

  test('the address limit: 30 failures over many usernames lock the address for unknown devices (injected clock)', async () => {
    const t0 = new Date('2026-11-30T08:00:00Z');
    const db = w.database.db;
    for (let i = 0; i < 30; i++) {
      await assert.rejects(
        authenticate(db, { username: `spray${i}`, password: 'x', pin: 'y', ip: '10.1.0.2' }, t0),
      );
    }
    await assert.rejects(
      authenticate(db, { username: 'citizen', password: PASSWORD, pin: PIN, ip: '10.1.0.2' }, t0),
      (e: DomainError) => e.code === 'ACCOUNT_LOCKED',
    );
    // another address is not concerned; after the window the address is free again
    assert.ok(
      (await authenticate(db, { username: 'citizen', password: PASSWORD, pin: PIN, ip: '10.1.0.3' }, t0))
        .userId > 0,
      'another address logs in',
    );
    const later = new Date(t0.getTime() + LOCKOUT_WINDOW_MS + 1000);
    assert.ok(
      (await authenticate(db, { username: 'citizen', password: PASSWORD, pin: PIN, ip: '10.1.0.2' }, later))
        .userId > 0,
      'the address is free after the window',
    );
  });

  test('good logins do not count against an address: 40 successes from one office address, then a new device still logs in', async () => {
    const t0 = new Date('2026-11-30T09:00:00Z');
    const db = w.database.db;
    for (let i = 0; i < 40; i++) {
      assert.ok(
        (await authenticate(db, { username: 'citizen', password: PASSWORD, pin: PIN, ip: '10.2.0.9' }, t0))
          .userId > 0,
        `login ${i + 1}`,
      );
    }
    // and failures still count: the address limit holds for a sprayer behind the same address
    for (let i = 0; i < 30; i++) {
      await assert.rejects(
        authenticate(db, { username: `spray-office${i}`, password: 'x', pin: 'y', ip: '10.2.0.9' }, t0),
      );
    }
    await assert.rejects(
      authenticate(db, { username: 'citizen', password: PASSWORD, pin: PIN, ip: '10.2.0.9' }, t0),
      (e: DomainError) => e.code === 'ACCOUNT_LOCKED',
    );
  });
});

describe('a lock-out that cannot be used as a weapon', () => {
  test('an attacker locks the account: the victim is signed out, then logs in from its known device; a new device is refused', async () => {
    const victim = await attempt('gp', { ip: '10.2.0.1' });
    assert.equal(victim.statusCode, 200);
    const device = cookieOf(victim, DEVICE_COOKIE)!;
    const oldSession = cookieOf(victim, 'esz_session')!;
    const deviceCookie = victim.cookies.find((c) => c.name === DEVICE_COOKIE)!;
    assert.equal(deviceCookie.httpOnly, true);
    assert.equal(deviceCookie.sameSite, 'Strict');
    assert.equal((await me(oldSession)).statusCode, 200);

    const answers: number[] = [];
    for (let i = 0; i < LOCKOUT_THRESHOLD + 3; i++)
      answers.push((await attempt('gp', { password: `guess-${i}`, ip: '10.2.0.66' })).statusCode);
    assert.deepEqual(answers, [401, 401, 401, 401, 429, 429, 429, 429]);
    // the lock ended every session of the user
    assert.equal((await me(oldSession)).statusCode, 401);
    assert.equal(await sessionsOf('gp'), 0);

    const newDevice = await attempt('gp', { ip: '10.2.0.2' });
    assert.equal(newDevice.statusCode, 429);
    assert.equal(newDevice.json().code, 'ACCOUNT_LOCKED');
    // a forged device cookie is an unknown device
    assert.equal((await attempt('gp', { ip: '10.2.0.2', device: 'forged-device-token' })).statusCode, 429);

    const back = await attempt('gp', { ip: '10.2.0.1', device });
    assert.equal(back.statusCode, 200, back.body);
    assert.equal(cookieOf(back, DEVICE_COOKIE), device, 'the known device keeps its token');
    // the known device's success lifted the lock for the others too
    assert.equal((await attempt('gp', { ip: '10.2.0.2' })).statusCode, 200);
  });

  test('anonymous failures never lock a known device out; its own failures do', async () => {
    const first = await attempt('spec', { ip: '10.3.0.1' });
    const device = cookieOf(first, DEVICE_COOKIE)!;
    for (let i = 0; i < 12; i++) await attempt('spec', { password: `guess-${i}`, ip: '10.3.0.66' });
    assert.equal((await attempt('spec', { ip: '10.3.0.1', device })).statusCode, 200);
    // a stolen device cookie alone still has 5 tries
    const own: number[] = [];
    for (let i = 0; i < LOCKOUT_THRESHOLD + 1; i++)
      own.push((await attempt('spec', { pin: '999999', ip: '10.3.0.1', device })).statusCode);
    assert.deepEqual(own, [401, 401, 401, 401, 429, 429]);
    assert.equal((await attempt('spec', { ip: '10.3.0.1', device })).statusCode, 429);
  });

  test('a new device stays refused until the window has passed (injected clock)', async () => {
    const db = w.database.db;
    const t0 = new Date('2026-11-30T09:00:00Z');
    const right = { username: 'lucia', password: PASSWORD, pin: PIN, ip: '10.4.0.2' };
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) {
      await assert.rejects(authenticate(db, { ...right, pin: '000000', ip: '10.4.0.66' }, t0));
    }
    const almost = new Date(t0.getTime() + LOCKOUT_WINDOW_MS - 60_000);
    await assert.rejects(
      authenticate(db, right, almost),
      (e: DomainError) => e.code === 'ACCOUNT_LOCKED' && e.extra.retryAfterSeconds === 60,
    );
    const after = new Date(t0.getTime() + LOCKOUT_WINDOW_MS + 1000);
    assert.ok((await authenticate(db, right, after)).userId > 0, 'the new device logs in after the window');
  });

  test('an administrator lifts the lock; only the ADMIN profile may', async () => {
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++)
      await attempt('op.torino', { password: 'nope', ip: '10.5.0.66' });
    assert.equal((await attempt('op.torino', { ip: '10.5.0.2' })).statusCode, 429);
    const operator = await login(w.app, 'op.cn2');
    const denied = await operator.req({
      method: 'POST',
      url: '/api/auth/unlock',
      payload: { username: 'op.torino' },
    });
    assert.equal(denied.statusCode, 403);
    const admin = await login(w.app, 'admin');
    const unknown = await admin.req({
      method: 'POST',
      url: '/api/auth/unlock',
      payload: { username: 'nessuno' },
    });
    assert.equal(unknown.statusCode, 404);
    const lifted = await admin.req({
      method: 'POST',
      url: '/api/auth/unlock',
      payload: { username: ' OP.Torino ' },
    });
    assert.equal(lifted.statusCode, 204);
    assert.equal((await attempt('op.torino', { ip: '10.5.0.2' })).statusCode, 200);
  });
});

describe('rate limit', () => {
  test('more than 30 logins a minute from one address: 429 problem+json RATE_LIMITED in Italian with Retry-After', async () => {
    const answers: Res[] = [];
    for (let i = 0; i < 31; i++) answers.push(await attempt('nessuno', { password: 'x', ip: '10.6.0.1' }));
    assert.ok(
      answers.slice(0, 30).every((r) => r.json().code !== 'RATE_LIMITED'),
      'the first 30 are not rate limited',
    );
    const limited = answers[30]!;
    assert.equal(limited.statusCode, 429);
    assert.match(String(limited.headers['content-type']), /application\/problem\+json/);
    assert.equal(limited.json().code, 'RATE_LIMITED');
    assert.match(limited.json().detail, /Riprovare tra \d+ second/);
    assert.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After');
    // another address is not limited
    assert.equal((await attempt('citizen', { ip: '10.6.0.2' })).statusCode, 200);
  });
});

describe('login flood', () => {
  test('60 logins at once from 60 addresses: argon2 runs ARGON2_SLOTS at a time, other users keep answering (figures printed)', async () => {
    const c = await login(w.app, 'counter.torino');
    const median = async (n: number) => {
      const t: number[] = [];
      for (let i = 0; i < n; i++) {
        const start = performance.now();
        assert.equal((await c.req({ method: 'GET', url: '/api/auth/me' })).statusCode, 200);
        t.push(performance.now() - start);
      }
      return t.sort((a, b) => a - b)[Math.floor(n / 2)]!;
    };
    const base = await median(20);
    const started = performance.now();
    const flood = Promise.all(
      Array.from({ length: 60 }, (_, i) => attempt(`flood${i}`, { password: 'x', ip: `10.7.${i}.1` })),
    );
    const during = await median(20);
    const answers = await flood;
    const floodMs = performance.now() - started;
    console.log(
      `# login flood: /api/auth/me median ${base.toFixed(1)} ms before, ${during.toFixed(1)} ms during 60 parallel logins (${ARGON2_SLOTS} argon2 slot(s), flood done in ${floodMs.toFixed(0)} ms)`,
    );
    assert.ok(
      answers.every((r) => r.statusCode === 401),
      'each flood login is verified and refused, none fails otherwise',
    );
    assert.ok(during < 1000, `a signed-in user waited ${during} ms`);
  });
});

describe('the argon2 gate', () => {
  test('beyond ARGON2_SLOTS running and ARGON2_QUEUE waiting, a login is refused at once with 429 RATE_LIMITED and its slot given back', async () => {
    const release: Array<() => void> = [];
    const total = ARGON2_SLOTS + ARGON2_QUEUE;
    let done = 0;
    const held = Array.from({ length: total }, () =>
      withVerifierSlot(() => new Promise<void>((resolve) => release.push(resolve))).then(() => {
        done++;
      }),
    );
    const db = w.database.db;
    await assert.rejects(
      authenticate(db, { username: 'gate.user', password: 'x', pin: 'y', ip: '10.8.0.1' }),
      (e: DomainError) => e.code === 'RATE_LIMITED' && e.extra.retryAfterSeconds === 2,
    );
    const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, 'user:gate.user'));
    assert.equal(row?.failures, 0, 'the reservation was refunded');
    // the held slots drain: each waiter gets a slot when one is released
    while (done < total) {
      for (const r of release.splice(0)) r();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(held);
  });
});

describe('every session of the user ends', () => {
  test('logout-all ends the sessions of every browser; it needs the CSRF token', async () => {
    const a = await login(w.app, 'giovanni');
    const b = await login(w.app, 'giovanni');
    const noCsrf = await w.app.inject({
      method: 'POST',
      url: '/api/auth/logout-all',
      headers: { cookie: a.cookie },
    });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal((await a.req({ method: 'POST', url: '/api/auth/logout-all' })).statusCode, 204);
    assert.equal((await a.req({ method: 'GET', url: '/api/auth/me' })).statusCode, 401);
    assert.equal((await b.req({ method: 'GET', url: '/api/auth/me' })).statusCode, 401);
    assert.equal(await sessionsOf('giovanni'), 0);
  });

  test('deactivating a user deletes their session rows', async () => {
    await login(w.app, 'spec2');
    await login(w.app, 'spec2');
    assert.equal(await sessionsOf('spec2'), 2);
    await w.database.db.update(appUser).set({ active: false }).where(eq(appUser.username, 'spec2'));
    assert.equal(await sessionsOf('spec2'), 0);
  });

  test('a profile switch rotates the session: new cookie and CSRF token, the old token is dead', async () => {
    const c = await login(w.app, 'multi');
    const res = await c.req({
      method: 'POST',
      url: '/api/auth/profile',
      payload: { profileId: c.profiles[0]!.id },
    });
    assert.equal(res.statusCode, 200);
    const fresh = cookieOf(res, 'esz_session')!;
    const csrf = res.json().csrfToken as string;
    assert.ok(fresh && `esz_session=${fresh}` !== c.cookie, 'a new session cookie');
    assert.notEqual(csrf, c.csrf);
    assert.equal((await c.req({ method: 'GET', url: '/api/auth/me' })).statusCode, 401, 'old token');
    const now = await me(fresh);
    assert.equal(now.json().activeProfile.role, 'DISTRICT_OPERATOR');
    assert.equal(now.json().csrfToken, csrf);
    const oldCsrf = await w.app.inject({
      method: 'POST',
      url: '/api/auth/profile',
      headers: { cookie: `esz_session=${fresh}`, 'x-csrf-token': c.csrf },
      payload: { profileId: c.profiles[1]!.id },
    });
    assert.equal(oldCsrf.statusCode, 403);
  });
});

describe('API keys', () => {
  test('a revoked key is refused at the very next request', async () => {
    const { key, id } = await createApiKey(w.database.db, 'Farmacia revocata');
    const url = `/api/registry/exemptions?fiscalCode=${PEOPLE.torino.fiscalCode}`;
    const use = () => w.app.inject({ url, headers: { authorization: `Bearer ${key}` } });
    assert.equal((await use()).statusCode, 200);
    assert.equal(await revokeApiKey(w.database.db, id), true);
    const refused = await use();
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.json().code, 'API_KEY_INVALID');
  });

  test('the key lookup is one unique-index hit (figure printed)', async () => {
    const { key } = await createApiKey(w.database.db, 'Farmacia misurata');
    for (let i = 0; i < 50; i++) await findApiKey(w.database.db, key);
    const n = 500;
    const t = performance.now();
    for (let i = 0; i < n; i++) await findApiKey(w.database.db, key);
    const us = ((performance.now() - t) / n) * 1000;
    console.log(`# API key lookup without cache: ${us.toFixed(0)} µs per request (${n} sequential lookups)`);
    assert.ok(us < 20_000, `lookup ${us} µs`);
  });
});

describe('purge', () => {
  test('expired sessions, old login attempts, spent throttle rows and forgotten devices go; fresh ones stay', async () => {
    const db = w.database.db;
    const now = new Date('2027-03-01T03:00:00Z');
    const day = 86_400_000;
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const uid = await userId('counter.torino');
    await db.insert(session).values([
      { id: 'p'.repeat(64), userId: uid, csrfToken: 'x', lastSeenAt: ago(60_000), expiresAt: ago(1000) },
      {
        id: 'q'.repeat(64),
        userId: uid,
        csrfToken: 'x',
        lastSeenAt: ago(31 * 60_000),
        expiresAt: new Date(now.getTime() + 3_600_000),
      },
      {
        id: 'r'.repeat(64),
        userId: uid,
        csrfToken: 'x',
        lastSeenAt: ago(60_000),
        expiresAt: new Date(now.getTime() + 3_600_000),
      },
    ]);
    await db.insert(loginAttempt).values([
      { username: 'purge.old', at: ago(91 * day), success: false, outcome: 'BAD_CREDENTIALS' },
      { username: 'purge.fresh', at: ago(89 * day), success: true, outcome: 'SUCCESS' },
    ]);
    await db.insert(loginThrottle).values([
      { key: 'user:purge.old', failures: 5, windowStart: ago(40 * 60_000), lockedUntil: ago(10 * 60_000) },
      {
        key: 'user:purge.locked',
        failures: 5,
        windowStart: ago(20 * 60_000),
        lockedUntil: new Date(now.getTime() + 60_000),
      },
      { key: 'user:purge.window', failures: 2, windowStart: ago(60_000), lockedUntil: null },
    ]);
    await db.insert(knownDevice).values([
      { tokenHash: 'a'.repeat(64), userId: uid, createdAt: ago(400 * day), lastUsedAt: ago(181 * day) },
      { tokenHash: 'b'.repeat(64), userId: uid, createdAt: ago(400 * day), lastUsedAt: ago(10 * day) },
    ]);
    const tasks = authMaintenanceTasks({ idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 });
    const removed: Record<string, number> = {};
    for (const t of tasks) removed[t.name] = await t.run(db, now);
    assert.ok(
      removed['purge-expired-sessions']! >= 2,
      `sessions purged: ${removed['purge-expired-sessions']}`,
    );
    const ids = (await db.select({ id: session.id }).from(session).where(eq(session.userId, uid))).map(
      (s) => s.id,
    );
    assert.ok(
      ids.includes('r'.repeat(64)) && !ids.includes('p'.repeat(64)) && !ids.includes('q'.repeat(64)),
      'expired and idle sessions gone, the live one kept',
    );
    const names = (await db.select({ u: loginAttempt.username }).from(loginAttempt)).map((r) => r.u);
    assert.ok(
      !names.includes('purge.old') && names.includes('purge.fresh'),
      'attempts older than 90 days gone',
    );
    const keys = (await db.select({ k: loginThrottle.key }).from(loginThrottle)).map((r) => r.k);
    assert.ok(
      !keys.includes('user:purge.old') &&
        keys.includes('user:purge.locked') &&
        keys.includes('user:purge.window'),
      'spent throttle rows gone',
    );
    const devices = (
      await db.select({ h: knownDevice.tokenHash }).from(knownDevice).where(eq(knownDevice.userId, uid))
    ).map((r) => r.h);
    assert.ok(
      !devices.includes('a'.repeat(64)) && devices.includes('b'.repeat(64)),
      'the device unused for 181 days forgotten',
    );
    // the retention is configurable
    const short = authMaintenanceTasks(
      { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 },
      { loginAttemptRetentionDays: 30 },
    );
    await short.find((t) => t.name === 'purge-login-attempts')!.run(db, now);
    assert.equal(
      (await db.select().from(loginAttempt).where(eq(loginAttempt.username, 'purge.fresh'))).length,
      0,
    );
  });
});
