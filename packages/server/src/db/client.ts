/**
 * Opens the database: the embedded PGlite (file data dir, or memory) by default, a PostgreSQL server
 * when a URL is given. Both are driven through Drizzle with the same schema and migrations.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema.js';
import { databaseErrorLine } from './unavailable.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

// int8 as number (counts, ids), dates as 'YYYY-MM-DD' strings, on both drivers.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** the underlying PGlite, for the job queue and tests */
  pglite?: PGlite;
  pool?: pg.Pool;
  /** PostgreSQL: how the pool connects, for a dedicated client without statement limits (migrations) */
  connection?: pg.ClientConfig;
  close(): Promise<void>;
}

const kinds = new WeakMap<Db, Database['kind']>();
/** Handles whose connections go through PgBouncer in transaction mode (issue 16 §3). */
const pooled = new WeakSet<Db>();
/** Which engine a Drizzle handle drives (PGlite has one connection: no parallel writers). */
export const kindOf = (db: Db): Database['kind'] => kinds.get(db) ?? 'pglite';

/**
 * The name of a prepared statement on this handle: the name itself (a named server-side statement,
 * parsed once per connection), or '' through PgBouncer in transaction mode, where consecutive
 * transactions of one client connection may run on different server connections, so a statement
 * parsed on one is unknown to the next ('prepared statement "…" does not exist'): the unnamed
 * statement is parsed with every execution (docs/scaling-ops.md, measured there).
 */
export const statementName = (db: Db, name: string): string => (pooled.has(db) ? '' : name);

/**
 * Bounds on waiting for PostgreSQL, so that a database that is away is answered 503 in seconds instead
 * of holding requests (and pool connections) for ever. Unset fields: no limit (scripts, bench, seed).
 */
export interface DatabaseTimeouts {
  /** opening a connection, and waiting for a free one in the pool (pg-pool's connectionTimeoutMillis) */
  connectMs?: number;
  /** server side: PostgreSQL cancels a statement running longer (statement_timeout) */
  statementMs?: number;
  /** client side: a statement without any answer (frozen server, lost network) fails after this */
  queryMs?: number;
  /** server side: a transaction left idle (a leaked connection) is ended by PostgreSQL */
  idleInTransactionMs?: number;
}

export interface OpenOptions {
  /** postgres://… — a PostgreSQL server */
  url?: string | undefined;
  /** PGlite data directory, or 'memory://' */
  dataDir?: string;
  /** PGlite: start from this dumped data directory (dumpDataDir), e.g. a test template */
  loadDataDir?: Blob;
  poolSize?: number;
  timeouts?: DatabaseTimeouts;
  /** where connection losses are reported (default: console.error); never crashes the process */
  onConnectionError?: (message: string) => void;
  /**
   * issue 16 §3: the URL is a PgBouncer in transaction mode: no named prepared statements, and no
   * session settings in the startup packet (PgBouncer refuses them; set them in its connect_query)
   */
  pgbouncer?: boolean;
}

/**
 * The pg client settings of the pool: connection string plus the configured limits. Through PgBouncer
 * (`pgbouncer`) the server-side limits are not sent at connect: PgBouncer 1.18 refuses unknown startup
 * parameters ("unsupported startup parameter"); its connect_query sets them on each server connection.
 */
