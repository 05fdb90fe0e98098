/**
 * The push of exemptions to the regional registry (issue 14 §2), against a fake registry on 127.0.0.1
 * (helpers/fake-registry.ts) that applies a change once per idempotency key and can be slow, fail or go
 * down. Validating, revoking, expiring and annulling an exemption each reach it exactly once — also when
 * it was down for a while, or answered too late after applying; after the attempts run out the change is
 * a dead letter the administrator sees and retries; the nightly reconciliation lists the differences.
 * Time is moved, never waited for: a retry is made due by setting next_attempt_at (the back-off itself
 * is checked), the sweep and the reconciliation take the injected clock.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Coverage } from '@medplum/fhirtypes';
import { createApiKey } from '../src/auth/api-keys.js';
import { rows } from '../src/db/client.js';
import { httpRegistry, type RegistryPort } from '../src/interop/registry-client.js';
import { runExpirySweep } from '../src/jobs/expiry.js';
import { processOutboxOnce, type OutboxHandlers } from '../src/jobs/outbox-worker.js';
import { registryReconciliationJob } from '../src/jobs/registry-reconciliation.js';
import { notificationHandlers } from '../src/notify/handlers.js';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { startFakeRegistry, type FakeRegistry } from './helpers/fake-registry.js';
import { validR4 } from './helpers/fhir-validator.js';
import { newCase, PEOPLE, USERS } from './helpers/fixtures.js';

let now = new Date('2026-03-10T09:00:00Z');
const clock = () => now;
const DAY = 86_400_000;

let w: TestWorld;
let fake: FakeRegistry;
let port: RegistryPort;
let handlers: OutboxHandlers;
/** the same registry with a short time limit, for the answer that comes too late */
let impatient: OutboxHandlers;
let op: Client;
let admin: Client;
let apiKey: string;
const log = { info() {}, warn() {}, error() {}, debug() {} };
const MAX_ATTEMPTS = 3;

const PUSH = 'registry.coverage-changed';

/** One outbox run with every pending event due now (time moved, not waited for). */
async function runOnce(withHandlers: OutboxHandlers = handlers): Promise<void> {
  await w.database.db.execute(
    sql`update outbox set next_attempt_at = now() where processed_at is null and dead_at is null`,
  );
  await processOutboxOnce(w.database.db, withHandlers, { log });
}
/** Runs until nothing is due (the case's event, then the push it writes). */
async function drain(): Promise<void> {
  for (let i = 0; i < 6; i++) await runOnce();
}

const pushEvents = (where = sql`true`) =>
  rows<{
    id: number;
    attempts: number;
    last_error: string | null;
    dead: boolean;
    done: boolean;
    later: boolean;
  }>(
    w.database.db,
    sql`select id, attempts, last_error, dead_at is not null as dead, processed_at is not null as done,
               next_attempt_at > now() as later
          from outbox where event_type = ${PUSH} and ${where} order by id`,
  );

const act = (n: string, path: string, version: number, payload: object = {}) =>
  op.req({ method: 'POST', url: `/api/cases/${n}/${path}`, payload, ifMatch: version });

async function validated(
  who: keyof typeof PEOPLE,
  code = '048',
): Promise<{ n: string; version: number; id: string }> {
  const n = await newCase(w.database.db, who, code, now);
  const v = await act(n, 'validate', 1);
  assert.equal(v.statusCode, 200, v.body);
  const [r] = await rows<{ id: number }>(
    w.database.db,
    sql`select r.id from registry_exemption r join exemption_case c on c.id = r.case_id where c.case_number = ${n}`,
  );
  return { n, version: (v.json() as { version: number }).version, id: String(r!.id) };
}

/** The changes the registry applied to Coverage `id`: the statuses, in order. */
const appliedTo = (id: string) => fake.effects.filter((e) => e.id === id).map((e) => e.status);

