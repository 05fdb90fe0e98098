/**
 * Mail delivery failures (issue 9): a permanent SMTP rejection (5xx) makes the mail a dead letter at
 * once; transient ones (4xx, network) are retried with back-off and become dead after the last attempt;
 * the administrator sees dead letters (GET /api/admin/outbox/dead, mail outbox ?status=DEAD) and retries
 * them (POST, ADMIN only, CSRF); stored errors and log lines carry no address; /metrics counts them.
 * Time is moved by setting next_attempt_at, never waited for.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { sql } from 'drizzle-orm';
import { todayInRome } from '@esenzioni/domain';
import { login, type Client, type TestWorld } from './helpers/app.js';
import { startPortalWorld } from './helpers/portal-world.js';
import { countRows, PEOPLE, USERS } from './helpers/fixtures.js';
import { rows } from '../src/db/client.js';
import { processOutboxOnce, type OutboxOptions } from '../src/jobs/outbox-worker.js';
import { outboxStats } from '../src/jobs/outbox-admin.js';
import { setOutboxStatsSource } from '../src/http/metrics.js';
import { notificationHandlers } from '../src/notify/handlers.js';
import { createSmtpMailer } from '../src/notify/mailer.js';

let w: TestWorld;
let smtp: SMTPServer;
let admin: Client;
let spec: Client;
let lucia: Client;
/** what the SMTP server answers to the message: accept, 450 (transient) or 550 (permanent) */
let mode: 'accept' | 450 | 550 = 'accept';
const inbox: string[] = [];
const logged: Array<{ obj: object; msg: string }> = [];
const log = {
  info: (obj: object, msg?: string) => void logged.push({ obj, msg: msg ?? '' }),
  warn: (obj: object, msg?: string) => void logged.push({ obj, msg: msg ?? '' }),
  error: (obj: object, msg?: string) => void logged.push({ obj, msg: msg ?? '' }),
} as unknown as NonNullable<OutboxOptions['log']>;
let handlers: ReturnType<typeof notificationHandlers>;

