/**
 * Issue 9, the audit tamper attempts: what the app's database role may do to the append-only tables,
 * TRUNCATE, rewrites with recomputed unkeyed hashes, deleted tails, forged anchors, DENIED attempts,
 * and the cost of durable read batches (PostgreSQL). Each tamper runs in a transaction rolled back
 * afterwards, so the next test starts from an intact log.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { sql, type SQL } from 'drizzle-orm';
import { caseNotFound, DomainError } from '@esenzioni/domain';
import { login, startWorld, type TestWorld, TEST_APP_CONFIG } from './helpers/app.js';
import { countRows, newCase, PEOPLE } from './helpers/fixtures.js';
import { useFixedTestKeys } from './helpers/audit-keys.js';
import { buildApp } from '../src/app.js';
import { openDatabase, rows, type Database, type Db, type Tx } from '../src/db/client.js';
import { pgErrorOf } from '../src/db/errors.js';
import { legacyRowHash, type AccessRowContent, type AccessOutcome } from '../src/audit/access-log.js';
import { auditedRead } from '../src/audit/audited-read.js';
import { accessLogWriter, setAuditReadsSynchronous } from '../src/audit/access-log-writer.js';
import { auditAnchorTask } from '../src/audit/anchor-task.js';
import { verifyAccessLog } from '../src/audit/verify.js';
import type { Actor } from '../src/auth/actor.js';

const keys = useFixedTestKeys();
let w: TestWorld;
let db: Db;
let caseNumber: string;
before(async () => {
  w = await startWorld();
  db = w.database.db;
  caseNumber = await newCase(db, 'torino');
});
after(() => w.close());

const APPEND_ONLY = [
  'access_log',
  'case_history',
  'audit_anchor',
  'audit_instance',
  'access_log_retention',
] as const;
/** access_log's partitions (0030): a month's, access_log_YYYY_MM, and the default one — append-only too */
const isAccessLogPartition = (table: string) => /^access_log_(\d{4}_\d{2}|default)$/.test(table);
/** append-only tables the application never writes: read only */
const READ_ONLY = ['audit_instance'];
/**
 * The tables the app may TRUNCATE: the staging tables of the MEF list (0020) and of the registry of
 * assistiti (0029), emptied before and after each import of millions of rows — a DELETE would leave them
 * all dead. They hold no record: the registry and `person` do.
 */
const TRUNCATABLE = ['mef_list_row', 'person_import_row'];
const messageOf = (e: unknown) => pgErrorOf(e)?.message ?? (e as Error).message;
const matching = (re: RegExp) => (e: unknown) => {
  assert.match(messageOf(e), re);
  return true;
};

/** Runs a statement as the application's role (SET LOCAL ROLE from the tests' superuser connection). */
const asApp = (statement: SQL) =>
  db.transaction(async (tx) => {
    await tx.execute(sql`set local role esenzioni_app`);
    return tx.execute(statement);
  });

class Rollback extends Error {}
/** Tampers as the tables' owner would (triggers disabled), checks, then undoes everything. */
async function tampered(tamper: (tx: Tx) => Promise<void>, check: (tx: Db) => Promise<void>): Promise<void> {
  await assert.rejects(
    db.transaction(async (tx) => {
      await tamper(tx);
      await check(tx as unknown as Db);
      throw new Rollback();
    }),
    Rollback,
  );
}

const operator = {
  userId: 1,
  fiscalCode: 'LBRCRD53H10D205E',
  apiKeyId: null,
  role: 'DISTRICT_OPERATOR',
  aslId: '010301',
  districtId: null,
} as unknown as Actor;

/** n audited reads, one row each, through the database's writer. */
async function reads(n: number, prefix: string, on: Db = db): Promise<void> {
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      auditedRead({ db: on, actor: operator, correlationId: `${prefix}-${i}` }, async (_db, audit) => {
        audit('READ_PERSON', [{ personFiscalCode: PEOPLE.torino.fiscalCode }]);
        return i;
      }),
    ),
  );
}

interface LogRow {
  id: number;
  chain: number;
  hash: string;
  key_id: string | null;
}

const chainRows = (tx: Tx, chain: number) =>
  rows<LogRow>(tx, sql`select id, chain, hash, key_id from access_log where chain = ${chain} order by id`);

/** The fullest chain: the one a tamper is most visible on. */
async function busiestChain(): Promise<number> {
  const [r] = await rows<{ chain: number }>(
    db,
    sql`select chain from access_log group by chain order by count(*) desc, chain limit 1`,
  );
  return r!.chain;
}

