/**
 * Issue 16 §4: the access log partitioned by month, and its retention (audit/retention.ts, migration
 * 0030). Rows are written with injected times across 2023 (nothing waits): the partitions are created
 * ahead, a row of a month without partition lands in the default one and moves into its month when that
 * is created, the retention run at a "now" 26 months later drops the expired months after a signed
 * summary, audit:verify still passes (and fails when a summary or a remaining row is tampered with),
 * a retention under 24 months is refused, a second run changes nothing. PGlite, and PostgreSQL with
 * DATABASE_URL.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type SQL } from 'drizzle-orm';
import { openTestDatabase } from './helpers/db.js';
import { useFixedTestKeys } from './helpers/audit-keys.js';
import { openDatabase, rows, type Database, type Db, type Tx } from '../src/db/client.js';
import { pgErrorOf } from '../src/db/errors.js';
import { accessRows, appendToChain, lockChain } from '../src/audit/access-log.js';
import { writeAnchor } from '../src/audit/anchor.js';
import { verifyAccessLog } from '../src/audit/verify.js';
import {
  accessLogPartitionsTask,
  accessLogRetentionJob,
  ensureAccessLogPartitions,
  runAccessLogRetention,
  RetentionRefused,
  type RetentionPayload,
} from '../src/audit/retention.js';
import { monthPartitions } from '../src/db/repositories/access-log-retention.js';
import { startScheduledJobs } from '../src/jobs/scheduled-jobs.js';
import type { Actor } from '../src/auth/actor.js';

const keys = useFixedTestKeys();
let database: Database;
let db: Db;
before(async () => {
  database = await openTestDatabase();
  db = database.db;
});
after(() => database.close());

const operator = {
  userId: 1,
  fiscalCode: 'LBRCRD53H10D205E',
  apiKeyId: null,
  role: 'DISTRICT_OPERATOR',
  aslId: '010301',
  districtId: null,
} as unknown as Actor;

const CHAINS = [0, 3, 7, 15];
/** Rows of 2023 per month written below (January–May, then July). */
const PER_CHAIN = 3;

/** `n` rows on `chain` stamped `at`, as the writer appends them. */
async function write(at: string, chain: number, n = PER_CHAIN, tag = 'r'): Promise<void> {
  await db.transaction(async (tx) => {
    await lockChain(tx, chain);
    await appendToChain(
      tx,
      chain,
      accessRows(
        operator,
        'READ_PERSON',
        Array.from({ length: n }, () => ({ personFiscalCode: 'RSSMRA80A01H501U' })),
        `${tag}-${at}-${chain}`,
        new Date(at),
      ),
    );
  });
}

