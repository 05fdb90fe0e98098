/**
 * The cluster test's driver (issue 16 §6), run by scripts/test-cluster.sh once PostgreSQL (primary and
 * streaming replica), PgBouncer and HAProxy are up. It:
 *  1. starts two real app processes (packages/server/src/main.ts): app1 straight to the primary (and it
 *     seeds the demo data), app2 through PgBouncer in transaction mode (DATABASE_PGBOUNCER=true); both
 *     with DATABASE_REPLICA_URL;
 *  2. measures, through the real PgBouncer, what named prepared statements do there (the reason for
 *     DATABASE_PGBOUNCER) and what the unnamed ones cost;
 *  3. runs a bounded mixed workload through HAProxy (registry lookups, case searches, the statistics
 *     dashboard, case creation → take-charge → validation) while app1 is killed (SIGKILL) and restarted,
 *     the replica is stopped and started, and app2 is stopped gracefully (SIGTERM) and restarted. The
 *     phases follow the work done (250–300 answered requests each), not the clock: nothing sleeps for a
 *     fixed time; the only timed waits are the processes' own (the 3 s drain HAProxy needs to see app2
 *     leave, restarts, replication);
 *  4. checks: no failed request except those in flight on the killed process, every write answered 2xx
 *     in the database, every validated case with its history, registry row and outbox event, every
 *     answered registry lookup with its access-log row on the primary, the replica caught up and equal,
 *     and `npm run audit:verify` passing.
 * Prints a summary with figures. Exits non-zero on any failed check. Bounded: 170 s at most.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../../src/db/client.js';
import { exemptionsInForce } from '../../src/db/repositories/registry.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} missing: run through scripts/test-cluster.sh`);
  return v;
};
const BASE = env('ESZ_CLUSTER_BASE');
const PGBIN = env('ESZ_CLUSTER_PGBIN');
const DB = env('ESZ_CLUSTER_DB');
const AS_PG = process.env.ESZ_CLUSTER_AS_PG === '1';
const PORT = {
  primary: Number(env('ESZ_CLUSTER_PRIMARY_PORT')),
  replica: Number(env('ESZ_CLUSTER_REPLICA_PORT')),
  bouncer: Number(env('ESZ_CLUSTER_BOUNCER_PORT')),
  haproxy: Number(env('ESZ_CLUSTER_HAPROXY_PORT')),
  stats: Number(env('ESZ_CLUSTER_STATS_PORT')),
  app1: Number(env('ESZ_CLUSTER_APP1_PORT')),
  app2: Number(env('ESZ_CLUSTER_APP2_PORT')),
};
const url = (port: number) => `postgres://postgres@127.0.0.1:${port}/${DB}`;
const PRIMARY_URL = url(PORT.primary);
const REPLICA_URL = url(PORT.replica);
const BOUNCER_URL = url(PORT.bouncer);
const LB = `http://127.0.0.1:${PORT.haproxy}`;
const DEADLINE = Date.now() + 170_000;
const PASSWORD = 'Esenzioni-Demo-2026';
const PIN = '246810';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${line}`);
const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

// ------------------------------------------------------------------------------------------ app processes

interface App {
  name: 'app1' | 'app2';
  port: number;
  child: ChildProcess | null;
  exited: Promise<number | null>;
}

function appEnv(name: App['name']): NodeJS.ProcessEnv {
  const viaBouncer = name === 'app2';
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(name === 'app1' ? PORT.app1 : PORT.app2),
    DATABASE_URL: viaBouncer ? BOUNCER_URL : PRIMARY_URL,
    ...(viaBouncer ? { DATABASE_PGBOUNCER: 'true', DATABASE_DIRECT_URL: PRIMARY_URL } : {}),
    DATABASE_REPLICA_URL: REPLICA_URL,
    DATABASE_REPLICA_MAX_LAG_MS: '2000',
    DATABASE_REPLICA_CHECK_MS: '500',
    // the demo data once, by app1 (a restarted app1 finds it and skips)
    SEED_DEMO: name === 'app1' ? 'true' : 'false',
    OIDC_DEMO_PROVIDER: 'false',
    AUDIT_KEY_DIR: path.join(BASE, 'keys'),
    DATA_DIR: path.join(BASE, 'pglite-unused', 'x'),
    TRUST_PROXY: 'loopback',
    COOKIE_SECURE: 'false',
    PUBLIC_URL: LB,
    LOG_LEVEL: 'warn',
    SHUTDOWN_DRAIN_SECONDS: '3',
    MALLOC_ARENA_MAX: '2',
  };
}

function startApp(app: App): void {
  const out = fs.openSync(path.join(BASE, `${app.name}.log`), 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
    cwd: ROOT,
    env: appEnv(app.name),
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  fs.writeFileSync(path.join(BASE, `${app.name}.pid`), String(child.pid));
  app.child = child;
  app.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function httpStatus(target: string, timeoutMs = 1000): Promise<number> {
  try {
    const res = await fetch(target, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

async function waitFor(what: string, ok: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Math.min(Date.now() + timeoutMs, DEADLINE);
  while (Date.now() < until) {
    if (await ok()) return;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const appReady = (app: App) => async () => (await httpStatus(`http://127.0.0.1:${app.port}/readyz`)) === 200;

/** HAProxy's own view of a server (its statistics CSV): UP, DOWN, … */
async function haproxyState(server: string): Promise<string> {
  try {
    const csv = await (await fetch(`http://127.0.0.1:${PORT.stats}/;csv`)).text();
    const line = csv.split('\n').find((l) => l.startsWith(`app,${server},`));
    return line?.split(',')[17] ?? 'missing';
  } catch {
    return 'no-stats';
  }
}

