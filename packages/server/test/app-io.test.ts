/**
 * App IO as a notification channel beside e-mail (issue 14 §3), against a fake App IO on 127.0.0.1 that
 * follows the published API for services (helpers/fake-app-io.ts: the subscription key, the profile
 * check, the message's length limits). A validated exemption's notification reaches the person's IO
 * once, after the profile check, with no health data (no exemption code, description, diagnosis or ICD
 * text); a person without IO, or who refuses the service, gets nothing; a failing IO is retried; a
 * refused key is a dead letter; with the channel off nothing is queued.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { rows } from '../src/db/client.js';
import { httpAppIo } from '../src/interop/app-io-client.js';
import { processOutboxOnce, type OutboxHandlers } from '../src/jobs/outbox-worker.js';
import { notificationHandlers } from '../src/notify/handlers.js';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { startFakeAppIo, type FakeAppIo } from './helpers/fake-app-io.js';
import { newCase, PEOPLE, USERS } from './helpers/fixtures.js';

const now = new Date('2026-03-10T09:00:00Z');
let w: TestWorld;
let io: FakeAppIo;
let handlers: OutboxHandlers;
let op: Client;
const log = { info() {}, warn() {}, error() {}, debug() {} };

async function runOnce(withHandlers: OutboxHandlers = handlers): Promise<void> {
  await w.database.db.execute(
    sql`update outbox set next_attempt_at = now() where processed_at is null and dead_at is null`,
  );
  await processOutboxOnce(w.database.db, withHandlers, { log });
}
const drain = async () => {
  for (let i = 0; i < 4; i++) await runOnce();
};

/** A case of `who` for `code` with a diagnosis, validated by the operator; its number. */
async function validated(who: keyof typeof PEOPLE, code: string, diagnosis: string | null): Promise<string> {
  const n = await newCase(w.database.db, who, code, now);
  if (diagnosis)
    await w.database.db.execute(
      sql`update exemption_case set diagnosis_code = ${diagnosis} where case_number = ${n}`,
    );
  const v = await op.req({ method: 'POST', url: `/api/cases/${n}/validate`, payload: {}, ifMatch: 1 });
  assert.equal(v.statusCode, 200, v.body);
  return n;
}

const ioEvents = () =>
  rows<{ id: number; attempts: number; last_error: string | null; dead: boolean; done: boolean }>(
    w.database.db,
    sql`select id, attempts, last_error, dead_at is not null as dead, processed_at is not null as done
          from outbox where event_type = 'appio.send' order by id`,
  );

before(async () => {
  io = await startFakeAppIo();
  handlers = notificationHandlers(null, {
    appIo: httpAppIo({ baseUrl: io.origin, apiKey: io.apiKey, timeoutMs: 5_000 }),
  });
  w = await startWorld({ clock: () => now });
  op = await login(w.app, USERS.opTorino.username);
});
after(async () => {
  await w.close();
  await io.close();
});

test('with the channel off nothing is queued for App IO', async () => {
  await validated('torino', '048', null);
  await w.database.db.execute(sql`update outbox set next_attempt_at = now()`);
  for (let i = 0; i < 3; i++) await processOutboxOnce(w.database.db, notificationHandlers(null), { log });
  assert.equal((await ioEvents()).length, 0);
  assert.equal(io.profileChecks.length, 0);
});