const count = async (table: string, where = 'true'): Promise<number> =>
  (await rows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table} where ${where}`)))[0]!.n;

const partitionNames = async () => (await monthPartitions(db)).map((p) => p.name);

const messageOf = (e: unknown) => pgErrorOf(e)?.message ?? (e as Error).message;

class Rollback extends Error {}
/** Tampers as a superuser going around the triggers, checks, then undoes everything. */
async function tampered(tamper: SQL, check: (tx: Db) => Promise<void>): Promise<void> {
  await assert.rejects(
    db.transaction(async (tx: Tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(tamper);
      await check(tx as unknown as Db);
      throw new Rollback();
    }),
    Rollback,
  );
}

test('months get their partitions ahead; a row of a month without one lands in the default partition and moves into its month, unchanged', async () => {
  assert.equal(await ensureAccessLogPartitions(db, new Date('2023-01-10T10:00:00Z')), 3);
  // hourly and idempotent: the same hour again creates nothing
  assert.equal(await accessLogPartitionsTask.run(db, new Date('2023-01-10T11:00:00Z')), 0);
  for (const name of ['access_log_2023_01', 'access_log_2023_02', 'access_log_2023_03'])
    assert.ok((await partitionNames()).includes(name), name);
  for (const month of ['01', '02', '03'])
    for (const c of CHAINS) await write(`2023-${month}-15T09:00:00Z`, c);
  // an anchor while the log is young: it names rows that retention will drop
  await writeAnchor(db, new Date('2023-03-20T00:00:00Z'), keys);
  assert.equal(await ensureAccessLogPartitions(db, new Date('2023-04-02T10:00:00Z')), 3); // 04, 05, 06
  for (const month of ['04', '05']) for (const c of CHAINS) await write(`2023-${month}-15T09:00:00Z`, c);

  // July 2023 has no partition (the hourly task did not run for a while): the insert does not fail
  assert.ok(!(await partitionNames()).includes('access_log_2023_07'));
  const defaultBefore = await count('access_log_default');
  for (const c of CHAINS) await write('2023-07-15T09:00:00Z', c);
  assert.equal(await count('access_log_default'), defaultBefore + CHAINS.length * PER_CHAIN);
  const julyBefore = await rows<{ id: number; hash: string }>(
    db,
    sql`select id, hash from access_log where at >= '2023-07-01' and at < '2023-08-01' order by id`,
  );
  assert.equal((await verifyAccessLog(db, 5000, keys)).ok, true);

  // the task creates July and moves the waiting rows into it: same ids, same hashes
  await accessLogPartitionsTask.run(db, new Date('2023-07-20T10:00:00Z'));
  assert.ok((await partitionNames()).includes('access_log_2023_07'));
  assert.equal(await count('access_log_default'), defaultBefore);
  assert.equal(await count('access_log_2023_07'), CHAINS.length * PER_CHAIN);
  assert.deepEqual(
    await rows(db, sql`select id, hash from access_log_2023_07 order by id`),
    julyBefore.map((r) => ({ id: r.id, hash: r.hash })),
  );
  // the new default partition is as protected as the old one
  await assert.rejects(db.execute(sql`truncate access_log_default`), (e) => /append-only/.test(messageOf(e)));
  const v = await verifyAccessLog(db, 5000, keys);
  assert.equal(v.ok, true, JSON.stringify(v));
});

test('within a chain `at` never goes back: a row stamped before the chain head is recorded at the head time', async () => {
  const chain = 9;
  await write('2023-07-16T10:00:00.500Z', chain, 1, 'late');
  await write('2023-07-16T10:00:00.200Z', chain, 1, 'early'); // queued behind a later one
  const [r] = await rows<{ at: string | Date }>(
    db,
    sql`select at from access_log where correlation_id like 'early-%' order by id desc limit 1`,
  );
  assert.equal(new Date(r!.at).toISOString(), '2023-07-16T10:00:00.500Z');
  assert.equal((await verifyAccessLog(db, 5000, keys)).ok, true);
});

test('a retention under 24 months is refused, by the job and by the database function', async () => {
  await assert.rejects(
    runAccessLogRetention(db, new Date('2025-06-15T10:00:00Z'), 12, keys),
    RetentionRefused,
  );
  await assert.rejects(
    db.execute(sql`select access_log_drop_partition('access_log_2023_01', 12, '2025-06-15T10:00:00Z')`),
    (e) => /at least 24/.test(messageOf(e)),
  );
  // nor may a partition go without its summary, or before its time
  await assert.rejects(
    db.execute(sql`select access_log_drop_partition('access_log_2023_01', 24, '2025-06-15T10:00:00Z')`),
    (e) => /no retention summary/.test(messageOf(e)),
  );
  await assert.rejects(
    db.execute(sql`select access_log_drop_partition('access_log_2023_07', 24, '2025-06-15T10:00:00Z')`),
    (e) => /within the 24 months/.test(messageOf(e)),
  );
  assert.ok((await partitionNames()).includes('access_log_2023_01'));
});

test('the application role may create months but not drop, truncate, update or delete a partition', async () => {
  const asApp = (statement: SQL) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`set local role esenzioni_app`);
      return tx.execute(statement);
    });
  await asApp(sql`select access_log_ensure_partitions('2023-07-20T00:00:00Z', '2023-08-20T00:00:00Z')`);
  for (const [statement, re] of [
    ['drop table access_log_2023_01', /must be owner/],
    ['truncate access_log_2023_01', /permission denied/],
    ['update access_log_2023_01 set action = action', /permission denied/],
    ['delete from access_log_2023_01', /permission denied/],
    ['alter table access_log detach partition access_log_2023_01', /must be owner/],
    ['update access_log_retention set row_count = 0', /permission denied/],
  ] as const)
    await assert.rejects(asApp(sql.raw(statement)), (e) => re.test(messageOf(e)), statement);
});

test('26 months later retention drops the expired months after a signed summary; audit:verify still passes; a second run changes nothing', async () => {
  const before = await count('access_log');
  const droppedExpected = await count('access_log', `at < '2023-06-01'`);
  const now = new Date('2025-06-15T10:00:00Z'); // May 2023 ended 24 months and 15 days ago; July 2023 did not
  const outcome = await runAccessLogRetention(db, now, 24, keys);
  assert.deepEqual(
    outcome.partitions.map((p) => p.name),
    [
      'access_log_2023_01',
      'access_log_2023_02',
      'access_log_2023_03',
      'access_log_2023_04',
      'access_log_2023_05',
    ],
  );
  assert.equal(outcome.rows, droppedExpected);
  assert.equal(await count('access_log'), before - droppedExpected);
  const names = await partitionNames();
  assert.ok(!names.some((n) => n < 'access_log_2023_06'), names.join());
  for (const kept of ['access_log_2023_06', 'access_log_2023_07', 'access_log_2025_06', 'access_log_2025_08'])
    assert.ok(names.includes(kept), kept);

  // the summaries: one per month, signed, per chain first and last hash, count and times
  const summaries = await rows<{ partition_name: string; row_count: number; payload: string }>(
    db,
    sql`select partition_name, row_count::int as row_count, payload from access_log_retention order by month`,
  );
  assert.equal(summaries.length, 5);
  const jan = JSON.parse(summaries[0]!.payload) as RetentionPayload;
  assert.equal(jan.month, '2023-01-01');
  assert.equal(jan.rows, CHAINS.length * PER_CHAIN);
  assert.deepEqual(
    jan.chains.map((c) => c.chain),
    CHAINS,
  );
  for (const c of jan.chains) {
    assert.equal(c.rows, PER_CHAIN);
    assert.equal(c.firstPrevHash, '0'.repeat(64));
    assert.match(c.lastHash, /^[0-9a-f]{64}$/);
    assert.equal(c.firstAt, '2023-01-15T09:00:00.000Z');
  }

  const v = await verifyAccessLog(db, 5000, keys);
  assert.ok(v.ok, JSON.stringify(v));
  assert.equal(v.summaries, 5);
  assert.equal(v.droppedRows, droppedExpected);
  assert.equal(v.rows, before - droppedExpected);
  assert.equal(v.anchors, 1, 'the anchor naming now-dropped rows still checks out against the summaries');

  // again: nothing left to drop, nothing recorded
  const again = await runAccessLogRetention(db, now, 24, keys);
  assert.equal(again.rows, 0);
  assert.equal(await count('access_log_retention'), 5);
  assert.equal(await count('access_log'), before - droppedExpected);
  assert.equal((await verifyAccessLog(db, 5000, keys)).ok, true);
});

test('tampering with a summary or with a remaining row makes audit:verify fail', async () => {
  const verifyFails = (re: RegExp) => async (tx: Db) => {
    const v = await verifyAccessLog(tx, 5000, keys);
    assert.equal(v.ok, false);
    if (!v.ok) assert.match(v.reason, re);
  };
  // a summary's count changed in its signed text
  await tampered(
    sql`update access_log_retention set payload = replace(payload, '"rows":12', '"rows":11') where month = '2023-02-01'`,
    verifyFails(/firma del riepilogo/),
  );
  // a summary removed: the chains no longer start where the remaining rows say
  await tampered(
    sql`delete from access_log_retention where month = '2023-05-01'`,
    verifyFails(/prev_hash|non segue/),
  );
  // a remaining row rewritten
  await tampered(
    sql`update access_log set person_fiscal_code = 'VRDLGU70A01H501X' where id = (select min(id) from access_log_2023_07)`,
    verifyFails(/hash/),
  );
  // the first remaining row of a chain deleted: the next no longer links to the summary
  await tampered(
    sql`delete from access_log where id = (select min(id) from access_log where chain = 0)`,
    verifyFails(/prev_hash/),
  );
  // intact afterwards
  assert.equal((await verifyAccessLog(db, 5000, keys)).ok, true);
});

test('the retention job runs as the application role (PostgreSQL: through pg-boss, as scheduled), then audit:verify passes', async () => {
  const now = new Date('2025-08-15T10:00:00Z'); // July 2023 has now expired too (June 2023: empty)
  const july = await count('access_log_2023_07');
  assert.ok(july > 0);
  const job = accessLogRetentionJob(24);
  // before dropping, the month is checked: a changed row, or a row of the chain in a later month that
  // comes before the month's last one, stops the run and nothing is dropped
  const refused = (re: RegExp) => async (tx: Db) => {
    await assert.rejects(runAccessLogRetention(tx, now, 24, keys), (e) => {
      assert.ok(e instanceof RetentionRefused, String(e));
      assert.match(e.message, re);
      return true;
    });
  };
  await tampered(
    sql`update access_log set person_fiscal_code = 'VRDLGU70A01H501X' where id = (select max(id) from access_log_2023_07)`,
    refused(
      /access_log_2023_07, catena \d+, riga id=\d+: il contenuto della riga non corrisponde al suo hash/,
    ),
  );
  await tampered(
    sql`insert into access_log (id, at, actor_role, action, person_fiscal_code, correlation_id, chain, prev_hash, hash)
        select min(id) + 1, '2023-09-10T10:00:00Z', 'ADMIN', 'SEARCH', 'RSSMRA80A01H501U', 'x', 0, 'x', 'x'
          from access_log_2023_07 where chain = 0`,
    refused(/catena 0: righe di altri mesi precedono/),
  );
  if (database.kind === 'pglite') {
    await db.execute(sql`set role esenzioni_app`);
    try {
      assert.equal(await job.run(db, now), july);
    } finally {
      await db.execute(sql`reset role`);
    }
  } else {
    const url = (database.pool!.options as { connectionString: string }).connectionString;
    const roleDb = await openDatabase({ url, poolSize: 2 });
    roleDb.pool!.on(
      'connect',
      (client) => void client.query('set role esenzioni_app').catch(() => undefined),
    );
    const [who] = await rows<{ u: string }>(roleDb.db, sql`select current_user as u`);
    assert.equal(who!.u, 'esenzioni_app');
    const calendar = await startScheduledJobs({
      connectionString: url,
      db: roleDb.db,
      jobs: [job],
      clock: () => now,
      work: false,
    });
    try {
      assert.equal(await calendar.runNext(job.name), true, 'the start-up job of audit-retention ran');
    } finally {
      await calendar.stop();
      await roleDb.close();
    }
  }
  const names = await partitionNames();
  assert.ok(!names.includes('access_log_2023_07') && !names.includes('access_log_2023_06'), names.join());
  // the months it created (2025-08 on) belong to the tables' owner, not to the application's role
  assert.ok(names.includes('access_log_2025_10'), names.join());
  assert.equal(
    await count('pg_class c join pg_roles r on r.oid = c.relowner', `r.rolname = 'esenzioni_app'`),
    0,
  );
  assert.equal(await count('access_log_retention'), 7);
  const v = await verifyAccessLog(db, 5000, keys);
  assert.ok(v.ok, JSON.stringify(v));
  assert.equal(v.summaries, 7);

  // every chain is empty now: a new row goes on from its chain's last dropped row, and verifies
  assert.equal(await count('access_log', `chain in (0, 9)`), 0);
  await write('2025-08-16T08:00:00Z', 0, 2, 'after-retention');
  await write('2025-08-16T08:00:00Z', 9, 1, 'after-retention');
  const [first] = await rows<{ prev_hash: string }>(
    db,
    sql`select prev_hash from access_log where chain = 0 order by id limit 1`,
  );
  assert.notEqual(first!.prev_hash, '0'.repeat(64));
  const again = await verifyAccessLog(db, 5000, keys);
  assert.ok(again.ok, JSON.stringify(again));
  assert.equal(again.rows, v.rows + 3);
});
