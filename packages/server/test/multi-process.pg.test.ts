/**
 * issue 16 §1: the background work of several app processes on one PostgreSQL database. Each "process"
 * here is what main.ts builds: its own pg pool (two openDatabase handles on one URL), its own outbox
 * worker, its own maintenance runner, its own access-log writer; they run at the same moment.
 * - outbox: two workers drain the same events: each is handled exactly once (the claim is one
 *   UPDATE … FOR UPDATE SKIP LOCKED), and both processes take a share;
 * - maintenance: two runners at the same instant, with the production tasks (outbox retention, the
 *   auth purges, the audit anchor): each task runs once (conditional upsert on job_run), one anchor;
 * - access log: two writers append to the chains at once: every row is there and the chains verify
 *   (transaction-scoped advisory lock per chain).
 * The pg-boss calendar across two processes is scheduled-jobs.pg.test.ts; the real processes, behind
 * HAProxy with a SIGKILL in the middle, are `npm run test:cluster`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from './helpers/db.js';
import { openDatabase, rows, type Database } from '../src/db/client.js';
import { processOutboxOnce, type OutboxHandlers } from '../src/jobs/outbox-worker.js';
import { runMaintenanceOnce } from '../src/jobs/maintenance.js';
import { outboxRetentionTask } from '../src/jobs/outbox-admin.js';
import { authMaintenanceTasks } from '../src/auth/purge.js';
import { auditAnchorTask } from '../src/audit/anchor-task.js';
import { AccessLogWriter } from '../src/audit/access-log-writer.js';
import { accessRows } from '../src/audit/access-log.js';
import { verifyAccessLog } from '../src/audit/verify.js';
import { fixedTestKeys } from './helpers/audit-keys.js';
import { setAuditKeys } from '../src/audit/keys.js';
import type { Actor } from '../src/auth/actor.js';

let one: Database;
let two: Database;
const anchorFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'esz-multi-')), 'anchors.jsonl');
const keys = fixedTestKeys(anchorFile);
before(async () => {
  setAuditKeys(keys);
  one = await openTestDatabase();
  const url = one.connection?.connectionString;
  assert.ok(url, 'a PostgreSQL test database');
  two = await openDatabase({ url, poolSize: 10 });
});
after(async () => {
  await two.close();
  await one.close();
});

test('two outbox workers on one database: every event handled exactly once, the work shared', async () => {
  const EVENTS = 300;
  await one.db.execute(
    sql`insert into outbox (event_type, payload) select 'test.multi', jsonb_build_object('n', g) from generate_series(1, ${EVENTS}) g`,
  );
  const handledBy = new Map<number, string[]>();
  const handlers = (name: string): OutboxHandlers => ({
    'test.multi': async (_tx, payload) => {
      const n = Number(payload.n);
      handledBy.set(n, [...(handledBy.get(n) ?? []), name]);
      await new Promise((r) => setImmediate(r));
    },
  });
  const drain = async (database: Database, name: string) => {
    let claimed = 0;
    for (
      let n;
      (n = await processOutboxOnce(database.db, handlers(name), { batch: 20, concurrency: 4 })) > 0;
    )
      claimed += n;
    return claimed;
  };
  const [a, b] = await Promise.all([drain(one, 'one'), drain(two, 'two')]);
  assert.equal(a + b, EVENTS, `claims: ${a} + ${b}`);
  assert.ok(a > 0 && b > 0, `both processes took a share (${a}, ${b})`);
  assert.equal(handledBy.size, EVENTS);
  const twice = [...handledBy].filter(([, by]) => by.length !== 1);
  assert.deepEqual(twice, [], 'no event handled twice');
  const [left] = await rows<{ pending: number; processed: number }>(
    one.db,
    sql`select count(*) filter (where processed_at is null)::int as pending,
               count(*) filter (where processed_at is not null)::int as processed
          from outbox where event_type = 'test.multi'`,
  );
  assert.deepEqual(left, { pending: 0, processed: EVENTS });
});

test('two maintenance runners at the same instant: each production task runs once, one audit anchor', async () => {
  const tasks = () => [
    outboxRetentionTask(7),
    ...authMaintenanceTasks({ idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 }),
    auditAnchorTask,
  ];
  const anchorsBefore = (
    await rows<{ n: number }>(one.db, sql`select count(*)::int as n from audit_anchor`)
  )[0]!.n;
  const now = new Date('2031-05-01T08:00:00Z');
  const [p1, p2] = await Promise.all([
    runMaintenanceOnce(one.db, tasks(), now),
    runMaintenanceOnce(two.db, tasks(), now),
  ]);
  const names = tasks().map((t) => t.name);
  assert.ok(names.includes('audit-anchor') && names.includes('outbox-retention'));
  for (const name of names) {
    const ran = [p1, p2].map((p) => p.find((o) => o.name === name)!);
    assert.equal(ran.filter((o) => o.ran).length, 1, `${name}: ${JSON.stringify(ran)}`);
    assert.ok(
      ran.every((o) => !o.error),
      `${name} without error`,
    );
  }
  const anchorsAfter = (
    await rows<{ n: number }>(one.db, sql`select count(*)::int as n from audit_anchor`)
  )[0]!.n;
  assert.equal(anchorsAfter - anchorsBefore, 1, 'one anchor for the period, not one per process');
  // a second pass within the period, by either process: nothing runs
  const again = await Promise.all([
    runMaintenanceOnce(one.db, tasks(), new Date(now.getTime() + 60_000)),
    runMaintenanceOnce(two.db, tasks(), new Date(now.getTime() + 60_000)),
  ]);
  assert.equal(again.flat().filter((o) => o.ran).length, 0);
});

test('two access-log writers append at once: every row there, the chains verify', async () => {
  const actor = {
    userId: null,
    fiscalCode: null,
    apiKeyId: 9,
    role: 'GP',
    aslId: null,
    districtId: null,
  } as unknown as Actor;
  const cf = (i: number) => `MLTPRC80A01L${String(i).padStart(3, '0')}X`;
  const before = (await rows<{ n: number }>(one.db, sql`select count(*)::int as n from access_log`))[0]!.n;
  const writers = [new AccessLogWriter(one.db, 4), new AccessLogWriter(two.db, 4)];
  const READS = 200;
  await Promise.all(
    writers.flatMap((w, p) =>
      Array.from({ length: READS }, (_, i) =>
        w.append(accessRows(actor, 'REGISTRY_LOOKUP', [{ personFiscalCode: cf(i) }], `multi-${p}-${i}`)),
      ),
    ),
  );
  const after = (await rows<{ n: number }>(one.db, sql`select count(*)::int as n from access_log`))[0]!.n;
  assert.equal(after - before, 2 * READS);
  const verified = await verifyAccessLog(one.db, 5000, keys);
  assert.equal(verified.ok, true, JSON.stringify(verified));
});
