/**
 * The maintenance runner (jobs/maintenance.ts) that deletes processed outbox events and purges
 * authentication data: each task at most once per period across processes, with an injected clock,
 * never overlapping itself, failures logged and survived. Both databases.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase } from './helpers/db.js';
import type { Database } from '../src/db/client.js';
import { runMaintenanceOnce, startMaintenance } from '../src/jobs/maintenance.js';
import type { MaintenanceTask } from '../src/jobs/maintenance-task.js';
import { outboxRetentionTask } from '../src/jobs/outbox-admin.js';
import { authMaintenanceTasks } from '../src/auth/purge.js';

let database: Database;
before(async () => {
  database = await openTestDatabase();
});
after(() => database.close());

const HOUR = 3_600_000;
const counting = (name: string, everyMs: number) => {
  const task = {
    name,
    everyMs,
    runs: [] as Date[],
    run: async (_db: unknown, now: Date) => (task.runs.push(now), 0),
  };
  return task;
};

test('each task runs at most once per period, whichever process asks (the clock is injected)', async () => {
  const task = counting('count-a', HOUR);
  const t0 = new Date('2026-11-30T10:00:00Z');
  // two processes at the same moment: one runs it
  const [p1, p2] = await Promise.all([
    runMaintenanceOnce(database.db, [task], t0),
    runMaintenanceOnce(database.db, [task], t0),
  ]);
  assert.equal([p1[0]!.ran, p2[0]!.ran].filter(Boolean).length, 1);
  assert.equal(task.runs.length, 1);
  // within the period: nobody
  await runMaintenanceOnce(database.db, [task], new Date(t0.getTime() + HOUR - 1));
  assert.equal(task.runs.length, 1);
  // a period later: once more
  await runMaintenanceOnce(database.db, [task], new Date(t0.getTime() + HOUR));
  await runMaintenanceOnce(database.db, [task], new Date(t0.getTime() + HOUR));
  assert.deepEqual(
    task.runs.map((d) => d.toISOString()),
    ['2026-11-30T10:00:00.000Z', '2026-11-30T11:00:00.000Z'],
  );
});

test('a failing task is logged and survived: the others still run, and it runs again next period', async () => {
  const errors: object[] = [];
  const log = { info: () => undefined, error: (o: object) => void errors.push(o) };
  let failures = 0;
  const failing: MaintenanceTask = {
    name: 'fails',
    everyMs: HOUR,
    run: async () => (failures++, Promise.reject(new Error('no'))),
  };
  const after1 = counting('after-failing', HOUR);
  const t0 = new Date('2026-11-30T10:00:00Z');
  const outcomes = await runMaintenanceOnce(database.db, [failing, after1], t0, log as never);
  assert.deepEqual(
    outcomes.map((o) => [o.name, o.ran, o.error ?? null]),
    [
      ['fails', true, 'Error'],
      ['after-failing', true, null],
    ],
  );
  assert.equal(errors.length, 1);
  assert.deepEqual((errors[0] as { task: string }).task, 'fails');
  await runMaintenanceOnce(database.db, [failing, after1], new Date(t0.getTime() + HOUR), log as never);
  assert.equal(failures, 2);
});

test('the runner never overlaps itself: a tick waits for the one still running', async () => {
  let running = 0;
  let maxRunning = 0;
  let release: () => void = () => undefined;
  const slow: MaintenanceTask = {
    name: 'slow',
    everyMs: 1,
    run: async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise<void>((r) => (release = r));
      running--;
      return 0;
    },
  };
  let now = new Date('2026-11-30T10:00:00Z').getTime();
  const runner = startMaintenance(database.db, [slow], {
    clock: () => new Date((now += 1_000)),
    tickMs: 3_600_000,
  });
  const first = runner.tick();
  const second = runner.tick();
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(running, 1, 'the second tick waits');
  release();
  await first;
  await new Promise((r) => setTimeout(r, 50));
  release();
  await second;
  assert.equal(maxRunning, 1);
  await runner.stop();
});

test('the production tasks run through the runner: outbox retention and the auth purges', async () => {
  const tasks = [outboxRetentionTask(7), ...authMaintenanceTasks({ idleMs: 30 * 60_000, maxMs: 12 * HOUR })];
  const outcomes = await runMaintenanceOnce(database.db, tasks, new Date());
  assert.ok(outcomes.length >= 2);
  for (const o of outcomes) assert.deepEqual([o.name, o.ran, o.error ?? null], [o.name, true, null]);
  assert.ok(outcomes.some((o) => o.name === 'outbox-retention'));
});
