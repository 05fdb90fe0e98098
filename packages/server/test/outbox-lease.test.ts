/**
 * Two workers on one database and a lease that runs out while the first one is still busy (issue 9,
 * security review): the second worker claims the same events again. Each mail must still reach the
 * SMTP servers exactly once, and the first worker's late outcome (success or failure) must never
 * change an event the second worker now owns (no dead_at on a processed event).
 * The lease is ended by moving next_attempt_at (time is never waited for); the slow SMTP server of the
 * first worker holds each message until the test releases it.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';
import { rows } from '../src/db/client.js';
import { processOutboxOnce, type OutboxHandlers } from '../src/jobs/outbox-worker.js';
import { DeliveryError } from '../src/jobs/outbox-handler.js';
import { mailSendHandler, MAIL_SEND } from '../src/notify/mail-send.js';
import { createSmtpMailer } from '../src/notify/mailer.js';
import { openTestDatabase } from './helpers/db.js';

let database: Database;
/** message ids as received by either server: a duplicate shows up twice */
const received: string[] = [];
const servers: SMTPServer[] = [];
/** resolved when the slow server has a message and waits for the test */
let slowHolding: (() => void) | null = null;
let releaseSlow: (() => void) | null = null;

function startSmtp(slow: boolean): Promise<number> {
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const id = /Message-ID: (<[^>]+>)/i.exec(Buffer.concat(chunks).toString('utf8'))?.[1] ?? '?';
        const accept = () => {
          received.push(id);
          callback();
        };
        if (!slow) return accept();
        // the tarpit: the message is taken, the answer waits for the test
        releaseSlow = accept;
        slowHolding?.();
      });
    },
  });
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port)),
  );
}

const mailerAt = (port: number) =>
  createSmtpMailer({
    smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    from: 'Esenzioni <noreply@esenzioni.test>',
  });
let slowHandlers: OutboxHandlers;
let fastHandlers: OutboxHandlers;

before(async () => {
  database = await openTestDatabase();
  slowHandlers = { [MAIL_SEND]: mailSendHandler(mailerAt(await startSmtp(true))) };
  fastHandlers = { [MAIL_SEND]: mailSendHandler(mailerAt(await startSmtp(false))) };
});
after(async () => {
  await database.close();
  for (const s of servers) await new Promise<void>((resolve) => s.close(() => resolve()));
});
beforeEach(async () => {
  received.length = 0;
  await database.db.execute(sql`delete from outbox`);
  await database.db.execute(sql`delete from mail_outbox`);
});

async function queueMails(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const [mail] = await rows<{ id: number }>(
      database.db,
      sql`insert into mail_outbox (event_id, recipient_fiscal_code, to_address, subject, body)
          values (${1000 + i}, ${`RSSMRA80A01H50${i}X`.slice(0, 16)}, ${`p${i}@example.org`}, 'Oggetto', 'Testo') returning id`,
    );
    await database.db.execute(
      sql`insert into outbox (event_type, payload) values (${MAIL_SEND}, jsonb_build_object('mailId', ${mail!.id}::bigint))`,
    );
  }
}

/** what a lease running out looks like to the other worker: every claimed event is due again */
const endLeases = () =>
  database.db.execute(
    sql`update outbox set next_attempt_at = now() where processed_at is null and dead_at is null`,
  );

const waitForSlowServer = () => new Promise<void>((resolve) => (slowHolding = resolve));

test('a lease that ends during a slow SMTP delivery: each mail is received exactly once', async () => {
  await queueMails(3);
  const holding = waitForSlowServer();
  // worker A claims all three, one lane, and its server holds the first message
  const first = processOutboxOnce(database.db, slowHandlers, { batch: 10, concurrency: 1 });
  await holding;
  await endLeases();
  // worker B claims the same three events (A's lease is over) and delivers what it may
  await processOutboxOnce(database.db, fastHandlers, { batch: 10, concurrency: 8 });
  slowHolding = null;
  releaseSlow!();
  await first;
  // whatever is left is retried until nothing is due
  for (let round = 0; round < 5; round++) {
    await database.db.execute(
      sql`update outbox set next_attempt_at = now() where processed_at is null and dead_at is null`,
    );
    while ((await processOutboxOnce(database.db, fastHandlers, { batch: 10 })) > 0);
  }
  assert.equal(received.length, 3, `received ${received.join(' ')}`);
  assert.equal(new Set(received).size, 3);
  const mails = await rows<{ status: string }>(database.db, sql`select status from mail_outbox order by id`);
  assert.deepEqual(
    mails.map((m) => m.status),
    ['SENT', 'SENT', 'SENT'],
  );
  const events = await rows<{ done: boolean; dead: boolean }>(
    database.db,
    sql`select processed_at is not null as done, dead_at is not null as dead from outbox`,
  );
  assert.deepEqual(
    events.map((e) => [e.done, e.dead]),
    [
      [true, false],
      [true, false],
      [true, false],
    ],
  );
});

test("a late failure of a lost claim never makes another worker's processed event dead", async () => {
  await database.db.execute(
    sql`insert into outbox (event_type, payload) values ('test.external', '{}'::jsonb)`,
  );
  let failLate: (() => void) | null = null;
  const started = new Promise<void>((resolve) => {
    slowHolding = resolve;
  });
  const failing: OutboxHandlers = {
    'test.external': {
      deliver: () =>
        new Promise((_resolve, reject) => {
          failLate = () =>
            reject(new DeliveryError(true, 'SMTP 550: rifiuto permanente del server di posta'));
          slowHolding?.();
        }),
    },
  };
  const succeeding: OutboxHandlers = { 'test.external': { deliver: async () => undefined } };
  const first = processOutboxOnce(database.db, failing, { batch: 10, concurrency: 1 });
  await started;
  slowHolding = null;
  await endLeases();
  assert.equal(await processOutboxOnce(database.db, succeeding), 1);
  failLate!();
  await first;
  const [event] = await rows<{ done: boolean; dead: boolean; last_error: string | null }>(
    database.db,
    sql`select processed_at is not null as done, dead_at is not null as dead, last_error from outbox`,
  );
  assert.deepEqual(event, { done: true, dead: false, last_error: null });
});

