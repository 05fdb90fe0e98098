/**
 * Session time, driven by the app's injected clock (buildApp `clock`): no test waits. The idle
 * timeout (30 minutes), the absolute lifetime (12 hours, however active the session), and the
 * maintenance pass (the runner with the production task list) that deletes expired sessions and keeps
 * live ones.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { session } from '../src/db/schema.js';
import { tokenHash } from '../src/auth/sessions.js';
import { authMaintenanceTasks } from '../src/auth/purge.js';
import { startMaintenance } from '../src/jobs/maintenance.js';

const MINUTE = 60_000;
const IDLE_MS = 30 * MINUTE;
const MAX_MS = 12 * 60 * MINUTE;

/** The test's clock: starts at a fixed instant and moves only when told. */
let t = new Date('2027-05-03T07:00:00Z').getTime();
const clock = () => new Date(t);
const advance = (ms: number) => {
  t += ms;
};

let w: TestWorld;
before(async () => {
  w = await startWorld({ sessionIdleMs: IDLE_MS, sessionMaxMs: MAX_MS, clock });
});
after(() => w.close());

const me = (c: Client) => c.req({ method: 'GET', url: '/api/auth/me' });
const sessionIdOf = (c: Client) => tokenHash(decodeURIComponent(c.cookie.split('=')[1]!));
const sessionRow = async (c: Client) =>
  (
    await w.database.db
      .select()
      .from(session)
      .where(eq(session.id, sessionIdOf(c)))
  )[0];

describe('idle timeout (30 minutes by the injected clock)', () => {
  test('activity keeps the session; 30 minutes without a request end it: 401 SESSION_EXPIRED', async () => {
    const c = await login(w.app, 'gp');
    assert.equal((await me(c)).statusCode, 200);
    // a request every 29 minutes keeps it alive well past 30 minutes since the login
    for (let i = 0; i < 3; i++) {
      advance(29 * MINUTE);
      assert.equal((await me(c)).statusCode, 200, `after ${(i + 1) * 29} minutes`);
    }
    assert.equal((await sessionRow(c))?.lastSeenAt.getTime(), t, 'last activity is the clock time');
    advance(IDLE_MS - 1);
    assert.equal((await me(c)).statusCode, 200, 'one millisecond short of the timeout');
    advance(IDLE_MS);
    const res = await me(c);
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'SESSION_EXPIRED');
    assert.equal(await sessionRow(c), undefined, 'the expired session row is deleted at once');
    // and stays dead: the next request is simply unauthenticated
    assert.equal((await me(c)).json().code, 'UNAUTHENTICATED');
  });
});

describe('absolute lifetime (12 hours by the injected clock)', () => {
  test('a session in use all the time still ends 12 hours after the login', async () => {
    const c = await login(w.app, 'op.torino');
    const loggedInAt = t;
    assert.equal((await sessionRow(c))?.expiresAt.getTime(), loggedInAt + MAX_MS);
    // a request every 20 minutes: never idle
    while (t + 20 * MINUTE < loggedInAt + MAX_MS) {
      advance(20 * MINUTE);
      assert.equal((await me(c)).statusCode, 200, `${(t - loggedInAt) / MINUTE} minutes after the login`);
    }
    t = loggedInAt + MAX_MS - 1;
    assert.equal((await me(c)).statusCode, 200, 'one millisecond before the end of its lifetime');
    advance(1);
    const res = await me(c);
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'SESSION_EXPIRED');
  });

  test('a profile switch keeps the absolute expiry of the session', async () => {
    const c = await login(w.app, 'multi');
    const expiresAt = (await sessionRow(c))!.expiresAt.getTime();
    advance(10 * MINUTE);
    const chosen = await c.req({
      method: 'POST',
      url: '/api/auth/profile',
      payload: { profileId: c.profiles[0]!.id },
    });
    assert.equal(chosen.statusCode, 200);
    const cookie = String(chosen.headers['set-cookie']).split(';')[0]!;
    const id = tokenHash(decodeURIComponent(cookie.split('=')[1]!));
    const [rotated] = await w.database.db.select().from(session).where(eq(session.id, id));
    assert.equal(rotated?.expiresAt.getTime(), expiresAt);
    assert.equal(rotated?.lastSeenAt.getTime(), t);
  });
});

describe('maintenance pass', () => {
  test('the runner with the production auth tasks deletes idle and over-age sessions and keeps live ones', async () => {
    const policy = { idleMs: IDLE_MS, maxMs: MAX_MS };
    const runner = startMaintenance(w.database.db, authMaintenanceTasks(policy), {
      clock,
      tickMs: 3_600_000,
    });
    try {
      const idle = await login(w.app, 'citizen');
      const old = await login(w.app, 'admin');
      const oldLogin = t;
      // the old session is used every 25 minutes for 12 hours; the idle one never again
      while (t + 25 * MINUTE < oldLogin + MAX_MS) {
        advance(25 * MINUTE);
        assert.equal((await me(old)).statusCode, 200);
      }
      const live = await login(w.app, 'counter.torino');
      t = oldLogin + MAX_MS; // the old one's lifetime is over, the live one is minutes old
      assert.ok(await sessionRow(idle), 'the idle session is still a row before the pass');
      assert.ok(await sessionRow(old), 'so is the over-age one');

      const outcomes = await runner.tick();
      const purge = outcomes.find((o) => o.name === 'purge-expired-sessions');
      assert.ok(purge?.ran, 'the session purge ran in the pass');
      assert.ok((purge.rows ?? 0) >= 2, `sessions purged: ${purge.rows}`);
      assert.equal(await sessionRow(idle), undefined, 'idle session deleted');
      assert.equal(await sessionRow(old), undefined, 'session past its lifetime deleted');
      assert.ok(await sessionRow(live), 'live session kept');
      assert.equal((await me(live)).statusCode, 200, 'and still usable');
    } finally {
      await runner.stop();
    }
  });
});
