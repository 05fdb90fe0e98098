import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { login, startWorld, type TestWorld } from './helpers/app.js';
import { PASSWORD, PEOPLE, PIN, USERS } from './helpers/fixtures.js';

let w: TestWorld;
before(async () => {
  w = await startWorld();
});
after(() => w.close());

const loginAs = (username: string, password = PASSWORD, pin = PIN) =>
  w.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, pin } });

describe('login', () => {
  test('a single-profile user is logged in with that profile active; the cookie is HttpOnly and SameSite=Strict', async () => {
    const res = await loginAs('op.torino');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.profiles.length, 1);
    assert.equal(body.profiles[0].role, 'DISTRICT_OPERATOR');
    assert.equal(body.profiles[0].aslId, '010301');
    assert.ok(body.csrfToken.length >= 32);
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const me = await w.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: cookie.split(';')[0]! },
    });
    assert.equal(me.json().activeProfile.role, 'DISTRICT_OPERATOR');
  });

  test('wrong password, wrong PIN or unknown user: 401 with an Italian problem', async () => {
    for (const [u, p, pin] of [
      ['op.bra', 'nope', PIN],
      ['op.bra', PASSWORD, '000000'],
      ['nessuno', PASSWORD, PIN],
    ] as const) {
      const res = await loginAs(u, p, pin);
      assert.equal(res.statusCode, 401);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      const b = res.json();
      assert.equal(b.code, 'INVALID_CREDENTIALS');
      assert.ok(b.correlationId);
    }
  });

  test('five failures in 15 minutes lock the account: 429 with the retry time, even with the right password', async () => {
    for (let i = 1; i <= 4; i++) assert.equal((await loginAs('op.cn2', 'sbagliata')).statusCode, 401);
    const fifth = await loginAs('op.cn2', 'sbagliata');
    assert.equal(fifth.statusCode, 429);
    const right = await loginAs('op.cn2');
    assert.equal(right.statusCode, 429);
    const b = right.json();
    assert.equal(b.code, 'ACCOUNT_LOCKED');
    assert.ok(b.retryAfterSeconds > 0 && b.retryAfterSeconds <= 900);
    assert.equal(right.headers['retry-after'], String(b.retryAfterSeconds));
    assert.match(b.detail, /Riprovare tra \d+ minut/);
  });

  test('a missing field is a 400 naming it; malformed JSON is a 400, never a 500', async () => {
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'x', password: 'y' },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'VALIDATION_FAILED');
    assert.ok(res.json().issues.some((i: { field: string }) => i.field === 'pin'));
    const bad = await w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'MALFORMED_JSON');
  });
});

// the idle timeout and the absolute lifetime are driven by the injected clock in sessions.test.ts
describe('profiles, CSRF, logout', () => {
  test('a user with two profiles chooses one; an unknown profile is refused', async () => {
    const c = await login(w.app, 'multi');
    assert.equal(c.profiles.length, 2);
    const noProfile = await c.req({ method: 'GET', url: '/api/cases' });
    assert.equal(noProfile.statusCode, 403);
    assert.equal(noProfile.json().code, 'PROFILE_REQUIRED');
    const unknown = await c.req({
      method: 'POST',
      url: '/api/auth/profile',
      payload: { profileId: '999999' },
    });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().code, 'PROFILE_UNKNOWN');
    const chosen = await c.req({
      method: 'POST',
      url: '/api/auth/profile',
      payload: { profileId: c.profiles[1]!.id },
    });
    assert.equal(chosen.statusCode, 200);
    assert.equal(chosen.json().activeProfile.role, 'ADMIN_OPERATOR');
  });

  test('a state-changing request without the CSRF token, or with a wrong one, is refused with 403', async () => {
    const c = await login(w.app, 'multi');
    for (const token of [undefined, 'x'.repeat(43)]) {
      const headers: Record<string, string> = { cookie: c.cookie };
      if (token) headers['x-csrf-token'] = token;
      const res = await w.app.inject({
        method: 'POST',
        url: '/api/auth/profile',
        headers,
        payload: { profileId: c.profiles[0]!.id },
      });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().code, 'CSRF_TOKEN_INVALID');
    }
  });

  test('logout ends the session', async () => {
    const c = await login(w.app, 'gp');
    assert.equal((await c.req({ method: 'POST', url: '/api/auth/logout' })).statusCode, 204);
    assert.equal((await c.req({ method: 'GET', url: '/api/auth/me' })).statusCode, 401);
  });

  test('health, readiness, metrics and the OpenAPI document answer', async () => {
    assert.equal((await w.app.inject({ url: '/healthz' })).statusCode, 200);
    assert.equal((await w.app.inject({ url: '/readyz' })).json().status, 'ready');
    const metrics = await w.app.inject({ url: '/metrics' });
    assert.match(metrics.body, /http_request_duration_seconds/);
    const doc = await w.app.inject({ url: '/api/docs/json' });
    assert.equal(doc.statusCode, 200);
    const paths = Object.keys(doc.json().paths);
    for (const p of [
      '/api/cases',
      '/api/cases/{caseNumber}/validate',
      '/api/registry/exemptions',
      '/api/me/access-log',
    ])
      assert.ok(paths.includes(p), p);
    const unknown = await w.app.inject({ url: '/api/nothing-here' });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().code, 'NOT_FOUND');
  });
});

