import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { login, startWorld, type TestWorld } from './helpers/app.js';
import { countRows, newCase, PEOPLE } from './helpers/fixtures.js';
import { verifyAccessLog } from '../src/audit/verify.js';
import { createApiKey } from '../src/auth/api-keys.js';
import { pgErrorOf } from '../src/db/errors.js';

let w: TestWorld;
let n: string;
before(async () => {
  w = await startWorld();
  n = await newCase(w.database.db, 'torino');
  await newCase(w.database.db, 'torino2');
});
after(() => w.close());

const rowsOf = async (where: string) =>
  ((await w.database.db.execute(sql.raw(`select * from access_log where ${where} order by id`))) as unknown as { rows: Array<Record<string, unknown>> }).rows;

test('every read of personal data writes one access-log row per person returned, naming actor, ASL and correlation id', async () => {
  const op = await login(w.app, 'op.torino');
  const search = await op.req({ method: 'GET', url: '/api/cases', headers: { 'x-correlation-id': 'search-corr-0001' } });
  assert.equal(search.json().total, 2);
  const s = await rowsOf("correlation_id = 'search-corr-0001'");
  assert.equal(s.length, 2);
  assert.deepEqual(s.map((r) => r.person_fiscal_code).sort(), [PEOPLE.torino.fiscalCode, PEOPLE.torino2.fiscalCode].sort());
  assert.equal(s[0]!.action, 'SEARCH');
  assert.equal(s[0]!.actor_role, 'DISTRICT_OPERATOR');
  assert.equal(s[0]!.actor_asl_id, '010301');
  assert.equal(s[0]!.actor_fiscal_code, 'LBRCRD53H10D205E');
  for (const [url, action] of [
    [`/api/cases/${n}`, 'READ_DETAIL'],
    [`/api/cases/${n}/history`, 'READ_HISTORY'],
    [`/api/cases/${n}/certificate`, 'DOWNLOAD_CERTIFICATE'],
  ] as const) {
    const before = await countRows(w.database.db, 'access_log', `action = '${action}' and case_number = '${n}'`);
    assert.equal((await op.req({ method: 'GET', url })).statusCode, 200);
    assert.equal(await countRows(w.database.db, 'access_log', `action = '${action}' and case_number = '${n}'`), before + 1, action);
  }
  const takeCharge = await op.req({ method: 'POST', url: `/api/cases/${n}/take-charge`, payload: {}, ifMatch: 1 });
  assert.equal(takeCharge.statusCode, 200);
  assert.equal(await countRows(w.database.db, 'access_log', `action = 'TAKE_CHARGE' and case_number = '${n}'`), 1);
  assert.equal(await countRows(w.database.db, 'outbox', `payload->>'caseNumber' = '${n}' and payload->>'status' = 'IN_PROGRESS'`), 1);
  // a refused read writes nothing
  const bra = await login(w.app, 'op.bra');
  const total = await countRows(w.database.db, 'access_log');
  assert.equal((await bra.req({ method: 'GET', url: `/api/cases/${n}` })).statusCode, 404);
  assert.equal(await countRows(w.database.db, 'access_log'), total);
});

test('the registry lookup is audited, for a GP and for an API client with a bearer key; a bad key is a 401', async () => {
  const gp = await login(w.app, 'gp');
  const r = await gp.req({ method: 'GET', url: `/api/registry/exemptions?fiscalCode=${PEOPLE.torino2.fiscalCode}` });
  assert.equal(r.statusCode, 200);
  assert.equal(await countRows(w.database.db, 'access_log', `action = 'REGISTRY_LOOKUP' and actor_role = 'GP' and actor_user_id is not null`), 1);
  const { key, id } = await createApiKey(w.database.db, 'Farmacia di prova');
  const viaKey = await w.app.inject({ url: `/api/registry/exemptions?fiscalCode=${PEOPLE.torino2.fiscalCode}&date=2026-01-01`, headers: { authorization: `Bearer ${key}` } });
  assert.equal(viaKey.statusCode, 200);
  assert.equal(viaKey.json().date, '2026-01-01');
  assert.equal(await countRows(w.database.db, 'access_log', `action = 'REGISTRY_LOOKUP' and actor_api_key_id = ${id}`), 1);
  const stored = await countRows(w.database.db, 'api_key', `key_hash = '${key}'`);
  assert.equal(stored, 0, 'the key is stored hashed');
  const bad = await w.app.inject({ url: `/api/registry/exemptions?fiscalCode=${PEOPLE.torino2.fiscalCode}`, headers: { authorization: 'Bearer esz_nope' } });
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
  assert.ok(items.some((i) => i.action === 'READ_DETAIL' && i.aslName === "ASL CITTA' DI TORINO" && i.role === 'DISTRICT_OPERATOR' && i.caseNumber === n));
  assert.ok(!JSON.stringify(items).includes('LBRCRD53H10D205E'), 'no operator identity');
  // the citizen reading their own log is not itself listed
  const again = (await citizen.req({ method: 'GET', url: '/api/me/access-log' })).json().items;
  assert.equal(again.length, items.length);
});

test('the access log refuses UPDATE and DELETE; audit:verify finds a row edited behind the trigger', async () => {
  const db = w.database.db;
  const refused = (e: unknown) => /append-only/.test(pgErrorOf(e)?.message ?? '');
  await assert.rejects(db.execute(sql`update access_log set action = 'SEARCH' where id = 1`), refused);
  await assert.rejects(db.execute(sql`delete from access_log where id = 1`), refused);
  await assert.rejects(db.execute(sql`update case_history set status = 'VALIDATED'`), refused);
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

test('audited reads commit without waiting for the disk flush unless AUDIT_READS_SYNCHRONOUS is set', async () => {
  const { lockChain } = await import('../src/audit/access-log.js');
  const { readsCommitAsynchronously, setAuditReadsSynchronous } = await import('../src/audit/access-log-writer.js');
  const db = w.database.db;
  const settingUnder = (asynchronous: boolean) =>
    db.transaction(async (tx) => {
      await lockChain(tx, 5, asynchronous);
      const r = (await tx.execute(sql`show synchronous_commit`)) as unknown as { rows: Array<{ synchronous_commit: string }> };
      return r.rows[0]!.synchronous_commit;
    });
  assert.equal(readsCommitAsynchronously(), true);
  assert.equal(await settingUnder(true), 'off');
  assert.equal(await settingUnder(false), 'on');
  setAuditReadsSynchronous(true);
  try {
    assert.equal(readsCommitAsynchronously(), false);
  } finally {
    setAuditReadsSynchronous(false);
  }
  // the setting is transaction-local: outside, the database default (synchronous) applies
  const [row] = ((await db.execute(sql`show synchronous_commit`)) as unknown as { rows: Array<{ synchronous_commit: string }> }).rows;
  assert.equal(row!.synchronous_commit, 'on');
});
