/**
 * Fault injection against a real PostgreSQL (issue 9): connections killed while in use, killed while
 * idle, killed by idle_in_transaction_session_timeout, and a frozen server (a pausable TCP proxy between
 * the app and PostgreSQL). The process (this test runner, which holds the app and its pool) must stay
 * alive, answer 503 problem+json within the bound while the database is away, and recover by itself.
 * PostgreSQL only: PGlite runs inside the process and has no connection to lose.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { openDatabase, rows, type Database, type DatabaseTimeouts } from '../src/db/client.js';
import { toDomainError } from '../src/http/problem.js';
import { openTestDatabase } from './helpers/db.js';
import { USERS } from './helpers/fixtures.js';
import { login, type Client, TEST_APP_CONFIG } from './helpers/app.js';

// PostgreSQL only: scripts/test-server.sh runs *.pg.test.ts in its PostgreSQL pass, never on PGlite
if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL: this file needs a PostgreSQL server');

const POSTGRES = process.env.DATABASE_URL;

/** A TCP proxy that can stop forwarding (a frozen server: connections accepted, nothing answered). */
class FreezableProxy {
  private server = net.createServer((client) => this.accept(client));
  private frozen = false;
  private held: Array<() => void> = [];
  private sockets = new Set<net.Socket>();
  port = 0;
  constructor(private target: { host: string; port: number }) {}

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }
  freeze(): void {
    this.frozen = true;
  }
  thaw(): void {
    this.frozen = false;
    const held = this.held;
    this.held = [];
    for (const send of held) send();
  }
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
  private accept(client: net.Socket): void {
    const upstream = net.connect(this.target.port, this.target.host);
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => this.sockets.delete(s));
    }
    const forward = (from: net.Socket, to: net.Socket) =>
      from.on('data', (chunk: Buffer) => {
        const send = () => void (to.destroyed || to.write(chunk));
        if (this.frozen) this.held.push(send);
        else send();
      });
    forward(client, upstream);
    forward(upstream, client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }
}

const dbNameOf = (database: Database) =>
  new URL(String(database.connection?.connectionString)).pathname.slice(1);

async function adminQuery<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: POSTGRES });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