test('a validated exemption: profile check, then one message with a subject and markdown body and no health data', async () => {
  io.profiles.set(PEOPLE.lucia.fiscalCode, true);
  const n = await validated('lucia', '013', '250.00');
  await drain();
  // one message per notification of the person: the case sent, then validated
  const notes = await rows<{ text: string }>(
    w.database.db,
    sql`select text from notification where recipient_fiscal_code = ${PEOPLE.lucia.fiscalCode} and case_number = ${n} order by id`,
  );
  assert.equal(notes.length, 2);
  assert.deepEqual(io.profileChecks, [PEOPLE.lucia.fiscalCode, PEOPLE.lucia.fiscalCode]);
  assert.equal(io.messages.length, 2);
  const [code] = await rows<{ description: string }>(
    w.database.db,
    sql`select description from exemption_code where code = '013'`,
  );
  for (const m of io.messages) {
    assert.equal(m.fiscal_code, PEOPLE.lucia.fiscalCode);
    assert.ok(m.content.subject.length >= 10 && m.content.subject.length <= 120);
    assert.ok(m.content.markdown.length >= 80 && m.content.markdown.length <= 10_000);
    assert.ok(m.content.markdown.includes(n), 'the case number, so the person finds it on the portal');
    // no health data: neither the exemption code nor its description, nor the diagnosis or its ICD text
    const text = `${m.content.subject}\n${m.content.markdown}`.replaceAll(n, '#');
    for (const forbidden of ['013', '250', code!.description.slice(0, 20), 'diabet', 'diagnosi'])
      assert.ok(!text.toLowerCase().includes(forbidden.toLowerCase()), `«${forbidden}» in the IO message`);
  }
  assert.ok(io.messages.some((m) => m.content.markdown.includes(notes[1]!.text)));
  const events = await ioEvents();
  assert.ok(events.length >= 1 && events.every((e) => e.done));
  // processed once: running again sends nothing
  await drain();
  assert.equal(io.messages.length, 2);
});

test('no IO profile, or a person who does not accept the service: checked, nothing sent', async () => {
  io.profiles.set(PEOPLE.giovanni.fiscalCode, false);
  io.profileChecks.length = 0;
  await validated('giovanni', '048', null);
  await validated('torino2', '048', null);
  await drain();
  assert.deepEqual(
    [...new Set(io.profileChecks)].sort(),
    [PEOPLE.giovanni.fiscalCode, PEOPLE.torino2.fiscalCode].sort(),
  );
  assert.equal(io.messages.length, 2);
  assert.ok((await ioEvents()).every((e) => e.done));
});

test('App IO failing: retried with back-off and sent once when it answers; a refused key is a dead letter at once', async () => {
  io.mode = 'fail';
  const before = (await ioEvents()).length;
  await validated('lucia', '048', null);
  await runOnce(); // the case's events: the notifications and their 'appio.send'
  await runOnce(); // App IO answers 500
  const pending = (await ioEvents()).slice(before);
  assert.equal(pending.length, 2);
  for (const p of pending)
    assert.deepEqual([p.done, p.dead, p.last_error], [false, false, 'App IO: risposta HTTP 500']);
  io.mode = 'ok';
  await runOnce();
  assert.equal(io.messages.length, 4);
  assert.ok((await ioEvents()).every((e) => e.done));

  const wrongKey = notificationHandlers(null, {
    appIo: httpAppIo({ baseUrl: io.origin, apiKey: 'chiave-sbagliata', timeoutMs: 5_000 }),
  });
  await validated('lucia', '031', null);
  await runOnce(wrongKey);
  await runOnce(wrongKey);
  const [last] = (await ioEvents()).slice(-1);
  assert.deepEqual([last!.dead, last!.last_error], [true, 'App IO: risposta HTTP 401']);
  assert.equal(io.messages.length, 4);
});

test('configuration: both interfaces off by default; App IO needs its key; the registry takes its URL and credentials', () => {
  const base = loadConfig({});
  assert.equal(base.interop.registry, null);
  assert.equal(base.interop.appIo, null);
  assert.throws(() => loadConfig({ APP_IO_ENABLED: 'true' }), /APP_IO_API_KEY/);
  const on = loadConfig({
    APP_IO_ENABLED: 'true',
    APP_IO_API_KEY: 'k',
    REGISTRY_PUSH_URL: 'https://aura.example/fhir',
    REGISTRY_PUSH_TOKEN: 't',
    REGISTRY_PUSH_MAX_ATTEMPTS: '4',
  });
  assert.deepEqual(on.interop.appIo, { baseUrl: 'https://api.io.pagopa.it', apiKey: 'k', timeoutMs: 10_000 });
  assert.equal(on.interop.registry?.url, 'https://aura.example/fhir');
  assert.equal(on.interop.registry?.maxAttempts, 4);
  assert.equal(on.interop.registry?.token, 't');
});
