import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { login, startWorld, type TestWorld } from './helpers/app.js';
import { PASSWORD, PIN } from './helpers/fixtures.js';
import { sql } from 'drizzle-orm';

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

describe('profiles, CSRF, idle timeout, logout', () => {
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

  test('a session idle past the timeout is closed: 401 SESSION_EXPIRED', async () => {
    const c = await login(w.app, 'gp');
    assert.equal((await c.req({ method: 'GET', url: '/api/auth/me' })).statusCode, 200);
    // 31 minutes of idleness (the timeout is 30), set in the row rather than waited for
    await w.database.db.execute(sql`update session set last_seen_at = now() - interval '31 minutes'`);
    const res = await c.req({ method: 'GET', url: '/api/auth/me' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'SESSION_EXPIRED');
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

test('an unexpected database error is logged without the query parameters (no personal data in logs)', async () => {
  const { redactedError } = await import('../src/app.js');
  const e = new Error('Failed query: select * from person where fiscal_code = $1\nparams: RSSMRA80A01L219M');
  const r = redactedError(e);
  assert.match(r.message, /select \* from person/);
  assert.ok(!JSON.stringify(r).includes('RSSMRA80A01L219M'));
});