/** Rewrites a chain from `fromId` on with plain sha256 hashes, as an attacker without the key can. */
async function recomputeUnkeyed(tx: Tx, chain: number, stripKeyIds: boolean): Promise<void> {
  const all = await rows<Record<string, unknown>>(
    tx,
    sql`select * from access_log where chain = ${chain} order by id`,
  );
  let prev = '0'.repeat(64);
  for (const r of all) {
    const content: AccessRowContent = {
      at: new Date(r.at as string | Date),
      actorUserId: r.actor_user_id as number | null,
      actorFiscalCode: r.actor_fiscal_code as string | null,
      actorApiKeyId: r.actor_api_key_id as number | null,
      actorRole: r.actor_role as string,
      actorAslId: r.actor_asl_id as string | null,
      actorDistrictId: r.actor_district_id as string | null,
      action: r.action as string,
      personFiscalCode: r.person_fiscal_code as string,
      caseNumber: r.case_number as string | null,
      correlationId: r.correlation_id as string,
      outcome: r.outcome as AccessOutcome,
    };
    const hash = legacyRowHash(prev, content);
    await tx.execute(sql`update access_log set prev_hash = ${prev}, hash = ${hash},
      key_id = case when ${stripKeyIds} then null else key_id end where id = ${r.id as number}`);
    prev = hash;
  }
}

test("TRUNCATE is refused by a trigger on every append-only table, even to the tables' owner", async () => {
  const partitions = await rows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
         where i.inhparent = 'access_log'::regclass`,
  );
  assert.ok(partitions.length >= 2, 'the access log has its partitions (0030)');
  for (const table of [...APPEND_ONLY, ...partitions.map((p) => p.name)]) {
    await assert.rejects(db.execute(sql.raw(`truncate ${table}`)), matching(/append-only/), table);
  }
  assert.ok((await countRows(db, 'case_history')) > 0, 'case_history kept its rows');
});

test('audit_instance keeps its one row: a second, older row (which would disown the exported anchors) is refused, and found if forced in', async () => {
  await assert.rejects(
    db.execute(sql`insert into audit_instance (id, created_at) values ('forged', '1970-01-01')`),
    matching(/audit_instance_single_row|duplicate|unique/),
  );
  // the owner can go around the index; audit:verify then refuses to pick an identity
  const probe = await openDatabase({ dataDir: 'memory://' });
  try {
    const { migrateDatabase } = await import('../src/db/client.js');
    await migrateDatabase(probe);
    await probe.db.execute(sql`drop index audit_instance_single_row`);
    await probe.db.execute(sql`insert into audit_instance (id, created_at) values ('forged', '1970-01-01')`);
    await assert.rejects(verifyAccessLog(probe.db), /audit_instance/);
  } finally {
    await probe.close();
  }
});

test('the app role owns nothing, has no TRUNCATE but on the staging table and only SELECT and INSERT on the append-only tables (later migrations included)', async () => {
  const owned = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = 'esenzioni_app'`,
  );
  assert.equal(owned[0]!.n, 0);
  const grants = await rows<{
    table_name: string;
    s: boolean;
    i: boolean;
    u: boolean;
    d: boolean;
    t: boolean;
  }>(
    db,
    sql`select table_name,
          has_table_privilege('esenzioni_app', format('public.%I', table_name), 'SELECT') as s,
          has_table_privilege('esenzioni_app', format('public.%I', table_name), 'INSERT') as i,
          has_table_privilege('esenzioni_app', format('public.%I', table_name), 'UPDATE') as u,
          has_table_privilege('esenzioni_app', format('public.%I', table_name), 'DELETE') as d,
          has_table_privilege('esenzioni_app', format('public.%I', table_name), 'TRUNCATE') as t
        from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  assert.ok(grants.length >= 15, `${grants.length} tables`);
  for (const g of grants) {
    const appendOnly =
      (APPEND_ONLY as readonly string[]).includes(g.table_name) || isAccessLogPartition(g.table_name);
    const readOnly = READ_ONLY.includes(g.table_name);
    assert.deepEqual(
      { ...g },
      {
        table_name: g.table_name,
        s: true,
        i: !readOnly,
        u: !appendOnly,
        d: !appendOnly,
        t: TRUNCATABLE.includes(g.table_name),
      },
    );
  }
});

test('as the app role: disabling the triggers, UPDATE, DELETE and TRUNCATE of each append-only table are refused; appending and reading work', async () => {
  for (const table of APPEND_ONLY) {
    await assert.rejects(
      asApp(sql.raw(`alter table ${table} disable trigger all`)),
      matching(/must be owner/),
      `${table}: disable trigger`,
    );
    await assert.rejects(
      asApp(sql.raw(`alter table ${table} add column x int`)),
      matching(/must be owner/),
      `${table}: alter`,
    );
    await assert.rejects(
      asApp(sql.raw(`update ${table} set id = id`)),
      matching(/permission denied/),
      `${table}: update`,
    );
    await assert.rejects(
      asApp(sql.raw(`delete from ${table}`)),
      matching(/permission denied/),
      `${table}: delete`,
    );
    await assert.rejects(
      asApp(sql.raw(`truncate ${table}`)),
      matching(/permission denied/),
      `${table}: truncate`,
    );
    await asApp(sql.raw(`select count(*) from ${table}`));
  }
  await assert.rejects(
    asApp(sql`set session_replication_role = replica`),
    matching(/permission denied/),
    'triggers cannot be skipped either',
  );
  await assert.rejects(
    asApp(sql`drop trigger access_log_no_update on access_log`),
    matching(/must be owner/),
  );
  await assert.rejects(
    asApp(
      sql`create or replace function refuse_append_only_change() returns trigger as $$ begin return new; end $$ language plpgsql`,
    ),
    matching(/must be owner|permission denied/),
  );
  // appending works: a read's rows through the writer, on the role
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local role esenzioni_app`);
    const { appendToChain, lockChain, accessRows } = await import('../src/audit/access-log.js');
    await lockChain(tx, 3);
    await appendToChain(
      tx,
      3,
      accessRows(
        operator,
        'READ_PERSON',
        [{ personFiscalCode: PEOPLE.torino.fiscalCode }],
        'as-app-role-append',
      ),
    );
  });
  assert.equal(await countRows(db, 'access_log', `correlation_id = 'as-app-role-append'`), 1);
  assert.equal((await verifyAccessLog(db)).ok, true);
});