test("a late transient failure of a lost claim does not reschedule another worker's event", async () => {
  await database.db.execute(
    sql`insert into outbox (event_type, payload) values ('test.external', '{}'::jsonb)`,
  );
  let failLate: (() => void) | null = null;
  const started = new Promise<void>((resolve) => {
    slowHolding = resolve;
  });
  const failing: OutboxHandlers = {
    'test.external': {
      deliver: () =>
        new Promise((_resolve, reject) => {
          failLate = () =>
            reject(new DeliveryError(false, 'SMTP 450: errore temporaneo del server di posta'));
          slowHolding?.();
        }),
    },
  };
  let secondRuns = 0;
  // worker B's own attempt fails transiently too: its retry schedule (and error) must stay B's
  const secondFails: OutboxHandlers = {
    'test.external': {
      deliver: async () => {
        secondRuns++;
        throw new DeliveryError(false, 'errore di rete');
      },
    },
  };
  const first = processOutboxOnce(database.db, failing, { batch: 10, concurrency: 1 });
  await started;
  slowHolding = null;
  await endLeases();
  await processOutboxOnce(database.db, secondFails);
  const [before] = await rows<{ attempts: number; next: string }>(
    database.db,
    sql`select attempts, next_attempt_at::text as next from outbox`,
  );
  failLate!();
  await first;
  const [event] = await rows<{ attempts: number; next: string; last_error: string | null }>(
    database.db,
    sql`select attempts, next_attempt_at::text as next, last_error from outbox`,
  );
  assert.equal(secondRuns, 1);
  assert.deepEqual(event, { attempts: before!.attempts, next: before!.next, last_error: 'errore di rete' });
});

test('an event still waiting in a run whose lease ran out is not delivered by that run', async () => {
  await database.db.execute(
    sql`insert into outbox (event_type, payload) values ('test.external', '{"n":1}'::jsonb), ('test.external', '{"n":2}'::jsonb)`,
  );
  const calls: string[] = [];
  let finish: (() => void) | null = null;
  const started = new Promise<void>((resolve) => {
    slowHolding = resolve;
  });
  const slow: OutboxHandlers = {
    'test.external': {
      deliver: (_db, payload) => {
        calls.push(`A${String(payload.n)}`);
        if (payload.n !== 1) return Promise.resolve(undefined);
        return new Promise((resolve) => {
          finish = () => resolve(undefined);
          slowHolding?.();
        });
      },
    },
  };
  const fast: OutboxHandlers = {
    'test.external': {
      deliver: async (_db, payload) => {
        calls.push(`B${String(payload.n)}`);
        return undefined;
      },
    },
  };
  // one lane: event 2 waits in A's run behind the slow event 1
  const first = processOutboxOnce(database.db, slow, { batch: 10, concurrency: 1 });
  await started;
  slowHolding = null;
  await endLeases();
  assert.equal(await processOutboxOnce(database.db, fast), 2);
  finish!();
  await first;
  // A delivered event 1 (already under way), never event 2: B owns it and delivered it
  assert.deepEqual(calls.sort(), ['A1', 'B1', 'B2']);
});

// PGlite has one connection: a second worker cannot run while the first holds a transaction, so this
// case exists only on PostgreSQL (the PostgreSQL pass of scripts/test-server.sh)
const onPostgres = process.env.DATABASE_URL ? test : () => undefined;
void onPostgres(
  "a database handler of a lost claim rolls back and leaves the other worker's event as it was",
  async () => {
    await database.db.execute(
      sql`insert into outbox (event_type, payload) values ('test.local', '{}'::jsonb)`,
    );
    let release: (() => void) | null = null;
    const started = new Promise<void>((resolve) => {
      slowHolding = resolve;
    });
    let firstRuns = 0;
    const slow: OutboxHandlers = {
      'test.local': async (tx) => {
        firstRuns++;
        if (firstRuns === 1)
          await new Promise<void>((resolve) => {
            release = resolve;
            slowHolding?.();
          });
        // a write of the handler: must be rolled back with the lost claim
        await tx.execute(
          sql`insert into mail_outbox (event_id, recipient_fiscal_code, to_address, subject, body) values (${firstRuns}, 'X', 'x', 's', 'b')`,
        );
      },
    };
    const first = processOutboxOnce(database.db, slow, { batch: 10, concurrency: 1 });
    await started;
    slowHolding = null;
    await endLeases();
    assert.equal(await processOutboxOnce(database.db, { 'test.local': async () => undefined }), 1);
    const [done] = await rows<{ at: string; attempts: number }>(
      database.db,
      sql`select processed_at::text as at, attempts from outbox`,
    );
    release!();
    await first;
    const [event] = await rows<{ at: string; attempts: number; dead: boolean }>(
      database.db,
      sql`select processed_at::text as at, attempts, dead_at is not null as dead from outbox`,
    );
    assert.deepEqual(event, { ...done, dead: false });
    assert.equal((await rows(database.db, sql`select id from mail_outbox`)).length, 0);
  },
);
