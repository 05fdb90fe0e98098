/**
 * What the benchmarks drive: the real app (buildApp) listening on 127.0.0.1, a bare Fastify route to
 * compare with, raw SQL on the same database, and the server's peak RSS.
 *
 * `startInProcessTarget` runs everything in this process (the smoke test, on in-memory PGlite);
 * `startChildTarget` runs the app in a child process (`npm run bench`), so the load generator does not
 * share the server's event loop, and the RSS measured is the server's alone.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import type { Database } from '../../packages/server/src/db/client.js';
import { buildApp } from '../../packages/server/src/app.js';
import { refreshStatistics } from '../../packages/server/src/services/statistics/refresh-statistics.js';
import { REPO_ROOT } from './sql.js';
import { summarize, type LatencySummary } from './stats.js';

export interface SqlStatement {
  text: string;
  params: unknown[];
}

export interface Target {
  kind: 'pglite' | 'postgres';
  baseUrl: string;
  bareUrl: string;
  sql<T>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * runs random picks of `variants` (each a list of statements run in order on one connection) for
   * `limit.ms`, or until `limit.queries` have run (the smoke test counts work, not time)
   */
  timeSql(variants: SqlStatement[][], concurrency: number, limit: PhaseLimit): Promise<LatencySummary>;
  peakRssMb(): Promise<number>;
  /**
   * issue 16 §7: CPU time used so far (ms) by the app process(es) and by this database's PostgreSQL
   * backends (from /proc; 0 where unavailable). Deltas around a phase give CPU per request, a figure the
   * other work sharing the machine's cores changes far less than req/s.
   */
  cpu(): Promise<CpuSample>;
  /** issue 15: rebuilds the statistics tables as the scheduled job does; the rows written and the time */
  refreshStatistics(): Promise<{ rows: number; ms: number }>;
  close(): Promise<void>;
}

/** How long a phase runs: for some milliseconds, or until a number of queries (or requests) is done. */
export type PhaseLimit = { ms: number } | { queries: number };

export const WEB_DIST = path.join(REPO_ROOT, 'packages', 'web', 'dist');

export interface CpuSample {
  serverMs: number;
  /** per backend pid: a backend that ends between two samples loses its share (the pool keeps them open) */
  dbByPid: Record<string, number>;
}

const TICK_MS = 10; // USER_HZ = 100 on Linux

/** utime + stime of a process in ms, from /proc/<pid>/stat; 0 when unreadable. */
export function procCpuMs(pid: number | undefined): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

export async function dbBackendsCpu(sql: Target['sql']): Promise<Record<string, number>> {
  const pids = await sql<{ pid: number }>(
    `select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()`,
  );
  return Object.fromEntries(pids.map((r) => [String(r.pid), procCpuMs(r.pid)]));
}

/** CPU ms between two samples: the app process(es) and the database backends. */
export function cpuBetween(a: CpuSample, b: CpuSample): { serverMs: number; dbMs: number } {
  let dbMs = 0;
  for (const [pid, ms] of Object.entries(b.dbByPid)) dbMs += ms - (a.dbByPid[pid] ?? 0);
  return { serverMs: b.serverMs - a.serverMs, dbMs };
}

export async function startBare(): Promise<{ url: string; app: FastifyInstance }> {
  const app = Fastify({ logger: false });
  const body = { fiscalCode: 'RSSMRA80A01L219M', date: '2026-01-01', exemptions: [] };
  app.get('/bare', async () => body);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: `${url}/bare`, app };
}

export interface InProcessOptions {
  database: Database;
  /** the PostgreSQL URL, for raw SQL on separate connections */
  url?: string | undefined;
  webDist?: string;
  /** also start the bare route in this process (the in-process target) */
  withBare?: boolean;
  logLevel?: 'silent' | 'warn' | 'info';
  /** listen on this port (default: any free one) */
  port?: number;
}