test('API smoke under the app role: login, a search and a case read work, their access-log rows are written, an anchor too', async () => {
  const { database: roleDb, close } = await openAsAppRole(w.database);
  const app = await buildApp({
    db: roleDb.db,
    logger: false,
    config: TEST_APP_CONFIG,
  });
  try {
    const [who] = await rows<{ u: string }>(roleDb.db, sql`select current_user as u`);
    assert.equal(who!.u, 'esenzioni_app');
    const op = await login(app, 'op.torino');
    const search = await op.req({ method: 'GET', url: '/api/cases' });
    assert.equal(search.statusCode, 200);
    const detail = await op.req({ method: 'GET', url: `/api/cases/${caseNumber}` });
    assert.equal(detail.statusCode, 200);
    for (const res of [search, detail]) {
      assert.ok(
        (await countRows(
          db,
          'access_log',
          `correlation_id = '${String(res.headers['x-correlation-id'])}'`,
        )) >= 1,
      );
    }
    // the anchor task runs in the application too
    assert.equal(await auditAnchorTask.run(roleDb.db, new Date('2026-11-30T05:00:00Z')), 1);
  } finally {
    await app.close();
    await close();
  }
  assert.equal((await verifyAccessLog(db)).ok, true);
});

/**
 * PostgreSQL: a second pool on the test database whose every connection switches to the app role
 * first (production: DATABASE_URL names a login role that is a member of esenzioni_app). PGlite has
 * one session: the role is set on it and reset afterwards.
 */
async function openAsAppRole(
  database: Database,
): Promise<{ database: Database; close: () => Promise<void> }> {
  if (database.kind === 'pglite') {
    await database.db.execute(sql`set role esenzioni_app`);
    return { database, close: async () => void (await database.db.execute(sql`reset role`)) };
  }
  const url = (database.pool!.options as { connectionString: string }).connectionString;
  const roleDb = await openDatabase({ url, poolSize: 4 });
  // queries queue on a client in order: SET ROLE runs before anything the pool hands the client out for
  roleDb.pool!.on('connect', (client) => void client.query('set role esenzioni_app').catch(() => undefined));
  return { database: roleDb, close: () => roleDb.close() };
}

