/**
 * A hung SMTP server (issue 9, fault case e): it accepts connections and never says a word. The outbox
 * worker loop runs against it while the API is used: no database connection may be held while a mail
 * waits (no session "idle in transaction"), the API keeps answering, the loop never runs twice at once,
 * and the waiting mails are retried later (transient), not lost and not dead.
 * PostgreSQL only: the pool and pg_stat_activity are what is observed (PGlite has one in-process connection).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { login, type TestWorld } from './helpers/app.js';
import { startPortalWorld } from './helpers/portal-world.js';
import { PEOPLE, USERS } from './helpers/fixtures.js';
import { rows } from '../src/db/client.js';
import { startOutboxWorker } from '../src/jobs/outbox-worker.js';
import { notificationHandlers } from '../src/notify/handlers.js';
import { createSmtpMailer } from '../src/notify/mailer.js';

// PostgreSQL only: scripts/test-server.sh runs *.pg.test.ts in its PostgreSQL pass, never on PGlite
if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL: this file needs a PostgreSQL server');

const POSTGRES = process.env.DATABASE_URL;

let w: TestWorld;
let hung: net.Server;
const sockets = new Set<net.Socket>();
let open = 0;
let maxOpen = 0;
let port = 0;

before(async () => {
  hung = net.createServer((s) => {
    sockets.add(s);
    open++;
    maxOpen = Math.max(maxOpen, open);
    s.on('error', () => undefined);
    s.on('close', () => {
      open--;
      sockets.delete(s);
    });
  });
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
  port = (hung.address() as AddressInfo).port;
  w = await startPortalWorld();
});
after(async () => {
  await w.close();
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => hung.close(() => resolve()));
});

test('(e) a hung SMTP server: no connection held while mails wait, the API keeps answering, mails retried later', async () => {
  const db = w.database.db;
  const MAILS = 30;
  // 30 mails waiting to be sent (written as the notification handler writes them)
  await db.execute(sql`
    with m as (
      insert into mail_outbox (event_id, recipient_fiscal_code, to_address, subject, body)
      select -g, ${PEOPLE.lucia.fiscalCode}, 'lucia.verdi@example.org', 'Esenzioni ticket: prova', 'prova' from generate_series(1, ${MAILS}) g
      returning id)
    insert into outbox (event_type, payload) select 'mail.send', jsonb_build_object('mailId', id) from m`);
  const greetingMs = 2_500;
  const handlers = notificationHandlers(
    createSmtpMailer(
      { smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: 'Esenzioni <noreply@esenzioni.test>' },
      { connectMs: 1_000, greetingMs, socketMs: 2_000 },
    ),
  );
  const admin = await login(w.app, USERS.admin.username);
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const worker = startOutboxWorker(db, quiet as never, 20, handlers, { concurrency: 8, batch: 100 });

  // while the sends hang: watch the database sessions and use the API
  const dbName = new URL(String(w.database.connection?.connectionString)).pathname.slice(1);
  const watcher = new pg.Client({ connectionString: POSTGRES });
  await watcher.connect();
  let maxIdleInTransaction = 0;
  let maxCheckedOut = 0;
  const latencies: number[] = [];
  const until = Date.now() + 1_800;
  while (Date.now() < until) {
    const { rows: r } = await watcher.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = $1 and state like 'idle in transaction%'`,
      [dbName],
    );
    maxIdleInTransaction = Math.max(maxIdleInTransaction, r[0]!.n);
    // after the first reads of the mail rows, every send is waiting on the silent server
    if (until - Date.now() < 1_400)
      maxCheckedOut = Math.max(maxCheckedOut, w.database.pool!.totalCount - w.database.pool!.idleCount);
    const t0 = Date.now();
    const res = await admin.req({ method: 'GET', url: '/api/admin/mail-outbox?limit=5' });
    latencies.push(Date.now() - t0);
    assert.equal(res.statusCode, 200);
    await new Promise((r) => setTimeout(r, 50));
  }
  await watcher.end();
  const hungConnections = maxOpen;
  await worker.stop();
  const worst = Math.max(...latencies);
  console.log(
    `  (e) hung SMTP: ${latencies.length} API requests, worst ${worst} ms; sessions idle in transaction: max ${maxIdleInTransaction}; ` +
      `pool connections checked out: max ${maxCheckedOut} of 20; SMTP connections at once: max ${hungConnections}`,
  );
  assert.equal(maxIdleInTransaction, 0, 'no transaction held across a network call');
  // each of the 8 delivery lanes briefly takes a connection to renew its lease and mark its mail SENDING
  // before it sends, and gives it back: the hung sends themselves hold none (the finding: all 20 held)
  assert.ok(
    maxCheckedOut <= 8 + 2,
    `no pool connection held by the waiting sends (max ${maxCheckedOut} checked out of 20)`,
  );
  assert.ok(worst < 1_000, `the API kept answering (worst ${worst} ms)`);
  assert.ok(
    hungConnections <= 8,
    `one run at a time, at most its concurrency in flight (${hungConnections})`,
  );

  // the sends timed out (greeting): transient, so retried later, neither sent nor dead
  const [state] = await rows<{ pending: number; dead: number; retried: number }>(
    db,
    sql`select count(*) filter (where dead_at is null and processed_at is null)::int as pending,
               count(*) filter (where dead_at is not null)::int as dead,
               count(*) filter (where attempts >= 1 and last_error like 'SMTP %')::int as retried
          from outbox where event_type = 'mail.send'`,
  );
  assert.equal(state!.pending, MAILS);
  assert.equal(state!.dead, 0);
  assert.ok(state!.retried >= 8, `${state!.retried} mails tried and scheduled again`);
});
