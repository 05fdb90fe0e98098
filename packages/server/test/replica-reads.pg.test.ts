/**
 * issue 16 §2: reads from a streaming replica (db/replica.ts).
 * - the lag rule: replay at the primary's WAL position is lag 0 (an idle primary does not age the
 *   replica); otherwise the age of the last replayed commit, against DATABASE_REPLICA_MAX_LAG_MS;
 * - a server that is not a standby, or one that does not answer, is never used: reads go to the primary;
 * - the app's wiring: the registry lookup reads where `readOn` sends it, and its access-log row is
 *   written on the primary (never on the replica, which could not take it anyway), committed before
 *   the answer; the detail of a case stays on the primary.
 * Two databases stand for primary and replica here, so that where a row was read and where one was
 * written can be told apart; the real streaming replica, stopped and started under load, is
 * `npm run test:cluster`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { openDatabase, rows, type Database, type Db } from '../src/db/client.js';
import { assessReplica, ReadReplica, readOnReplica, type ReadRoute } from '../src/db/replica.js';
import { registryExemption } from '../src/db/schema.js';
import { openTestDatabase } from './helpers/db.js';
import { login, TEST_APP_CONFIG } from './helpers/app.js';
import { PEOPLE, USERS } from './helpers/fixtures.js';
import type { FastifyInstance } from 'fastify';

test('the lag rule: caught up is 0 whatever the last commit age; behind is the age of the last replayed commit', () => {
  const standby = { standby: true };
  assert.deepEqual(assessReplica({ ...standby, behindBytes: 0, lastReplayAgeMs: 3_600_000 }, 2000), {
    lagMs: 0,
    reason: 'ok',
  });
  assert.deepEqual(assessReplica({ ...standby, behindBytes: -10, lastReplayAgeMs: null }, 2000), {
    lagMs: 0,
    reason: 'ok',
  });
  assert.deepEqual(assessReplica({ ...standby, behindBytes: 8192, lastReplayAgeMs: 1500 }, 2000), {
    lagMs: 1500,
    reason: 'ok',
  });
  assert.deepEqual(assessReplica({ ...standby, behindBytes: 8192, lastReplayAgeMs: 2001 }, 2000), {
    lagMs: 2001,
    reason: 'lag',
  });
  // behind and nothing replayed yet: unbounded
  assert.equal(assessReplica({ ...standby, behindBytes: 1, lastReplayAgeMs: null }, 2000).reason, 'lag');
  assert.deepEqual(assessReplica({ standby: false, behindBytes: 0, lastReplayAgeMs: 0 }, 2000), {
    lagMs: null,
    reason: 'not_standby',
  });
});

let primary: Database;
let replica: Database;
before(async () => {
  primary = await openTestDatabase({ fixtures: true });
  replica = await openTestDatabase({ fixtures: true });
});
after(async () => {
  await replica.close();
  await primary.close();
});

const routesOf = () => {
  const seen: ReadRoute[] = [];
  return { seen, onRead: (r: ReadRoute) => void seen.push(r) };
};

test('a server that is not a standby is not used, nor one that does not answer: the reads go to the primary', async () => {
  const r = routesOf();
  const notStandby = new ReadReplica(primary.db, replica.db, { maxLagMs: 2000, checkMs: 500, ...r });
  await notStandby.measure();
  assert.equal(notStandby.current().reason, 'not_standby');
  const where = await notStandby.run(async (db) => (db === primary.db ? 'primary' : 'replica'));
  assert.equal(where, 'primary');

  // a replica that is away: its pool cannot connect (nothing listens on port 1)
  const away = await openDatabase({
    url: 'postgres://postgres@127.0.0.1:1/none',
    timeouts: { connectMs: 300 },
    onConnectionError: () => undefined,
  });
  try {
    const gone = new ReadReplica(primary.db, away.db, { maxLagMs: 2000, checkMs: 500, ...r });
    await gone.measure();
    assert.equal(gone.current().reason, 'down');
    assert.equal(gone.current().usable, false);
    assert.equal(await gone.run(async (db) => (db === primary.db ? 'primary' : 'replica')), 'primary');
  } finally {
    await away.close();
  }
  assert.deepEqual(r.seen, ['primary_down', 'primary_down']);
});

let app: FastifyInstance;
test('the registry lookup reads where readOn sends it; its access-log row is on the primary, committed before the answer', async () => {
  // a row only the "replica" has: seen in the answer only if the read ran there
  const fc = PEOPLE.lucia.fiscalCode;
  await replica.db.insert(registryExemption).values({
    fiscalCode: fc,
    exemptionCode: '048',
    family: 'CHRONIC',
    validFrom: '2020-01-01',
    validUntil: null,
  });
  const readOn = <T>(read: (db: Db) => Promise<T>) => read(replica.db);
  app = await buildApp({
    db: primary.db,
    readOn,
    logger: false,
    config: TEST_APP_CONFIG,
  });
  try {
    const gp = await login(app, USERS.gp.username);
    const res = await gp.req({ method: 'GET', url: `/api/registry/exemptions?fiscalCode=${fc}` });
    assert.equal(res.statusCode, 200, res.body);
    const codes = (res.json() as { exemptions: Array<{ code: string }> }).exemptions.map((e) => e.code);
    assert.ok(codes.includes('048'), `read on the replica: ${codes.join(',')}`);
    const correlationId = String(res.headers['x-correlation-id']);
    const count = async (db: Db) =>
      (
        await rows<{ n: number }>(
          db,
          sql`select count(*)::int as n from access_log where correlation_id = ${correlationId} and action = 'REGISTRY_LOOKUP'`,
        )
      )[0]!.n;
    assert.equal(await count(primary.db), 1, 'the access-log row is on the primary');
    assert.equal(await count(replica.db), 0, 'and not on the replica');

    // the same through a ReadReplica whose replica is not a standby: the primary answers (no 048 there)
    const guarded = new ReadReplica(primary.db, replica.db, { maxLagMs: 2000, checkMs: 500 });
    await guarded.measure();
    const viaGuard = await readOnReplica(guarded)(
      async (db) =>
        (
          await db
            .select()
            .from(registryExemption)
            .where(sql`fiscal_code = ${fc} and exemption_code = '048'`)
        ).length,
    );
    assert.equal(viaGuard, 0);
  } finally {
    await app.close();
  }
});