// ------------------------------------------------------------------------------------------ metrics

type Routes = Record<string, number>;
const replicaReads: Routes = {};

/** Adds the process's db_replica_reads_total counters to the totals (scraped before it stops, and at the end). */
async function scrapeReplicaReads(app: App): Promise<void> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${app.port}/metrics`)).text();
    for (const m of text.matchAll(/^db_replica_reads_total\{route="([a-z_]+)"\} (\d+)/gm))
      replicaReads[m[1]!] = (replicaReads[m[1]!] ?? 0) + Number(m[2]);
  } catch {
    // a process already gone: its counts since the last scrape are not in the totals
  }
}

// ------------------------------------------------------------------------------------------ HTTP client

interface Session {
  cookie: string;
  csrf: string;
}

async function login(username: string, role?: string): Promise<Session> {
  const res = await fetch(`${LB}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD, pin: PIN }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string; profiles: Array<{ id: number; role: string }> };
  let s: Session = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
  if (body.profiles.length > 1) {
    const profile = body.profiles.find((p) => p.role === role) ?? body.profiles[0]!;
    const r = await fetch(`${LB}/api/auth/profile`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
      body: JSON.stringify({ profileId: profile.id }),
    });
    if (r.status !== 200) throw new Error(`profile ${username}: ${r.status} ${await r.text()}`);
    const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] || s.cookie;
    s = { cookie, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
  }
  return s;
}

type Kind = 'lookup' | 'search' | 'dashboard' | 'create' | 'takeCharge' | 'validate';
interface Outcome {
  id: number;
  kind: Kind;
  method: string;
  start: number;
  end: number;
  status: number; // 0: no answer
  error?: string;
  correlationId?: string | null;
}
const outcomes: Outcome[] = [];
const inFlight = new Map<number, Kind>();
let nextId = 1;

/** 2xx answers so far: the workload's clock (its phases follow the work done, not the time passed) */
let answered = 0;
/** Resolves once `n` more requests have been answered 2xx, or when `done()` says so. */
async function progress(n: number, done: () => boolean): Promise<void> {
  const target = answered + n;
  while (!done() && answered < target) await sleep(20);
}

