/**
 * The outbox pick reads pending rows only (issue 9): with 16,000 processed rows and 5,000 dead letters
 * ahead of a pending one, the plan of the pick uses the partial index and reads no processed or dead row.
 * And processed rows go away: the retention task deletes those older than the retention, and keeps
 * pending, dead and recent ones. Both databases.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from './helpers/db.js';
import { rows, type Database } from '../src/db/client.js';
import { pickDue } from '../src/jobs/outbox-worker.js';
import { outboxRetentionTask } from '../src/jobs/outbox-admin.js';

let database: Database;

before(async () => {
  database = await openTestDatabase();
  const db = database.db;
  // as in production: statistics gathered while the rows were pending, then the worker processed them
  // (the old pick, `order by id`, then walked the primary key through all 16,000: 44 ms)
  await db.execute(sql`insert into outbox (event_type, payload, created_at, next_attempt_at)
    select 'case.status-changed', '{}'::jsonb, now() - interval '30 days', now() - interval '30 days' from generate_series(1, 16000) g`);
  await db.execute(sql`analyze outbox`);
  await db.execute(sql`update outbox set processed_at = created_at + interval '1 second'`);
  await db.execute(sql`insert into outbox (event_type, payload, dead_at, attempts, next_attempt_at)
    select 'mail.send', '{}'::jsonb, now(), 10, now() - interval '40 days' from generate_series(1, 5000) g`);
  await db.execute(
    sql`insert into outbox (event_type, payload) values ('case.status-changed', '{"pending": true}'::jsonb)`,
  );
  // the first scan after the update visits the index entries of the old row versions once and marks them dead
  await rows(db, pickDue(100));
});
after(() => database.close());

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}
const nodesOf = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodesOf)];

test('the pick uses the partial index of pending rows and reads no processed or dead row', async () => {
  const [explained] = await rows<{ 'QUERY PLAN': unknown }>(
    database.db,
    sql`explain (analyze, format json) ${pickDue(100)}`,
  );
  const raw = explained!['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>;
  const nodes = nodesOf(plan[0]!.Plan);
  const scans = nodes.filter((n) => /Scan/.test(n['Node Type']));
  const read = scans.reduce(
    (sum, n) => sum + (n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0),
    0,
  );
  console.log(
    `  pick plan: ${scans.map((n) => `${n['Node Type']} ${n['Index Name'] ?? ''}`).join(', ')}; rows read ${read} (16,000 processed and 5,000 dead rows in the table)`,
  );
  assert.ok(
    scans.some((n) => n['Index Name'] === 'outbox_pending_idx'),
    'the partial index is used',
  );
  assert.ok(read <= 2, `rows read by the pick: ${read}`);
  const picked = await rows<{ id: number }>(database.db, pickDue(100));
  assert.equal(picked.length, 1);
});

test('the retention task deletes processed rows older than the retention, and keeps pending, dead and recent ones', async () => {
  const db = database.db;
  await db.execute(
    sql`insert into outbox (event_type, payload, processed_at) values ('case.status-changed', '{"recent": true}'::jsonb, now() - interval '1 day')`,
  );
  const task = outboxRetentionTask(7, 60_000, 5_000);
  // the clock is the one the runner passes: at 'now' every 30-day-old processed row is past a 7-day retention
  const removed = await task.run(db, new Date());
  assert.equal(removed, 16000);
  const [left] = await rows<{ processed: number; dead: number; pending: number }>(
    db,
    sql`select count(*) filter (where processed_at is not null)::int as processed, count(*) filter (where dead_at is not null)::int as dead,
               count(*) filter (where processed_at is null and dead_at is null)::int as pending from outbox`,
  );
  assert.deepEqual(left, { processed: 1, dead: 5000, pending: 1 });
  // a clock 10 days later removes the recent one too
  assert.equal(await task.run(db, new Date(Date.now() + 10 * 86_400_000)), 1);
});