/** Kills every backend of the app's database (as a crash, restart or failover does). */
const terminateAll = (dbName: string) =>
  adminQuery<{ n: number }>(
    `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
    [dbName],
  );

const TIMEOUTS: DatabaseTimeouts = {
  connectMs: 1_000,
  statementMs: 2_500,
  queryMs: 3_000,
  idleInTransactionMs: 300,
};
/** what "within the bound" means here: the query timeout plus a connect timeout, plus scheduling slack */
const BOUND_MS = TIMEOUTS.queryMs! + TIMEOUTS.connectMs! + 1_000;

describe('the process survives PostgreSQL faults', () => {
  let base: Database;
  let proxy: FreezableProxy;
  let database: Database;
  let app: FastifyInstance;
  let admin: Client;
  const lost: string[] = [];

  before(async () => {
    base = await openTestDatabase({ fixtures: true });
    const target = new URL(POSTGRES!);
    proxy = new FreezableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.listen();
    const viaProxy = new URL(POSTGRES!);
    viaProxy.port = String(proxy.port);
    viaProxy.pathname = `/${dbNameOf(base)}`;
    database = await openDatabase({
      url: viaProxy.toString(),
      poolSize: 4,
      timeouts: TIMEOUTS,
      onConnectionError: (m) => lost.push(m),
    });
    app = await buildApp({
      db: database.db,
      logger: false,
      config: TEST_APP_CONFIG,
    });
    admin = await login(app, USERS.admin.username);
  });
  after(async () => {
    await app?.close();
    await database?.close();
    await proxy?.close();
    await base?.close();
  });

  /** n requests that need the database, and n transactions, all succeeding */
  async function worksAgain(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      const res = await admin.req({ method: 'GET', url: '/api/admin/mail-outbox?limit=5' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(
        await database.db.transaction(async (tx) => (await rows(tx, sql`select 1 as one`)).length),
        1,
      );
    }
  }

  test('(a) pg_terminate_backend of every connection while transactions and requests are in flight: alive, and later requests succeed', async () => {
    // in flight until killed: each waits for a lock another session of the database holds (no timed wait)
    const holder = new pg.Client({ connectionString: String(base.connection?.connectionString) });
    holder.on('error', () => undefined); // it is killed too
    await holder.connect();
    await holder.query('select pg_advisory_lock(16016)');
    // settled from the start: a rejection is expected, it must not count as unhandled
    const transactions = Promise.allSettled(
      Array.from({ length: 4 }, () =>
        database.db.transaction(async (tx) => tx.execute(sql`select pg_advisory_xact_lock(16016)`)),
      ),
    );
    await new Promise((r) => setTimeout(r, 200));
    const requests = Promise.allSettled(
      Array.from({ length: 6 }, () => admin.req({ method: 'GET', url: '/api/admin/mail-outbox?limit=5' })),
    );
    const killed = await terminateAll(dbNameOf(base));
    await holder.end().catch(() => undefined);
    const settled = [...(await transactions), ...(await requests)];
    const statuses = settled.map((s) =>
      s.status === 'fulfilled'
        ? 'statusCode' in (s.value as object)
          ? (s.value as { statusCode: number }).statusCode
          : 'ok'
        : 'rejected',
    );
    console.log(`  (a) killed ${killed[0]?.n} backends; in-flight outcomes: ${statuses.join(' ')}`);
    assert.ok(
      settled.slice(0, 4).every((s) => s.status === 'rejected'),
      'the killed transactions fail (they do not hang)',
    );
    for (const s of settled)
      if (s.status === 'fulfilled' && 'statusCode' in (s.value as object))
        assert.ok([200, 503].includes((s.value as { statusCode: number }).statusCode));
    const t0 = Date.now();
    // more transactions than the pool has connections: a connection leaked by a failed begin would starve them
    await worksAgain(10);
    console.log(
      `  (a) 10 requests + 10 transactions after the kill in ${Date.now() - t0} ms; pool total ${database.pool!.totalCount}, idle ${database.pool!.idleCount}`,
    );
    assert.ok(
      lost.some((m) => /57P01|terminat/i.test(m)),
      'the lost connections were reported',
    );
  });

  test('(b) a transaction killed by idle_in_transaction_session_timeout, and idle pooled connections killed: alive', async () => {
    const leaked = database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      // left idle inside the transaction longer than idle_in_transaction_session_timeout (300 ms): the
      // server's own timer, which no injected clock reaches, so the wait is kept just above it
      await new Promise((r) => setTimeout(r, 500));
      await tx.execute(sql`select 1`);
    });
    await assert.rejects(leaked);
    // every pooled connection idle, then killed
    await worksAgain(2);
    await terminateAll(dbNameOf(base));
    await new Promise((r) => setTimeout(r, 100));
    await worksAgain(6);
    assert.ok(lost.some((m) => /25P03|idle-in-transaction|idle_in_transaction|terminat/i.test(m)));
  });

  test('(c) a frozen database: requests answer 503 problem+json and /readyz 503 within the bound; after the thaw, 200 again', async () => {
    await Promise.all(Array.from({ length: 4 }, () => worksAgain(1)));
    assert.equal(database.pool!.idleCount, 4, 'the pool holds 4 idle connections');
    proxy.freeze();
    try {
      const started = Date.now();
      const timed = async <T>(p: Promise<T>) => {
        const r = await p;
        return { r, ms: Date.now() - started };
      };
      // first as many transactions as the pool holds: each takes an idle connection and its `begin` gets
      // no answer (a begin that fails must give its connection back); then requests, which wait for one
      // /readyz first: it takes an idle connection whose `select 1` gets no answer; its own 1.5 s bound
      // answers before the 3 s query timeout
      const readyProbe = timed(app.inject({ method: 'GET', url: '/readyz' }));
      await new Promise((r) => setTimeout(r, 20));
      const transactions = Array.from({ length: 3 }, () =>
        timed(
          database.db
            .transaction(async (tx) => tx.execute(sql`select 1`))
            .then(
              () => ({
                statusCode: 200,
                headers: {} as Record<string, string>,
                json: () => ({ code: 'OK' }),
              }),
              (e: unknown) => ({
                statusCode: 503,
                headers: { 'content-type': 'application/problem+json' } as Record<string, string>,
                json: () => ({ code: toDomainError(e as Error).code }),
              }),
            ),
        ),
      );
      await new Promise((r) => setTimeout(r, 50));
      const [ready, ...answers] = await Promise.all([
        readyProbe,
        ...Array.from({ length: 6 }, () =>
          timed(admin.req({ method: 'GET', url: '/api/admin/mail-outbox?limit=5' })),
        ),
        ...transactions,
      ]);
      console.log(
        `  (c) frozen: /readyz ${ready!.r.statusCode} after ${ready!.ms} ms; API ${answers.map((a) => `${a.r.statusCode}@${a.ms}ms`).join(' ')}`,
      );
      assert.equal(ready!.r.statusCode, 503);
      assert.ok(
        ready!.ms < 2_300,
        `/readyz answered in ${ready!.ms} ms (its own bound: 1.5 s; the query timeout: 3 s)`,
      );
      for (const a of answers) {
        assert.equal(a.r.statusCode, 503);
        assert.match(String(a.r.headers['content-type']), /application\/problem\+json/);
        assert.equal((a.r.json() as { code: string }).code, 'DATABASE_UNAVAILABLE');
        assert.ok(a.ms < BOUND_MS * 2, `answered in ${a.ms} ms`);
      }
      const worst = Math.max(...answers.map((a) => a.ms));
      console.log(`  (c) time to 503: worst ${worst} ms (bound ${BOUND_MS} ms per wait)`);
    } finally {
      proxy.thaw();
    }
    const thawed = Date.now();
    let recovered = 0;
    for (let i = 0; i < 50 && !recovered; i++) {
      const res = await admin.req({ method: 'GET', url: '/api/admin/mail-outbox?limit=5' });
      if (res.statusCode === 200) recovered = Math.max(1, Date.now() - thawed);
      else await new Promise((r) => setTimeout(r, 100));
    }
    console.log(`  (c) time to recover after the thaw: ${recovered} ms`);
    assert.ok(recovered > 0, 'requests succeed again after the thaw');
    assert.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
    // no connection was leaked by the begins that timed out: more transactions than the pool holds
    await worksAgain(8);
  });
});