describe('an unexpected error reaches the log and the client without secrets or personal data', () => {
  const FISCAL_CODE = PEOPLE.torino.fiscalCode;
  const SECRET_PASSWORD = 'Mai-Nei-Log-2026!';
  const SECRET_PIN = '864209';
  let lines: string[];
  let logged: FastifyInstance;
  before(async () => {
    lines = [];
    // the production logger (level, redaction), writing to this array instead of stdout
    logged = await buildApp({
      db: w.database.db,
      config: {
        sessionIdleMs: 30 * 60_000,
        sessionMaxMs: 12 * 3_600_000,
        cookieSecure: false,
        trustProxy: false,
        webDist: '/nonexistent',
        logLevel: 'info',
      },
      logStream: { write: (line: string) => void lines.push(line) },
    });
  });
  after(() => logged.close());

  /** Runs `work` while `table` is renamed away, so every query on it fails inside the database. */
  async function withTableGone<T>(table: string, work: () => Promise<T>): Promise<T> {
    await w.database.db.execute(sql.raw(`alter table ${table} rename to ${table}_away`));
    try {
      return await work();
    } finally {
      await w.database.db.execute(sql.raw(`alter table ${table}_away rename to ${table}`));
    }
  }

  const unexpectedErrors = () => lines.filter((l) => l.includes('unexpected error'));

  test('a person lookup whose query fails: 500 problem, the log keeps the SQL but not the fiscal code', async () => {
    const c = await login(logged, USERS.specialist.username);
    const before = unexpectedErrors().length;
    const res = await withTableGone('person', () =>
      c.req({ method: 'GET', url: `/api/people/${FISCAL_CODE}` }),
    );
    assert.equal(res.statusCode, 500);
    assert.equal(res.json().code, 'INTERNAL');
    assert.ok(!res.body.includes(FISCAL_CODE), 'the response names no fiscal code');
    const errors = unexpectedErrors().slice(before);
    assert.equal(errors.length, 1, 'the error handler logged the failure once');
    const all = lines.join('\n');
    assert.ok(!all.includes(FISCAL_CODE), 'no log line carries the fiscal code');
    // the error did carry the fiscal code as a query parameter: the handler dropped it, kept the SQL
    assert.match(errors[0]!, /Failed query: select/);
    assert.match(errors[0]!, /params: \[omessi\]/);
  });

  test('a login whose query fails: 500 problem, neither the password, the PIN nor the username in the log', async () => {
    const before = unexpectedErrors().length;
    const res = await withTableGone('app_user', () =>
      logged.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: USERS.lucia.username, password: SECRET_PASSWORD, pin: SECRET_PIN },
      }),
    );
    assert.equal(res.statusCode, 500);
    assert.equal(res.json().code, 'INTERNAL');
    for (const secret of [SECRET_PASSWORD, SECRET_PIN])
      assert.ok(!res.body.includes(secret), 'the response carries no secret');
    const errors = unexpectedErrors().slice(before);
    assert.equal(errors.length, 1, 'the error handler logged the failure once');
    const all = lines.join('\n');
    for (const secret of [
      SECRET_PASSWORD,
      SECRET_PIN,
      `"${USERS.lucia.username}"`,
      `: ${USERS.lucia.username}`,
    ])
      assert.ok(!all.includes(secret), `no log line carries ${secret}`);
    assert.match(errors[0]!, /params: \[omessi\]/);
  });
});
