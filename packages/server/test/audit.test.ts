import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { login, startWorld, type TestWorld } from './helpers/app.js';
import { countRows, newCase, PEOPLE } from './helpers/fixtures.js';
import { verifyAccessLog } from '../src/audit/verify.js';
import { createApiKey } from '../src/auth/api-keys.js';
import { pgErrorOf } from '../src/db/errors.js';
import { useFixedTestKeys } from './helpers/audit-keys.js';
import {
  AccessLogWriter,
  readsCommitAsynchronously,
  setAuditReadsSynchronous,
} from '../src/audit/access-log-writer.js';
import { accessRows } from '../src/audit/access-log.js';
import type { Tx } from '../src/db/client.js';
import type { Actor } from '../src/auth/actor.js';

let w: TestWorld;
let n: string;
before(async () => {
  useFixedTestKeys();
  w = await startWorld();
  n = await newCase(w.database.db, 'torino');
  await newCase(w.database.db, 'torino2');
});
after(() => w.close());

const rowsOf = async (where: string) =>
  (
    (await w.database.db.execute(
      sql.raw(`select * from access_log where ${where} order by id`),
    )) as unknown as { rows: Array<Record<string, unknown>> }
  ).rows;

test('every read of personal data writes one access-log row per person returned, naming actor, ASL and correlation id', async () => {
  const op = await login(w.app, 'op.torino');
  const search = await op.req({ method: 'GET', url: '/api/cases' });
  assert.equal(search.json().total, 2);
  const correlationId = String(search.headers['x-correlation-id']);
  assert.match(correlationId, /^[\w-]{8,64}$/);
  const s = await rowsOf(`correlation_id = '${correlationId}'`);
  assert.equal(s.length, 2);
  assert.deepEqual(
    s.map((r) => r.person_fiscal_code).sort(),
    [PEOPLE.torino.fiscalCode, PEOPLE.torino2.fiscalCode].sort(),
  );
  assert.equal(s[0]!.action, 'SEARCH');
  assert.equal(s[0]!.outcome, 'OK');
  assert.ok(s[0]!.key_id, 'hashed with a named HMAC key');
  assert.equal(s[0]!.actor_role, 'DISTRICT_OPERATOR');
  assert.equal(s[0]!.actor_asl_id, '010301');
  assert.equal(s[0]!.actor_fiscal_code, 'LBRCRD53H10D205E');
  for (const [url, action] of [
    [`/api/cases/${n}`, 'READ_DETAIL'],
    [`/api/cases/${n}/history`, 'READ_HISTORY'],
    [`/api/cases/${n}/certificate`, 'DOWNLOAD_CERTIFICATE'],
  ] as const) {
    const before = await countRows(
      w.database.db,
      'access_log',
      `action = '${action}' and case_number = '${n}'`,
    );
    assert.equal((await op.req({ method: 'GET', url })).statusCode, 200);
    assert.equal(
      await countRows(w.database.db, 'access_log', `action = '${action}' and case_number = '${n}'`),
      before + 1,
      action,
    );
  }
  const takeCharge = await op.req({
    method: 'POST',
    url: `/api/cases/${n}/take-charge`,
    payload: {},
    ifMatch: 1,
  });
  assert.equal(takeCharge.statusCode, 200);
  assert.equal(
    await countRows(w.database.db, 'access_log', `action = 'TAKE_CHARGE' and case_number = '${n}'`),
    1,
  );
  assert.equal(
    await countRows(
      w.database.db,
      'outbox',
      `payload->>'caseNumber' = '${n}' and payload->>'status' = 'IN_PROGRESS'`,
    ),
    1,
  );
  // a refused read writes nothing
  const bra = await login(w.app, 'op.bra');
  const total = await countRows(w.database.db, 'access_log');
  assert.equal((await bra.req({ method: 'GET', url: `/api/cases/${n}` })).statusCode, 404);
  assert.equal(await countRows(w.database.db, 'access_log'), total);
});

test('the registry lookup is audited, for a GP and for an API client with a bearer key; a bad key is a 401', async () => {
  const gp = await login(w.app, 'gp');
  const r = await gp.req({
    method: 'GET',
    url: `/api/registry/exemptions?fiscalCode=${PEOPLE.torino2.fiscalCode}`,
  });
  assert.equal(r.statusCode, 200);
  assert.equal(
    await countRows(
      w.database.db,
      'access_log',
      `action = 'REGISTRY_LOOKUP' and actor_role = 'GP' and actor_user_id is not null`,
    ),
    1,
  );
  const { key, id } = await createApiKey(w.database.db, 'Farmacia di prova');
  const viaKey = await w.app.inject({
    url: `/api/registry/exemptions?fiscalCode=${PEOPLE.torino2.fiscalCode}&date=2026-01-01`,
    headers: { authorization: `Bearer ${key}` },
  });
  assert.equal(viaKey.statusCode, 200);
  assert.equal(viaKey.json().date, '2026-01-01');
  assert.equal(
    await countRows(w.database.db, 'access_log', `action = 'REGISTRY_LOOKUP' and actor_api_key_id = ${id}`),
    1,
  );
  const stored = await countRows(w.database.db, 'api_key', `key_hash = '${key}'`);
  assert.equal(stored, 0, 'the key is stored hashed');
  const bad = await w.app.inject({
    url: `/api/registry/exemptions?fiscalCode=${PEOPLE.torino2.fiscalCode}`,
    headers: { authorization: 'Bearer esz_nope' },
  });
  assert.equal(bad.statusCode, 401);
  const badCf = await gp.req({ method: 'GET', url: '/api/registry/exemptions?fiscalCode=RSSMRA80A01L219A' });
  assert.equal(badCf.statusCode, 400);
});