before(async () => {
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(',');
        if (mode === 'accept') {
          inbox.push(to);
          return callback();
        }
        // real servers echo the recipient in their refusal
        const err = Object.assign(new Error(`<${to}>: mailbox ${mode === 550 ? 'unknown' : 'busy'}`), {
          responseCode: mode,
        });
        callback(err);
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  handlers = notificationHandlers(
    createSmtpMailer({
      smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
      from: 'Esenzioni <noreply@esenzioni.test>',
    }),
  );
  w = await startPortalWorld();
  [admin, spec, lucia] = [
    await login(w.app, USERS.admin.username),
    await login(w.app, USERS.specialist.username),
    await login(w.app, USERS.lucia.username),
  ];
  setOutboxStatsSource(() => outboxStats(w.database.db));
});
after(async () => {
  setOutboxStatsSource(null);
  await w.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** every due event once, then again as long as something was claimed */
const drain = async (opts: OutboxOptions = {}) => {
  while ((await processOutboxOnce(w.database.db, handlers, { log, ...opts })) > 0);
};
/** "later": every pending event becomes due now */
const timePasses = () =>
  w.database.db.execute(
    sql`update outbox set next_attempt_at = now() where processed_at is null and dead_at is null`,
  );

async function newMail(exemptionCode: string, diagnosisCode: string): Promise<number> {
  const res = await spec.req({
    method: 'POST',
    url: '/api/cases',
    payload: {
      beneficiaryFiscalCode: PEOPLE.lucia.fiscalCode,
      exemptionCode,
      diagnosisCode,
      issuedOn: todayInRome(),
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  mode = 'accept';
  // the status event writes the notification, the mail row and its mail.send event; no SMTP yet
  const before = await countRows(w.database.db, 'mail_outbox');
  await processOutboxOnce(
    w.database.db,
    { 'case.status-changed': handlers['case.status-changed']! },
    { log },
  );
  assert.equal(await countRows(w.database.db, 'mail_outbox'), before + 1);
  const [mail] = await rows<{ id: number }>(
    w.database.db,
    sql`select id from mail_outbox order by id desc limit 1`,
  );
  return Number(mail!.id);
}

const mailEvent = async (mailId: number) =>
  (
    await rows<{
      id: number;
      attempts: number;
      last_error: string | null;
      dead: boolean;
      processed: boolean;
      later: boolean;
    }>(
      w.database.db,
      sql`select id, attempts, last_error, dead_at is not null as dead, processed_at is not null as processed, next_attempt_at > now() as later
            from outbox where event_type = 'mail.send' and payload->>'mailId' = ${String(mailId)}`,
    )
  )[0]!;
const mailRow = async (mailId: number) =>
  (
    await rows<{ status: string; last_error: string | null }>(
      w.database.db,
      sql`select status, last_error from mail_outbox where id = ${mailId}`,
    )
  )[0]!;

test('a permanent 5xx rejection makes the mail a dead letter at once, without the address; the admin sees it and retries it', async () => {
  const mailId = await newMail('013.250', '250.01');
  mode = 550;
  await drain();
  const event = await mailEvent(mailId);
  assert.equal(event.attempts, 1, 'not retried: a 5xx is permanent');
  assert.equal(event.dead, true);
  assert.equal(event.last_error, 'SMTP 550: rifiuto permanente del server di posta');
  const mail = await mailRow(mailId);
  assert.equal(mail.status, 'DEAD');
  assert.equal(mail.last_error, 'SMTP 550: rifiuto permanente del server di posta');
  // a log line says so, with no address and no personal data
  const line = logged.find((l) => /dead letter/.test(l.msg));
  assert.ok(line, 'a dead-letter log line');
  assert.deepEqual(Object.keys(line.obj).sort(), ['attempt', 'eventId', 'eventType', 'reason']);
  assert.doesNotMatch(JSON.stringify(logged), /@|lucia|verdi|VRDLCU/i);

  // the administrator sees it
  const dead = await admin.req({ method: 'GET', url: '/api/admin/outbox/dead' });
  assert.equal(dead.statusCode, 200);
  const item = (
    dead.json() as {
      items: Array<{ id: string; eventType: string; attempts: number; lastError: string; deadAt: string }>;
    }
  ).items.find((i) => i.id === String(event.id));
  assert.deepEqual(
    [item?.eventType, item?.attempts, item?.lastError],
    ['mail.send', 1, 'SMTP 550: rifiuto permanente del server di posta'],
  );
  assert.ok(item?.deadAt);
  const deadMails = (
    await admin.req({ method: 'GET', url: '/api/admin/mail-outbox?status=DEAD' })
  ).json() as { items: Array<{ id: string }> };
  assert.deepEqual(
    deadMails.items.map((m) => m.id),
    [String(mailId)],
  );
  const metrics = (await w.app.inject({ method: 'GET', url: '/metrics', headers: { cookie: admin.cookie } }))
    .body;
  assert.match(metrics, /^outbox_dead_events 1$/m);
  assert.match(metrics, /^outbox_backlog_events \d+$/m);
  assert.match(metrics, /^outbox_oldest_pending_age_seconds [\d.e+-]+$/m);
  assert.match(metrics, /^outbox_deliveries_total\{event_type="mail.send",outcome="dead"\} [1-9]/m);
  assert.equal((await outboxStats(w.database.db)).dead, 1);

  // only the administrator, and only with the CSRF token, may retry
  assert.equal(
    (await lucia.req({ method: 'POST', url: `/api/admin/mail-outbox/${mailId}/retry` })).statusCode,
    403,
  );
  assert.equal(
    (
      await admin.req({
        method: 'POST',
        url: `/api/admin/mail-outbox/${mailId}/retry`,
        headers: { 'x-csrf-token': 'wrong' },
      })
    ).statusCode,
    403,
  );
  const retried = await admin.req({ method: 'POST', url: `/api/admin/mail-outbox/${mailId}/retry` });
  assert.equal(retried.statusCode, 200, retried.body);
  assert.equal((await mailRow(mailId)).status, 'PENDING');
  assert.equal(
    (await admin.req({ method: 'POST', url: `/api/admin/mail-outbox/${mailId}/retry` })).statusCode,
    404,
    'no longer dead',
  );

  // the server accepts now: the retried mail is delivered once
  mode = 'accept';
  const delivered = inbox.length;
  await drain();
  assert.equal(inbox.length, delivered + 1);
  assert.equal((await mailRow(mailId)).status, 'SENT');
  assert.equal((await mailEvent(mailId)).processed, true);
  assert.equal((await outboxStats(w.database.db)).dead, 0);
});

test('transient failures (4xx) are retried with back-off, then the mail is a dead letter after the last attempt; the admin retry delivers it', async () => {
  const mailId = await newMail('048', '174.9');
  mode = 450;
  await drain({ maxAttempts: 3 });
  let event = await mailEvent(mailId);
  assert.deepEqual([event.attempts, event.dead, event.later], [1, false, true], 'retried later');
  assert.equal(event.last_error, 'SMTP 450: errore temporaneo del server di posta');
  assert.equal((await mailRow(mailId)).status, 'PENDING');
  await drain({ maxAttempts: 3 });
  assert.equal((await mailEvent(mailId)).attempts, 1, 'not before its time');

  await timePasses();
  await drain({ maxAttempts: 3 });
  assert.deepEqual([(await mailEvent(mailId)).attempts, (await mailEvent(mailId)).dead], [2, false]);
  await timePasses();
  await drain({ maxAttempts: 3 });
  event = await mailEvent(mailId);
  assert.deepEqual(
    [event.attempts, event.dead],
    [3, true],
    'dead after the last attempt, not PENDING for ever',
  );
  assert.equal((await mailRow(mailId)).status, 'DEAD');
  await timePasses();
  await drain({ maxAttempts: 3 });
  assert.equal((await mailEvent(mailId)).attempts, 3, 'a dead letter is not picked again');

  const res = await admin.req({ method: 'POST', url: `/api/admin/outbox/${event.id}/retry` });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal((res.json() as { attempts: number }).attempts, 0);
  mode = 'accept';
  const delivered = inbox.length;
  await drain({ maxAttempts: 3 });
  assert.equal(inbox.length, delivered + 1);
  assert.equal((await mailRow(mailId)).status, 'SENT');
  assert.equal((await admin.req({ method: 'POST', url: '/api/admin/outbox/999999/retry' })).statusCode, 404);
  assert.doesNotMatch(JSON.stringify(logged), /@|lucia|verdi|VRDLCU/i);
});

test('a failing database handler is retried and logged without data, and its writes are rolled back', async () => {
  const failing = { 'test.fails': async () => Promise.reject(new Error('boom VRDLCU85M41L219Y')) };
  await w.database.db.execute(
    sql`insert into outbox (event_type, payload) values ('test.fails', '{}'::jsonb)`,
  );
  await processOutboxOnce(w.database.db, failing, { log, maxAttempts: 2 });
  const [e] = await rows<{ attempts: number; last_error: string }>(
    w.database.db,
    sql`select attempts, last_error from outbox where event_type = 'test.fails'`,
  );
  assert.equal(e!.attempts, 1);
  assert.equal(e!.last_error, 'errore interno (Error)');
  await timePasses();
  await processOutboxOnce(w.database.db, failing, { log, maxAttempts: 2 });
  assert.equal(
    await countRows(w.database.db, 'outbox', `event_type = 'test.fails' and dead_at is not null`),
    1,
  );
  assert.doesNotMatch(JSON.stringify(logged), /VRDLCU|boom/);
  await w.database.db.execute(sql`delete from outbox where event_type = 'test.fails'`);
});