async function call(
  kind: Kind,
  session: Session,
  method: 'GET' | 'POST',
  pathAndQuery: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ o: Outcome; json: unknown }> {
  const id = nextId++;
  inFlight.set(id, kind);
  const o: Outcome = { id, kind, method, start: performance.now(), end: 0, status: 0 };
  let json: unknown = null;
  try {
    const res = await fetch(LB + pathAndQuery, {
      method,
      headers: {
        cookie: session.cookie,
        ...(method === 'POST' ? { 'x-csrf-token': session.csrf, 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(15_000),
    });
    o.status = res.status;
    o.correlationId = res.headers.get('x-correlation-id');
    const text = await res.text();
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    if (res.status >= 300) o.error = text.slice(0, 200);
    else if (res.status >= 200) answered++;
  } catch (e) {
    o.error = (e as Error).message;
  } finally {
    o.end = performance.now();
    inFlight.delete(id);
    outcomes.push(o);
  }
  return { o, json };
}

// ------------------------------------------------------------------------------------------ PgBouncer probe

/**
 * Named prepared statements through PgBouncer in transaction mode, measured: the registry lookup's
 * statement (esz_registry_lookup), 10 clients at once, as the app would run it without DATABASE_PGBOUNCER;
 * then the same with unnamed statements, and straight to the primary with named ones for comparison.
 */
async function pgbouncerProbe(fiscalCodes: string[]): Promise<string[]> {
  const lines: string[] = [];
  const on = new Date().toISOString().slice(0, 10);
  const run = async (label: string, dbUrl: string, pgbouncer: boolean) => {
    const database = await openDatabase({ url: dbUrl, poolSize: 10, pgbouncer, onConnectionError: () => {} });
    const times: number[] = [];
    let errors = 0;
    let example = '';
    try {
      let i = 0;
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          while (i < 1000) {
            const fc = fiscalCodes[i++ % fiscalCodes.length]!;
            const s = performance.now();
            try {
              await exemptionsInForce(database.db, fc, on);
              times.push(performance.now() - s);
            } catch (e) {
              errors++;
              const cause = (e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message;
              example ||= cause.slice(0, 80);
            }
          }
        }),
      );
    } finally {
      await database.close();
    }
    const st = stats(times);
    lines.push(
      `${label.padEnd(44)} 1000 lookups, errors ${String(errors).padStart(4)}, p50 ${st.p50} ms, p99 ${st.p99} ms${example ? ` (${example})` : ''}`,
    );
    return errors;
  };
  const namedErrors = await run('PgBouncer, named statements (as before)', BOUNCER_URL, false);
  const unnamedErrors = await run('PgBouncer, DATABASE_PGBOUNCER=true (unnamed)', BOUNCER_URL, true);
  await run('primary directly, named statements', PRIMARY_URL, false);
  await run('primary directly, unnamed statements', PRIMARY_URL, true);
  // the session settings the app sends at connect without DATABASE_PGBOUNCER
  const client = new pg.Client({ connectionString: BOUNCER_URL, statement_timeout: 5000 });
  client.on('error', () => {});
  let refusal = 'accepted';
  try {
    await client.connect();
    await client.query('select 1');
  } catch (e) {
    refusal = (e as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
  lines.push(`statement_timeout as a startup parameter through PgBouncer: ${refusal}`);
  check(namedErrors > 0, `named prepared statements fail through PgBouncer (${namedErrors} of 1000)`);
  check(unnamedErrors === 0, 'unnamed statements through PgBouncer: no error');
  check(refusal !== 'accepted', 'PgBouncer refuses session settings at connect');
  return lines;
}

// ------------------------------------------------------------------------------------------ statistics

function stats(ms: number[]): { n: number; p50: number; p99: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) =>
    s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 10) / 10 : 0;
  return { n: s.length, p50: at(0.5), p99: at(0.99) };
}

// ------------------------------------------------------------------------------------------ main

async function pgCtl(args: string[]): Promise<void> {
  const cmd = AS_PG ? 'runuser' : path.join(PGBIN, 'pg_ctl');
  const argv = AS_PG ? ['-u', 'postgres', '--', path.join(PGBIN, 'pg_ctl'), ...args] : args;
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`pg_ctl ${args.join(' ')}: ${r.stderr}`);
}

