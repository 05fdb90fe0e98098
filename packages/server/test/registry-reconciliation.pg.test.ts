/**
 * The nightly reconciliation with the regional registry on pg-boss (issue 14 §2; PostgreSQL only): the job
 * is scheduled at 02:30 Rome and, run with runNext (what a worker does on its poll, nothing waits), compares
 * the exemptions changed the day before with a fake registry and records one run with the differences.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { rows } from '../src/db/client.js';
import { httpRegistry } from '../src/interop/registry-client.js';
import {
  RECONCILIATION_CRON,
  RECONCILIATION_JOB,
  registryReconciliationJob,
} from '../src/jobs/registry-reconciliation.js';
import { SCHEDULE_TZ, startScheduledJobs, type ScheduledJobs } from '../src/jobs/scheduled-jobs.js';
import { login, startWorld, type TestWorld } from './helpers/app.js';
import { startFakeRegistry, type FakeRegistry } from './helpers/fake-registry.js';
import { newCase, USERS } from './helpers/fixtures.js';

const validatedAt = new Date('2026-03-10T09:00:00Z');
const night = new Date('2026-03-11T01:30:00Z');
let w: TestWorld;
let fake: FakeRegistry;
let jobs: ScheduledJobs | undefined;

before(async () => {
  w = await startWorld({ clock: () => validatedAt });
  fake = await startFakeRegistry();
});
after(async () => {
  await jobs?.stop();
  await w.close();
  await fake.close();
});

test('pg-boss: the reconciliation is scheduled nightly and, run once, records the day’s differences', async () => {
  const connectionString = w.database.connection?.connectionString;
  assert.ok(connectionString, 'PostgreSQL only');
  const op = await login(w.app, USERS.opTorino.username);
  const n = await newCase(w.database.db, 'torino', '048', validatedAt);
  const v = await op.req({ method: 'POST', url: `/api/cases/${n}/validate`, payload: {}, ifMatch: 1 });
  assert.equal(v.statusCode, 200, v.body);
  const [row] = await rows<{ id: number }>(
    w.database.db,
    sql`select r.id from registry_exemption r join exemption_case c on c.id = r.case_id where c.case_number = ${n}`,
  );

  const registry = httpRegistry({ url: fake.url, timeoutMs: 5_000, maxAttempts: 3 });
  jobs = await startScheduledJobs({
    connectionString,
    db: w.database.db,
    jobs: [registryReconciliationJob(registry, 0)],
    clock: () => night,
    work: false,
  });
  const [schedule] = await rows<{ cron: string; timezone: string }>(
    w.database.db,
    sql`select cron, timezone from pgboss.schedule where name = ${RECONCILIATION_JOB}`,
  );
  assert.deepEqual(schedule, { cron: RECONCILIATION_CRON, timezone: SCHEDULE_TZ });
  assert.equal(await jobs.runNext(RECONCILIATION_JOB), true);
  const runs = await rows<{ day: string; checked: number; differences: unknown }>(
    w.database.db,
    sql`select day::text as day, checked, differences from registry_reconciliation`,
  );
  assert.equal(runs.length, 1);
  assert.equal(runs[0]!.day, '2026-03-10');
  assert.equal(runs[0]!.checked, 1);
  // never pushed (no push in this test): the registry does not have it
  assert.deepEqual(runs[0]!.differences, [{ coverageId: String(row!.id), kind: 'MISSING', fields: [] }]);
  assert.deepEqual(
    fake.received.map((r) => [r.method, r.path]),
    [['GET', `/fhir/Coverage/${row!.id}`]],
  );
});