test('a row rewritten behind the triggers with the plain sha256 chain recomputed fails audit:verify (keyed hashes)', async () => {
  await reads(40, 'rewrite');
  assert.equal((await verifyAccessLog(db)).ok, true);
  const chain = await busiestChain();
  const target = (await chainRows(db, chain))[1]!;
  await tampered(
    async (tx) => {
      await tx.execute(sql`alter table access_log disable trigger access_log_no_update`);
      await tx.execute(
        sql`update access_log set person_fiscal_code = ${PEOPLE.bra.fiscalCode} where id = ${target.id}`,
      );
      await recomputeUnkeyed(tx, chain, false);
    },
    async (tx) => {
      const r = await verifyAccessLog(tx);
      assert.equal(r.ok, false);
      assert.equal(
        !r.ok && r.brokenAtId,
        (await chainRows(tx, chain))[0]!.id,
        'the first recomputed row no longer matches its HMAC',
      );
    },
  );
  assert.equal((await verifyAccessLog(db)).ok, true);
});

test('anchors: signed, stored and exported; a deleted tail, anchors deleted from the table, a chain passed off as legacy rows and a forged anchor are all found', async () => {
  await reads(30, 'before-anchor');
  const exportedLines = () =>
    fs.existsSync(keys.anchorFile) ? fs.readFileSync(keys.anchorFile, 'utf8').trim().split('\n') : [];
  const before = exportedLines().length;
  const now = new Date('2026-11-30T06:00:00Z');
  assert.equal(await auditAnchorTask.run(db, now), 1);
  const exported = exportedLines();
  assert.equal(exported.length, before + 1);
  assert.equal(await countRows(db, 'audit_anchor', `at = '${now.toISOString()}'`), 1);
  await reads(10, 'after-anchor');
  const ok = await verifyAccessLog(db);
  assert.ok(ok.ok && ok.anchors === before + 1, JSON.stringify(ok));

  const chain = await busiestChain();
  const anchored = JSON.parse(JSON.parse(exported.at(-1)!).payload).chains[chain] as {
    lastId: number;
    lastHash: string;
  };
  assert.ok(anchored.lastId > 0);
  const deleteTail = async (tx: Tx) => {
    await tx.execute(sql`alter table access_log disable trigger access_log_no_update`);
    await tx.execute(sql`delete from access_log where chain = ${chain} and id >= ${anchored.lastId}`);
  };
  const brokenAt = (id: number, reason: RegExp) => async (tx: Db) => {
    const r = await verifyAccessLog(tx);
    assert.equal(r.ok, false, 'tampering found');
    assert.equal(!r.ok && r.brokenAtId, id);
    assert.match(!r.ok ? r.reason : '', reason);
  };
  // the newest rows of a chain deleted: what remains is a valid chain, only the anchor shows the cut
  await tampered(deleteTail, brokenAt(anchored.lastId, /coda della catena/));
  // ... even when the anchor rows are deleted too: the exported file still has it
  await tampered(
    async (tx) => {
      await deleteTail(tx);
      await tx.execute(sql`alter table audit_anchor disable trigger audit_anchor_no_update`);
      await tx.execute(sql`delete from audit_anchor`);
    },
    brokenAt(anchored.lastId, /coda della catena/),
  );
  // the key ids stripped and the whole chain recomputed as plain sha256 "legacy" rows
  await tampered(
    async (tx) => {
      await tx.execute(sql`alter table access_log disable trigger access_log_no_update`);
      await recomputeUnkeyed(tx, chain, true);
    },
    async (tx) => {
      const r = await verifyAccessLog(tx);
      assert.equal(r.ok, false);
    },
  );
  // a forged anchor (payload edited, signature kept) in the table
  await tampered(
    async (tx) => {
      await tx.execute(sql`alter table audit_anchor disable trigger audit_anchor_no_update`);
      await tx.execute(
        sql`update audit_anchor set payload = replace(payload, ${`"lastId":${anchored.lastId}`}, ${`"lastId":${anchored.lastId - 1}`})`,
      );
    },
    async (tx) => {
      const r = await verifyAccessLog(tx);
      assert.ok(!r.ok && /firma/.test(r.reason), JSON.stringify(r));
    },
  );
  assert.equal((await verifyAccessLog(db)).ok, true, 'untouched after the rollbacks');
  // the export file: a line of another database instance is not checked here; a forged line of this one is a break
  const original = fs.readFileSync(keys.anchorFile, 'utf8');
  const [{ instance } = { instance: '' }] = await rows<{ instance: string }>(
    db,
    sql`select id as instance from audit_instance`,
  );
  const forged = (id: string) =>
    `${JSON.stringify({ keyId: 'feedfeedfeed', payload: JSON.stringify({ v: 1, at: now.toISOString(), instance: id, db: 'x', chains: [] }), signature: 'AA==' })}\n`;
  try {
    fs.appendFileSync(keys.anchorFile, forged(`${instance}-other`));
    const skipped = await verifyAccessLog(db);
    assert.ok(skipped.ok && skipped.otherInstanceAnchors === 1, JSON.stringify(skipped));
    fs.appendFileSync(keys.anchorFile, forged(instance));
    const r = await verifyAccessLog(db);
    assert.ok(!r.ok && /chiave sconosciuta/.test(r.reason), JSON.stringify(r));
  } finally {
    fs.writeFileSync(keys.anchorFile, original);
  }
});