/** Our Coverage as the FHIR API answers it now. */
async function ours(id: string): Promise<Coverage> {
  const res = await w.app.inject({
    method: 'GET',
    url: `/fhir/Coverage/${id}`,
    headers: { authorization: `Bearer ${apiKey}` },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Coverage;
}

before(async () => {
  fake = await startFakeRegistry();
  const settings = { url: fake.url, token: 'token-di-prova', maxAttempts: MAX_ATTEMPTS };
  port = httpRegistry({ ...settings, timeoutMs: 5_000 });
  handlers = notificationHandlers(null, { registry: { port, maxAttempts: MAX_ATTEMPTS } });
  impatient = notificationHandlers(null, {
    registry: { port: httpRegistry({ ...settings, timeoutMs: 150 }), maxAttempts: MAX_ATTEMPTS },
  });
  w = await startWorld({ clock, sessionIdleMs: 3_650 * DAY, sessionMaxMs: 3_650 * DAY });
  [op, admin] = await Promise.all([
    login(w.app, USERS.opTorino.username),
    login(w.app, USERS.admin.username),
  ]);
  apiKey = (await createApiKey(w.database.db, 'verifica')).key;
});
after(async () => {
  await w.close();
  await fake.close();
});

test('without a registry configured nothing is queued for it', async () => {
  await validated('torino2');
  await w.database.db.execute(sql`update outbox set next_attempt_at = now()`);
  await processOutboxOnce(w.database.db, notificationHandlers(null), { log });
  assert.equal((await pushEvents()).length, 0);
  // the events already processed do not come back: clean slate for the next tests
  await drain();
  assert.equal(fake.received.length, 0);
});

test('validating: the Coverage reaches the registry once, valid R4, with its idempotency key and credentials', async () => {
  const { id } = await validated('torino');
  await drain();
  assert.deepEqual(appliedTo(id), ['active']);
  const put = fake.received.filter((r) => r.method === 'PUT' && r.path === `/fhir/Coverage/${id}`);
  assert.equal(put.length, 1);
  const [event] = await pushEvents(sql`payload->>'registryId' = ${id}`);
  assert.equal(put[0]!.key, `esenzioni-${event!.id}`);
  assert.equal(put[0]!.authorization, 'Bearer token-di-prova');
  assert.ok(event!.done);
  const pushed = validR4<Coverage>(fake.coverages.get(id));
  assert.deepEqual(pushed, await ours(id));
  // draining again sends nothing more
  await drain();
  assert.equal(fake.received.filter((r) => r.method === 'PUT').length, 1);
});

test('revoking while the registry is down: retried with back-off, delivered exactly once when it is back', async () => {
  const { n, version, id } = await validated('giovanni');
  await drain();
  await fake.down();
  const r = await act(n, 'revoke', version, { reason: 'REQUIREMENTS_LOST' });
  assert.equal(r.statusCode, 200, r.body);
  await runOnce(); // the case's event: writes the push
  await runOnce(); // the push: refused connection
  let [push] = await pushEvents(sql`payload->>'registryId' = ${id} and payload->>'change' = 'REVOKED'`);
  assert.deepEqual([push!.attempts, push!.done, push!.dead, push!.later], [1, false, false, true]);
  assert.equal(push!.last_error, 'registro regionale: non raggiungibile');
  await runOnce();
  [push] = await pushEvents(sql`id = ${push!.id}`);
  assert.deepEqual([push!.attempts, push!.done, push!.dead], [2, false, false]);
  await fake.up();
  await runOnce();
  [push] = await pushEvents(sql`id = ${push!.id}`);
  assert.ok(push!.done);
  assert.deepEqual(appliedTo(id), ['active', 'cancelled']);
  validR4(fake.coverages.get(id));
  await drain();
  assert.deepEqual(appliedTo(id), ['active', 'cancelled']);
});

test('expiring, with the registry answering too late after applying: retried, applied once (idempotency key)', async () => {
  const { n, id } = await validated('lucia');
  await drain();
  await w.database.db.execute(
    sql`update registry_exemption set valid_until = '2026-05-01' where id = ${Number(id)}`,
  );
  await w.database.db.execute(
    sql`update exemption_case set valid_until = '2026-05-01' where case_number = ${n}`,
  );
  now = new Date('2026-06-01T09:00:00Z');
  assert.equal((await runExpirySweep(w.database.db, now)).expired, 1);
  await runOnce(); // the case's event: writes the push
  fake.mode = 'slow';
  fake.slowMs = 400; // beyond the adapter's 150 ms: applied, but the answer is lost
  await runOnce(impatient);
  const [push] = await pushEvents(sql`payload->>'registryId' = ${id} and payload->>'change' = 'EXPIRED'`);
  assert.equal(push!.done, false);
  assert.equal(push!.last_error, 'registro regionale: nessuna risposta nel tempo massimo');
  fake.mode = 'ok';
  await runOnce();
  const key = `esenzioni-${push!.id}`;
  assert.equal(fake.received.filter((r) => r.key === key).length, 2, 'sent twice');
  assert.equal(fake.effects.filter((e) => e.key === key).length, 1, 'applied once');
  assert.deepEqual(appliedTo(id), ['active', 'active']);
  const expired = fake.coverages.get(id)!;
  assert.equal(
    expired.costToBeneficiary?.[0]?.exception?.[0]?.extension?.[0]?.valueCodeableConcept?.coding?.[0]?.code,
    'completed',
  );
  assert.equal(expired.period?.end, '2026-05-01');
  now = new Date('2026-03-10T09:00:00Z');
});

test('annulling: the registry receives the Coverage entered-in-error, once', async () => {
  const { n, version, id } = await validated('torino2', '013');
  await drain();
  assert.equal((await act(n, 'annul', version, { reason: 'Errore materiale' })).statusCode, 200);
  await drain();
  assert.deepEqual(appliedTo(id), ['active', 'entered-in-error']);
});

test('validating a renewal: the new exemption and the renewed one, ended the day before, each once', async () => {
  const old = await validated('giovanni', '013');
  await drain();
  now = new Date('2026-04-20T09:00:00Z');
  const n = await newCase(w.database.db, 'giovanni', '013', now);
  await w.database.db.execute(
    sql`update exemption_case set renews_case_id = (select id from exemption_case where case_number = ${old.n})
         where case_number = ${n}`,
  );
  const v = await act(n, 'validate', 1);
  assert.equal(v.statusCode, 200, v.body);
  await drain();
  now = new Date('2026-03-10T09:00:00Z');
  const changes = await rows<{ change: string; id: string }>(
    w.database.db,
    sql`select payload->>'change' as change, payload->>'registryId' as id from outbox
         where event_type = ${PUSH} and payload->>'caseNumber' = ${n} order by id`,
  );
  assert.deepEqual(changes.map((c) => c.change).sort(), ['RENEWED', 'VALIDATED']);
  const renewed = changes.find((c) => c.change === 'RENEWED')!;
  assert.equal(renewed.id, old.id);
  assert.deepEqual(appliedTo(old.id), ['active', 'active']);
  assert.equal(fake.coverages.get(old.id)?.period?.end, '2026-04-19');
  const fresh = changes.find((c) => c.change === 'VALIDATED')!;
  assert.deepEqual(appliedTo(fresh.id), ['active']);
  assert.equal(fake.coverages.get(fresh.id)?.period?.start, '2026-04-20');
});

test('after the attempts run out the change is a dead letter the administrator sees; a retry delivers it once', async () => {
  fake.mode = 'fail';
  const { id } = await validated('torino', '031');
  await runOnce(); // the case's event
  for (let i = 0; i < MAX_ATTEMPTS; i++) await runOnce();
  const [push] = await pushEvents(sql`payload->>'registryId' = ${id}`);
  assert.deepEqual([push!.attempts, push!.dead, push!.done], [MAX_ATTEMPTS, true, false]);
  const dead = await admin.req({ method: 'GET', url: '/api/admin/outbox/dead' });
  assert.equal(dead.statusCode, 200, dead.body);
  const item = (
    dead.json() as { items: Array<{ id: string; eventType: string; lastError: string }> }
  ).items.find((i) => i.id === String(push!.id));
  assert.deepEqual(item && [item.eventType, item.lastError], [PUSH, 'registro regionale: risposta HTTP 503']);
  assert.ok(!dead.body.includes(PEOPLE.torino.fiscalCode));
  await drain();
  assert.deepEqual(appliedTo(id), [], 'a dead letter is not retried on its own');
  fake.mode = 'ok';
  const retry = await admin.req({ method: 'POST', url: `/api/admin/outbox/${push!.id}/retry` });
  assert.equal(retry.statusCode, 200, retry.body);
  await drain();
  assert.deepEqual(appliedTo(id), ['active']);
});

test('the nightly reconciliation lists what differs or is missing in the registry, and a registry that is down', async () => {
  // every change so far was on 2026-03-10 (and the expiry on 2026-06-01): reconcile 2026-03-10
  const night = new Date('2026-03-11T01:30:00Z');
  const changed = await rows<{ id: number }>(
    w.database.db,
    sql`select r.id from registry_exemption r join case_history h on h.case_id = r.case_id
         where h.at < '2026-03-11' and h.status in ('VALIDATED','REVOKED','CANCELLED') group by r.id`,
  );
  assert.ok(changed.length >= 4);
  const [a, b] = [...fake.coverages.keys()];
  fake.coverages.set(a!, { ...fake.coverages.get(a!)!, period: { start: '2026-03-10', end: '2030-01-01' } });
  fake.coverages.delete(b!);
  const job = registryReconciliationJob(port, 0);
  const differences = await job.run(w.database.db, night);
  const res = await admin.req({ method: 'GET', url: '/api/admin/registry/reconciliations' });
  assert.equal(res.statusCode, 200, res.body);
  const [run] = (
    res.json() as {
      items: Array<{
        day: string;
        checked: number;
        unreachable: boolean;
        differences: Array<{ coverageId: string; kind: string; fields: string[] }>;
      }>;
    }
  ).items;
  assert.equal(run!.day, '2026-03-10');
  assert.equal(run!.unreachable, false);
  assert.ok(run!.checked >= changed.length - 1, `${run!.checked} checked`);
  // the first test's exemption (registry off then) was never pushed: missing as well
  const byId = Object.fromEntries(run!.differences.map((d) => [d.coverageId, d]));
  assert.deepEqual(byId[a!], { coverageId: a, kind: 'DIFFERENT', fields: ['period.end'] });
  assert.deepEqual(byId[b!], { coverageId: b, kind: 'MISSING', fields: [] });
  assert.equal(differences, run!.differences.length);
  assert.ok(!res.body.includes(PEOPLE.torino.fiscalCode), 'ids and field names only');

  await fake.down();
  await job.run(w.database.db, night);
  const after = await admin.req({ method: 'GET', url: '/api/admin/registry/reconciliations' });
  const [latest] = (after.json() as { items: Array<{ unreachable: boolean; checked: number }> }).items;
  assert.deepEqual([latest!.unreachable, latest!.checked], [true, 0]);
  await fake.up();
});