export function connectionConfig(url: string, t: DatabaseTimeouts = {}, pgbouncer = false): pg.ClientConfig {
  if (pgbouncer) {
    const { statementMs: _s, idleInTransactionMs: _i, ...clientSide } = t;
    return connectionConfig(url, clientSide);
  }
  return {
    connectionString: url,
    // a connect that never completes (frozen server) must fail; 10 s when nothing is configured
    connectionTimeoutMillis: t.connectMs ?? 10_000,
    keepAlive: true,
    ...(t.statementMs ? { statement_timeout: t.statementMs } : {}),
    ...(t.queryMs ? { query_timeout: t.queryMs } : {}),
    ...(t.idleInTransactionMs ? { idle_in_transaction_session_timeout: t.idleInTransactionMs } : {}),
  };
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const connection = connectionConfig(opts.url, opts.timeouts, opts.pgbouncer);
    const pool = new pg.Pool({ ...connection, max: opts.poolSize ?? 20 });
    hardenPool(pool, opts.onConnectionError ?? ((m) => console.error(m)));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    kinds.set(db, 'postgres');
    if (opts.pgbouncer) pooled.add(db);
    return { db, kind: 'postgres', pool, connection, close: () => pool.end() };
  }
  const dataDir = opts.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  // loaded only for the embedded database (≈ 37 MB resident): a PostgreSQL deployment never pays for it
  const [{ PGlite }, { drizzle: drizzlePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
  ]);
  const client = await PGlite.create(dataDir, {
    parsers: { 20: (v: string) => Number(v), 1082: (v: string) => v },
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  kinds.set(db, 'pglite');
  let closed = false;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    close: async () => {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}

/** Applies the committed migrations; on PostgreSQL under an advisory lock so several processes can start. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  if (!database.connection) throw new Error('connection settings missing');
  // its own connection, without the statement limits of the pool: an index build may take minutes
  const { statement_timeout: _s, query_timeout: _q, ...unlimited } = database.connection;
  const client = new pg.Client(unlimited);
  client.on('error', () => undefined); // reported by the failing query itself
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(727001)');
    await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.query('select pg_advisory_unlock(727001)').catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

/**
 * Start-up against a database that may not be there yet (a container starting beside us, a failover):
 * tries to connect and run `select 1` until it works or `totalMs` have passed, saying why it waits.
 * Throws one readable error at the end (the caller prints it and exits non-zero).
 */
export async function waitForDatabase(
  connection: pg.ClientConfig,
  opts: { totalMs: number; retryMs?: number; log: (line: string) => void; now?: () => number },
): Promise<void> {
  const now = opts.now ?? Date.now;
  const deadline = now() + opts.totalMs;
  for (let attempt = 1; ; attempt++) {
    const left = deadline - now();
    const client = new pg.Client({
      ...connection,
      connectionTimeoutMillis: Math.max(500, Math.min(connection.connectionTimeoutMillis ?? 10_000, left)),
      query_timeout: Math.max(500, Math.min(5_000, left)),
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
      await client.end().catch(() => undefined);
      return;
    } catch (e) {
      void client.end().catch(() => undefined);
      const reason = databaseErrorLine(e);
      const wait = Math.min(opts.retryMs ?? 2_000, deadline - now());
      if (wait <= 0)
        throw new Error(`database non raggiungibile dopo ${Math.round(opts.totalMs / 1000)} s (${reason})`);
      opts.log(
        `Database non raggiungibile (tentativo ${attempt}: ${reason}); nuovo tentativo tra ${Math.ceil(wait / 1000)} s, attesa massima ${Math.round(opts.totalMs / 1000)} s.`,
      );
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/**
 * node-postgres leaves three ways for a lost connection to take the process or the pool down; closed here,
 * at our layer (node_modules untouched):
 * 1. a client checked out of the pool has no 'error' listener: a connection dropped by the server while
 *    in use (pg_terminate_backend, restart, idle_in_transaction_session_timeout) emits an unhandled
 *    'error' and the process exits → every client gets a listener when it is created;
 * 2. drizzle's node-postgres transaction() sends `begin` outside its try/finally: when `begin` fails the
 *    client is never released and the pool shrinks for good → a failed `begin` releases its client;
 * 3. after a client-side 'Query read timeout' the connection still waits for the old answer: given back
 *    to the pool it would stall its next user → a timed-out client is closed and discarded on release.
 * Release becomes idempotent (drizzle would release again), and a broken client is never pooled again.
 */
type HardenedClient = pg.PoolClient & { brokenBy?: Error };

function hardenPool(pool: pg.Pool, report: (message: string) => void): void {
  // an idle client that fails is already removed by the pool; without a listener this 'error' would throw
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    const c = client as HardenedClient;
    c.on('error', (e: Error) => {
      c.brokenBy = e;
      report(`database: connessione persa (${databaseErrorLine(e)}); il pool ne apre una nuova`);
    });
    wrapQuery(c);
  });
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  const hardenedConnect = async (): Promise<pg.PoolClient> => {
    const client = (await connect()) as HardenedClient;
    guardRelease(client);
    return client;
  };
  // pool.query() calls connect(callback) and releases with the error itself: only the promise form changes
  Object.assign(pool, {
    connect: (...args: unknown[]) => (args.length ? connect(...args) : hardenedConnect()),
  });
}

function guardRelease(client: HardenedClient): void {
  const release = client.release;
  let released = false;
  client.release = (err?: Error | boolean) => {
    if (released) return;
    released = true;
    release(err || client.brokenBy);
  };
}

const textOf = (q: unknown): string =>
  typeof q === 'string'
    ? q
    : typeof q === 'object' && q !== null && 'text' in q
      ? String((q as { text: unknown }).text)
      : '';

function wrapQuery(client: HardenedClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const onFailure = (statement: unknown, e: Error) => {
    if (/Query read timeout/i.test(e.message)) {
      client.brokenBy = e;
      void client.end().catch(() => undefined);
    }
    if (/^\s*begin\b/i.test(textOf(statement))) client.release(e);
  };
  Object.assign(client, {
    query: (...args: unknown[]) => {
      const result = query(...args);
      if (result instanceof Promise) result.catch((e: Error) => onFailure(args[0], e));
      return result;
    },
  });
}

/** Rows of a raw query on either driver. */
export async function rows<T>(db: Tx, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** `select 1`: the database answers (readiness probe, http/health.ts). */
export async function ping(db: Tx): Promise<void> {
  await db.execute(sql`select 1`);
}