test('the citizen sees who accessed their data: ASL, role, action, case — never the operator', async () => {
  const citizen = await login(w.app, 'citizen');
  const res = await citizen.req({ method: 'GET', url: '/api/me/access-log' });
  assert.equal(res.statusCode, 200);
  const items = res.json().items as Array<Record<string, unknown>>;
  assert.ok(items.length >= 5);
  assert.ok(
    items.some(
      (i) =>
        i.action === 'READ_DETAIL' &&
        i.aslName === "ASL CITTA' DI TORINO" &&
        i.role === 'DISTRICT_OPERATOR' &&
        i.caseNumber === n,
    ),
  );
  assert.ok(!JSON.stringify(items).includes('LBRCRD53H10D205E'), 'no operator identity');
  // the citizen reading their own log is not itself listed
  const again = (await citizen.req({ method: 'GET', url: '/api/me/access-log' })).json().items;
  assert.equal(again.length, items.length);
});

test('the access log refuses UPDATE, DELETE and TRUNCATE, case_history too; audit:verify finds a row edited behind the trigger', async () => {
  const db = w.database.db;
  const refused = (e: unknown) => /append-only/.test(pgErrorOf(e)?.message ?? '');
  await assert.rejects(db.execute(sql`update access_log set action = 'SEARCH' where id = 1`), refused);
  await assert.rejects(db.execute(sql`delete from access_log where id = 1`), refused);
  await assert.rejects(db.execute(sql`truncate access_log`), refused);
  await assert.rejects(db.execute(sql`update case_history set status = 'VALIDATED'`), refused);
  await assert.rejects(db.execute(sql`truncate case_history`), refused);
  const ok = await verifyAccessLog(db, 3);
  assert.equal(ok.ok, true);
  const [target] = await rowsOf("action = 'READ_DETAIL'");
  await db.execute(sql`alter table access_log disable trigger access_log_no_update`);
  await db.execute(sql.raw(`update access_log set actor_asl_id = '010203' where id = ${target!.id}`));
  await db.execute(sql`alter table access_log enable trigger access_log_no_update`);
  const broken = await verifyAccessLog(db, 3);
  assert.equal(broken.ok, false);
  assert.equal(!broken.ok && broken.brokenAtId, Number(target!.id));
});

/** A writer whose batch transactions report the commit setting they run under, after a session default of `off`. */
class ProbeWriter extends AccessLogWriter {
  readonly seen: string[] = [];
  protected override async begin(tx: Tx, chain: number): Promise<void> {
    await tx.execute(sql`set local synchronous_commit = off`); // as if the server or role defaulted to off
    await super.begin(tx, chain);
    const r = (await tx.execute(sql`select current_setting('synchronous_commit') as s`)) as unknown as {
      rows: Array<{ s: string }>;
    };
    this.seen.push(r.rows[0]!.s);
  }
  // PostgreSQL: the batch's first round trip (issue 16 §7), with the same probe around the lock
  protected override firstTrip(chain: number, since: Date): string {
    return `${super.firstTrip(chain, since).replace(/^begin;/, 'begin; set local synchronous_commit = off;')}; select current_setting('synchronous_commit') as s`;
  }
  protected override observe(results: Array<{ rows: unknown[] }>): void {
    this.seen.push((results.at(-1)!.rows[0] as { s: string }).s);
  }
}

test("audited reads' rows commit synchronously by default, even under a server default of off; AUDIT_READS_SYNCHRONOUS=false turns it off", async () => {
  const actor = {
    userId: null,
    fiscalCode: null,
    apiKeyId: 9,
    role: 'GP',
    aslId: null,
    districtId: null,
  } as unknown as Actor;
  const append = (writer: AccessLogWriter, id: string) =>
    writer.append(accessRows(actor, 'REGISTRY_LOOKUP', [{ personFiscalCode: PEOPLE.torino.fiscalCode }], id));
  assert.equal(readsCommitAsynchronously(), false);
  const durable = new ProbeWriter(w.database.db, 1);
  await Promise.all([append(durable, 'sync-probe-1'), append(durable, 'sync-probe-2')]);
  assert.ok(durable.seen.length >= 1);
  assert.deepEqual([...new Set(durable.seen)], ['on'], 'every batch transaction waits for the WAL flush');
  setAuditReadsSynchronous(false);
  try {
    const fast = new ProbeWriter(w.database.db, 1);
    await append(fast, 'async-probe');
    assert.deepEqual(fast.seen, ['off']);
  } finally {
    setAuditReadsSynchronous(true);
  }
  // the setting is transaction-local: outside, the database default (synchronous) applies
  const [row] = (
    (await w.database.db.execute(sql`show synchronous_commit`)) as unknown as {
      rows: Array<{ synchronous_commit: string }>;
    }
  ).rows;
  assert.equal(row!.synchronous_commit, 'on');
});
