import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { todayInRome } from '@esenzioni/domain';
import { login, type TestWorld } from './helpers/app.js';
import { startPortalWorld } from './helpers/portal-world.js';
import { countRows, PEOPLE, USERS } from './helpers/fixtures.js';
import { processOutboxOnce } from '../src/jobs/outbox-worker.js';
import { notificationHandlers } from '../src/notify/handlers.js';
import { createSmtpMailer } from '../src/notify/mailer.js';

interface Received {
  from: string;
  to: string[];
  data: string;
}

let w: TestWorld;
let smtp: SMTPServer;
let port = 0;
const inbox: Received[] = [];
let refuse = false;

before(async () => {
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        // like real servers, the refusal echoes the recipient's address: it must not be stored
        if (refuse)
          return callback(
            new Error(
              `mailbox ${session.envelope.rcptTo.map((r) => r.address).join(',')} temporarily unavailable`,
            ),
          );
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as AddressInfo).port;
  w = await startPortalWorld();
});
after(async () => {
  await w.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

test('the e-mail reaches the SMTP server once, and says nothing about the condition', async () => {
  const handlers = notificationHandlers(
    createSmtpMailer({
      smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
      from: 'Esenzioni <noreply@esenzioni.test>',
    }),
  );
  const spec = await login(w.app, USERS.specialist.username);
  const sent = await spec.req({
    method: 'POST',
    url: '/api/cases',
    payload: {
      beneficiaryFiscalCode: PEOPLE.lucia.fiscalCode,
      exemptionCode: '013.250',
      diagnosisCode: '250.01',
      issuedOn: todayInRome(),
    },
  });
  const caseNumber = sent.json().caseNumber as string;

  // the server refuses first: the outbox keeps the mail pending and retries later with back-off
  refuse = true;
  while ((await processOutboxOnce(w.database.db, handlers)) > 0);
  assert.equal(inbox.length, 0);
  assert.equal(await countRows(w.database.db, 'mail_outbox', `status = 'PENDING'`), 1);
  const [retry] = (
    (await w.database.db.execute(
      `select attempts, last_error, next_attempt_at > now() as later from outbox where event_type = 'mail.send'` as never,
    )) as unknown as {
      rows: Array<{ attempts: number; last_error: string; later: boolean }>;
    }
  ).rows;
  assert.equal(retry!.attempts, 1);
  // a 4xx is transient (retried); stored as code and class only, never the server's echo of the address
  assert.equal(retry!.last_error, 'SMTP 450: errore temporaneo del server di posta');
  assert.doesNotMatch(retry!.last_error, /@|lucia|verdi/i);
  assert.equal(retry!.later, true);

  refuse = false;
  await w.database.db.execute(
    `update outbox set next_attempt_at = now() where event_type = 'mail.send'` as never,
  );
  for (let i = 0; i < 2; i++) while ((await processOutboxOnce(w.database.db, handlers)) > 0);
  assert.equal(inbox.length, 1);
  const mail = inbox[0]!;
  assert.deepEqual(mail.to, ['lucia.verdi@example.org']);
  assert.equal(mail.from, 'noreply@esenzioni.test');
  const split = mail.data.indexOf('\r\n\r\n');
  const head = mail.data.slice(0, split);
  const qp = mail.data.slice(split + 4);
  const headers = head.replace(/\r\n[ \t]+/g, ' ');
  assert.match(
    headers,
    new RegExp(`Subject: Esenzioni ticket: aggiornamento della pratica n\\. ${caseNumber}`),
  );
  assert.match(headers, /Message-ID: <mail-\d+-\d+@esenzioni\.invalid>/i);
  // quoted-printable → text
  const body = Buffer.from(
    qp
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_s, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');
  assert.match(body, new RegExp(`La tua pratica n\\. ${caseNumber} è stata inviata all'ASL\\.`));
  for (const text of [headers, body]) assert.doesNotMatch(text, /013\.250|250\.01|\b250\b|\b013\b|diabet/i);
  assert.equal(await countRows(w.database.db, 'mail_outbox', `status = 'SENT' and sent_at is not null`), 1);

  // delivering the same event again sends nothing more
  await w.database.db.execute(`update outbox set processed_at = null, next_attempt_at = now()` as never);
  while ((await processOutboxOnce(w.database.db, handlers)) > 0);
  assert.equal(inbox.length, 1);
});