test('a read refused for scope writes a DENIED row for the person the request named, hashed like the others; other failures write nothing', async () => {
  const ctx = { db, actor: operator, correlationId: 'denied-attempt-1' };
  const target = { action: 'READ_PERSON' as const, personFiscalCode: PEOPLE.bra.fiscalCode };
  await assert.rejects(
    auditedRead(ctx, async () => Promise.reject(caseNotFound('X')), { target }),
    DomainError,
  );
  const [row] = await rows<{
    outcome: string;
    person_fiscal_code: string;
    key_id: string | null;
    id: number;
  }>(
    db,
    sql`select id, outcome, person_fiscal_code, key_id from access_log where correlation_id = 'denied-attempt-1'`,
  );
  assert.equal(row?.outcome, 'DENIED');
  assert.equal(row?.person_fiscal_code, PEOPLE.bra.fiscalCode);
  assert.ok(row?.key_id);
  await assert.rejects(
    auditedRead(
      { ...ctx, correlationId: 'denied-attempt-2' },
      async () => Promise.reject(new Error('database down')),
      { target },
    ),
    /database down/,
  );
  assert.equal(await countRows(db, 'access_log', `correlation_id = 'denied-attempt-2'`), 0);
  assert.equal((await verifyAccessLog(db)).ok, true);
  // the outcome is part of the hash: a DENIED attempt cannot be turned into an OK read, or hidden as one
  await tampered(
    async (tx) => {
      await tx.execute(sql`alter table access_log disable trigger access_log_no_update`);
      await tx.execute(sql`update access_log set outcome = 'OK' where id = ${row!.id}`);
    },
    async (tx) => {
      const r = await verifyAccessLog(tx);
      assert.ok(!r.ok && r.brokenAtId === row!.id, JSON.stringify(r));
    },
  );
});

// a figure for PostgreSQL only (the PostgreSQL pass); PGlite commits have no WAL flush to compare
void (process.env.DATABASE_URL ? test : () => undefined)(
  'durable read batches cost little: 2,000 audited reads, 16 in flight, synchronous vs asynchronous commit (PostgreSQL)',
  async () => {
    const writerStats = accessLogWriter(db).stats;
    const timed = async (label: string, synchronous: boolean, total = 2000) => {
      setAuditReadsSynchronous(synchronous);
      const batchesBefore = writerStats.batches;
      const inFlight = 16;
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (next < total) {
            const i = next++;
            await auditedRead(
              { db, actor: operator, correlationId: `bench-${label}-${i}` },
              async (_db, audit) => {
                audit('REGISTRY_LOOKUP', [{ personFiscalCode: PEOPLE.torino.fiscalCode }]);
                return i;
              },
            );
          }
        }),
      );
      const ms = performance.now() - started;
      const batches = writerStats.batches - batchesBefore;
      console.log(
        `audited reads, ${label} commit: ${total} in ${ms.toFixed(0)} ms = ${((total / ms) * 1000).toFixed(0)} reads/s, ` +
          `mean ${((ms * inFlight) / total).toFixed(2)} ms per read, ${batches} transactions (${(total / batches).toFixed(1)} reads each)`,
      );
    };
    try {
      await timed('warm-up', true, 200);
      await timed('asynchronous', false);
      await timed('synchronous', true);
    } finally {
      setAuditReadsSynchronous(true);
    }
    assert.equal(await countRows(db, 'access_log', `correlation_id like 'bench-%'`), 4200);
  },
);