export async function startInProcessTarget(opts: InProcessOptions): Promise<Target> {
  const { database } = opts;
  const webDist = opts.webDist ?? WEB_DIST;
  const app = await buildApp({
    db: database.db,
    logger: opts.logLevel === 'silent' ? false : { level: opts.logLevel ?? 'warn' },
    config: {
      sessionIdleMs: 30 * 60_000,
      sessionMaxMs: 12 * 3_600_000,
      cookieSecure: false,
      trustProxy: false,
      webDist: fs.existsSync(path.join(webDist, 'index.html')) ? webDist : '/nonexistent',
      logLevel: opts.logLevel ?? 'warn',
    },
  });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const bare = opts.withBare ? await startBare() : undefined;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  sampler.unref();

  const query = async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
    if (database.pglite) return (await database.pglite.query<T>(text, params)).rows;
    if (!database.pool) throw new Error('no pool');
    return (await database.pool.query(text, params)).rows as T[];
  };

  return {
    kind: database.kind,
    baseUrl,
    bareUrl: bare?.url ?? '',
    sql: query,
    cpu: async () => ({
      serverMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
      dbByPid: database.pool ? await dbBackendsCpu(query) : {},
    }),
    refreshStatistics: async () => {
      const started = performance.now();
      const rows = await refreshStatistics(database.db, new Date());
      return { rows, ms: Math.round(performance.now() - started) };
    },
    timeSql: async (variants, concurrency, limit) => {
      const times: number[] = [];
      let errors = 0;
      const pool = opts.url ? new pg.Pool({ connectionString: opts.url, max: concurrency }) : undefined;
      const started = performance.now();
      let left = 'queries' in limit ? limit.queries : Infinity;
      const deadline = 'ms' in limit ? started + limit.ms : Infinity;
      const worker = async () => {
        const client = pool ? await pool.connect() : undefined;
        try {
          while (performance.now() < deadline && left-- > 0) {
            const v = variants[Math.floor(Math.random() * variants.length)] ?? [];
            const t = performance.now();
            try {
              for (const st of v) {
                if (client) await client.query(st.text, st.params);
                else await query(st.text, st.params);
              }
              times.push(performance.now() - t);
            } catch {
              errors++;
            }
          }
        } finally {
          client?.release();
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      const elapsed = performance.now() - started;
      await pool?.end();
      return summarize(times, elapsed, errors);
    },
    peakRssMb: async () => Math.round(Math.max(peak, process.memoryUsage().rss) / 1048576),
    close: async () => {
      clearInterval(sampler);
      await app.close();
      await bare?.app.close();
    },
  };
}

// ------------------------------------------------------------------ child process

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

const CHILD = path.join(REPO_ROOT, 'bench', 'server-child.ts');

/** BENCH_CPU_PROF=<dir> writes a CPU profile of each child (server, bare route) there when it exits. */
function forkChild(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  return fork(CHILD, args, {
    execArgv: ['--import', 'tsx', ...profile],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function waitReady(child: ChildProcess): Promise<{ url: string }> {
  return new Promise((resolve, reject) => {
    const onMsg = (m: { type?: string; url?: string; error?: string }) => {
      if (m.type === 'ready' && m.url) {
        child.off('message', onMsg);
        resolve({ url: m.url });
      } else if (m.type === 'failed') reject(new Error(m.error));
    };
    child.on('message', onMsg);
    child.once('exit', (code) => reject(new Error(`server child exited with ${code}`)));
  });
}

/** Peak resident set (VmHWM) of a process, from /proc; 0 where /proc is not available. */
function vmHwmMb(pid: number | undefined): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

export async function startChildTarget(opts: {
  url?: string | undefined;
  pgliteDir?: string | undefined;
  logLevel?: string;
  /** the app's port (default: any free one) */
  port?: number;
}): Promise<Target> {
  const env: NodeJS.ProcessEnv = { BENCH_LOG_LEVEL: opts.logLevel ?? 'warn' };
  if (opts.url) env.BENCH_DATABASE_URL = opts.url;
  if (opts.pgliteDir) env.BENCH_PGLITE_DIR = opts.pgliteDir;
  if (opts.port) env.BENCH_PORT = String(opts.port);
  const bareChild = forkChild(['--bare'], {});
  const child = forkChild([], env);
  const [app, bare] = await Promise.all([waitReady(child), waitReady(bareChild)]);
  let next = 1;
  const pending = new Map<number, Pending>();
  child.on('message', (m: { id?: number; result?: unknown; error?: string }) => {
    if (!m.id) return;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error) p.reject(new Error(m.error));
    else p.resolve(m.result);
  });
  const call = <T>(method: string, args: unknown[]): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, method, args });
    });
  const kind: Target['kind'] = opts.url ? 'postgres' : 'pglite';
  return {
    kind,
    baseUrl: app.url,
    bareUrl: bare.url,
    sql: (text, params) => call('sql', [text, params ?? []]),
    cpu: async () => ({
      serverMs: procCpuMs(child.pid),
      dbByPid: kind === 'postgres' ? await dbBackendsCpu((t, p) => call('sql', [t, p ?? []])) : {},
    }),
    refreshStatistics: () => call('refreshStatistics', []),
    timeSql: (variants, concurrency, limit) => call('timeSql', [variants, concurrency, limit]),
    peakRssMb: async () => vmHwmMb(child.pid),
    close: async () => {
      const exited = (c: ChildProcess) =>
        new Promise<void>((r) => (c.exitCode !== null ? r() : c.once('exit', () => r())));
      child.send({ id: 0, method: 'close', args: [] });
      bareChild.kill('SIGTERM');
      await Promise.race([
        Promise.all([exited(child), exited(bareChild)]),
        new Promise((r) => setTimeout(r, 10_000)),
      ]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