async function main(): Promise<void> {
  const primary = new pg.Pool({ connectionString: PRIMARY_URL, max: 4 });
  const apps: App[] = [
    { name: 'app1', port: PORT.app1, child: null, exited: Promise.resolve(null) },
    { name: 'app2', port: PORT.app2, child: null, exited: Promise.resolve(null) },
  ];
  const [app1, app2] = apps as [App, App];
  try {
    // ---- 1. the apps: app1 migrates and seeds; then app2 (through PgBouncer)
    startApp(app1);
    await waitFor('app1 ready (migrations, catalogues, demo data)', appReady(app1), 120_000);
    log(`app1 ready on :${app1.port} (primary directly)`);
    startApp(app2);
    await waitFor('app2 ready', appReady(app2), 60_000);
    log(`app2 ready on :${app2.port} (through PgBouncer, DATABASE_PGBOUNCER=true)`);
    await waitFor(
      'HAProxy sees both UP',
      async () => (await haproxyState('app1')) === 'UP' && (await haproxyState('app2')) === 'UP',
      10_000,
    );

    // ---- the data the workload uses
    const asl = (
      await primary.query<{ asl_id: string }>(
        `select p.asl_id from user_profile p join app_user u on u.id = p.user_id
          where u.username = 'operatore.torino' and p.role = 'DISTRICT_OPERATOR'`,
      )
    ).rows[0]!.asl_id;
    const holders = (
      await primary.query<{ fc: string }>(
        `select distinct fiscal_code as fc from registry_exemption order by 1 limit 300`,
      )
    ).rows.map((r) => r.fc);
    const beneficiaries = (
      await primary.query<{ fc: string }>(
        `select p.fiscal_code as fc from person p
          where p.residence_asl_id = $1 and p.assistance_status = 'ASSISTED'
            and not exists (select 1 from exemption_case c where c.beneficiary_fiscal_code = p.fiscal_code
                             and split_part(c.exemption_code, '.', 1) = '013')
            and not exists (select 1 from registry_exemption r where r.fiscal_code = p.fiscal_code
                             and split_part(r.exemption_code, '.', 1) = '013')
          order by p.fiscal_code limit 200`,
        [asl],
      )
    ).rows.map((r) => r.fc);
    log(
      `${holders.length} registry holders to look up, ${beneficiaries.length} people for new cases (ASL ${asl})`,
    );
    check(holders.length > 0 && beneficiaries.length >= 40, 'demo data to work on');

    // ---- 2. PgBouncer measured
    const probe = await pgbouncerProbe(holders);

    // ---- 3. the workload through HAProxy, with the faults
    const gp = await login('medico.base');
    const operator = await login('operatore.torino', 'DISTRICT_OPERATOR');
    const specialist = await login('specialista');
    const analyst = await login('analista.regione');
    const today = new Date().toISOString().slice(0, 10);
    const created: string[] = [];
    const validated: string[] = [];
    let stop = false;
    const started = performance.now();
    // the workload runs until the fault schedule ends (its phases counted in answered requests)
    const until = () => stop || Date.now() > DEADLINE - 40_000;

    const lookups = async (offset: number) => {
      for (let i = offset; !until(); i += 4)
        await call('lookup', gp, 'GET', `/api/registry/exemptions?fiscalCode=${holders[i % holders.length]}`);
    };
    const searches = async (offset: number) => {
      const views = [
        'view=todo',
        'view=closed',
        'view=todo&status=SUBMITTED',
        'view=closed&status=VALIDATED',
      ];
      for (let i = offset; !until(); i += 2)
        await call('search', operator, 'GET', `/api/cases?${views[i % 4]}`);
    };
    const dashboards = async () => {
      while (!until()) {
        await call('dashboard', analyst, 'GET', '/api/statistics/dashboard');
        await progress(30, until);
      }
    };
    // one case every 40 answered requests, 40 at most: the specialist's submissions stay under the limit of
    // 60 a minute per process even if every one reaches the same process, however fast the machine
    const writes = async () => {
      for (let i = 0; !until() && i < Math.min(40, beneficiaries.length); i++) {
        const next = progress(40, until);
        const c = await call('create', specialist, 'POST', '/api/cases', {
          beneficiaryFiscalCode: beneficiaries[i],
          diagnosisCode: '250.01',
          exemptionCode: '013.250',
          issuedOn: today,
        });
        if (c.o.status === 201) {
          const n = (c.json as { caseNumber: string }).caseNumber;
          created.push(n);
          const t = await call(
            'takeCharge',
            operator,
            'POST',
            `/api/cases/${n}/take-charge`,
            {},
            { 'if-match': '"1"' },
          );
          if (t.o.status === 200) {
            const v = await call(
              'validate',
              operator,
              'POST',
              `/api/cases/${n}/validate`,
              {},
              { 'if-match': '"2"' },
            );
            if (v.o.status === 200) validated.push(n);
          }
        }
        await next;
      }
    };

    let killedInFlight = new Set<number>();
    const faults = async () => {
      const after = (n: number) => progress(n, until);
      await after(250);
      await scrapeReplicaReads(app1);
      killedInFlight = new Set(inFlight.keys());
      app1.child!.kill('SIGKILL');
      log(`SIGKILL app1 with ${killedInFlight.size} requests in flight through HAProxy (on either process)`);
      await app1.exited;
      startApp(app1);
      await waitFor('app1 ready again', appReady(app1), 60_000);
      log('app1 restarted and ready');
      await after(250);
      await pgCtl(['-D', path.join(BASE, 'replica'), '-m', 'fast', '-w', 'stop']);
      log('replica stopped');
      await after(300);
      await pgCtl(['-D', path.join(BASE, 'replica'), '-l', path.join(BASE, 'replica.log'), '-w', 'start']);
      log('replica started');
      await after(300);
      await scrapeReplicaReads(app2);
      const drainStart = performance.now();
      app2.child!.kill('SIGTERM');
      log('SIGTERM app2 (graceful: /readyz fails, 3 s drain, close)');
      const code = await app2.exited;
      check(
        code === 0,
        `app2 stopped gracefully in ${Math.round(performance.now() - drainStart)} ms, exit code ${code}`,
      );
      startApp(app2);
      await waitFor('app2 ready again', appReady(app2), 60_000);
      log('app2 restarted and ready');
      await after(300);
      stop = true;
    };

    log('workload through HAProxy until the fault schedule ends (its phases counted in answered requests)');
    const faulting = faults().catch((e: Error) => {
      failures.push(`fault schedule: ${e.message}`);
      stop = true;
    });
    await Promise.all([
      lookups(0),
      lookups(1),
      lookups(2),
      lookups(3),
      searches(0),
      searches(1),
      dashboards(),
      writes(),
    ]);
    await faulting;
    const elapsed = (performance.now() - started) / 1000;

    // ---- 4. checks
    await scrapeReplicaReads(app1);
    await scrapeReplicaReads(app2);
    const failed = outcomes.filter((o) => o.status < 200 || o.status >= 300);
    const excused = failed.filter((o) => killedInFlight.has(o.id));
    const unexcused = failed.filter((o) => !killedInFlight.has(o.id));
    for (const o of unexcused.slice(0, 10))
      log(`  unexpected: ${o.kind} ${o.method} → ${o.status} ${o.error ?? ''}`.slice(0, 300));
    check(
      unexcused.length === 0,
      `no failed request beyond those in flight at the SIGKILL (${failed.length} failed, ${excused.length} of them in flight on the kill)`,
    );
    check(
      failed.every((o) => o.method !== 'GET'),
      'no read failed at all (HAProxy replays a GET cut by the kill on the other process)',
    );

    const found = await primary.query<{
      n: string;
      status: string;
      validated_history: number;
      registry: number;
      outbox: number;
    }>(
      `select c.case_number as n, c.status,
              (select count(*)::int from case_history h where h.case_id = c.id and h.status = 'VALIDATED') as validated_history,
              (select count(*)::int from registry_exemption r where r.case_id = c.id) as registry,
              (select count(*)::int from outbox o where o.event_type = 'case.status-changed'
                  and o.payload->>'caseNumber' = c.case_number and o.payload->>'status' = 'VALIDATED') as outbox
         from exemption_case c where c.case_number = any($1::text[])`,
      [created],
    );
    const byNumber = new Map(found.rows.map((r) => [r.n.trim(), r]));
    check(
      created.every((n) => byNumber.has(n)),
      `every case created with 201 is in the database (${created.length})`,
    );
    const incomplete = validated.filter((n) => {
      const r = byNumber.get(n);
      return !r || r.status !== 'VALIDATED' || r.validated_history < 1 || r.registry !== 1 || r.outbox !== 1;
    });
    check(
      validated.length > 0 && incomplete.length === 0,
      `every case validated with 200 is VALIDATED with its history row, registry row and outbox event (${validated.length})`,
    );
    const answered = outcomes
      .filter((o) => o.kind === 'lookup' && o.status === 200)
      .map((o) => o.correlationId ?? '');
    const logged = await primary.query<{ n: number }>(
      `select count(distinct correlation_id)::int as n from access_log where correlation_id = any($1::text[]) and action = 'REGISTRY_LOOKUP'`,
      [answered],
    );
    check(
      logged.rows[0]!.n === answered.length,
      `every answered registry lookup has its access-log row on the primary (${logged.rows[0]!.n}/${answered.length})`,
    );
    const outboxState = (
      await primary.query<{ processed: number; pending: number }>(
        `select count(*) filter (where processed_at is not null)::int as processed,
                count(*) filter (where processed_at is null and dead_at is null)::int as pending from outbox`,
      )
    ).rows[0]!;

    // the replica caught up: same rows as the primary
    const lsn = (await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')).rows[0]!
      .lsn;
    const replica = new pg.Client({ connectionString: REPLICA_URL });
    await replica.connect();
    try {
      await waitFor(
        'the replica to replay the primary',
        async () =>
          (await replica.query<{ ok: boolean }>(`select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok`, [lsn]))
            .rows[0]!.ok,
        20_000,
      );
      const q = `select (select count(*) from exemption_case)::int as cases, (select count(*) from access_log)::int as log`;
      const [p, r] = [(await primary.query(q)).rows[0], (await replica.query(q)).rows[0]];
      check(
        JSON.stringify(p) === JSON.stringify(r),
        `the replica holds what the primary holds (${JSON.stringify(r)})`,
      );
    } finally {
      await replica.end();
    }

    const replicaTotal = replicaReads.replica ?? 0;
    const fallbacks =
      (replicaReads.primary_down ?? 0) + (replicaReads.primary_lag ?? 0) + (replicaReads.primary_retry ?? 0);
    check(replicaTotal > 0, `reads served by the replica (${replicaTotal})`);
    check(fallbacks > 0, `reads fell back to the primary while the replica was away (${fallbacks})`);

    const verify = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'packages/server/scripts/audit-verify.ts'],
      {
        cwd: ROOT,
        env: { ...appEnv('app1'), DATABASE_URL: PRIMARY_URL },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    check(
      verify.status === 0,
      `npm run audit:verify: ${(verify.stdout + verify.stderr).trim().split('\n').join(' | ')}`,
    );

    // ---- summary
    console.log('\n==> cluster test summary');
    console.log(
      `workload ${elapsed.toFixed(1)} s through HAProxy: ${outcomes.length} requests, ${failed.length} failed (${excused.length} in flight on the SIGKILLed process, ${unexcused.length} other)`,
    );
    for (const kind of ['lookup', 'search', 'dashboard', 'create', 'takeCharge', 'validate'] as Kind[]) {
      const of = outcomes.filter((o) => o.kind === kind);
      const s = stats(of.filter((o) => o.status >= 200 && o.status < 300).map((o) => o.end - o.start));
      console.log(
        `  ${kind.padEnd(10)} ${String(of.length).padStart(6)} requests, ${String(of.length - s.n).padStart(3)} failed, p50 ${s.p50} ms, p99 ${s.p99} ms`,
      );
    }
    const all = stats(outcomes.filter((o) => o.status >= 200 && o.status < 300).map((o) => o.end - o.start));
    console.log(`  all        p50 ${all.p50} ms, p99 ${all.p99} ms`);
    console.log(
      `cases: ${created.length} created, ${validated.length} validated; outbox ${outboxState.processed} processed, ${outboxState.pending} pending (events claimed by the killed process wait for their lease)`,
    );
    console.log(
      `replica-eligible reads (from /metrics, scraped before each stop and at the end): replica ${replicaTotal}, primary ${fallbacks} (${Object.entries(
        replicaReads,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
    );
    console.log('PgBouncer 1.18, transaction mode, registry lookup statement, 10 clients:');
    for (const l of probe) console.log(`  ${l}`);
  } finally {
    for (const app of apps) {
      if (app.child && app.child.exitCode === null && app.child.signalCode === null) {
        app.child.kill('SIGTERM');
        await Promise.race([app.exited, sleep(8_000)]);
        if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGKILL');
      }
      fs.rmSync(path.join(BASE, `${app.name}.pid`), { force: true });
    }
    await primary.end();
  }
}

const watchdog = setTimeout(
  () => {
    console.error('test:cluster: driver over its time bound (170 s)');
    process.exit(2);
  },
  DEADLINE - Date.now() + 5_000,
);
watchdog.unref();

main().then(
  () => {
    if (failures.length) {
      console.error(`\n==> test:cluster: ${failures.length} check(s) failed:\n  ${failures.join('\n  ')}`);
      process.exit(1);
    }
    process.exit(0);
  },
  (e: unknown) => {
    console.error(`test:cluster: ${(e as Error).stack ?? String(e)}`);
    process.exit(1);
  },
);
