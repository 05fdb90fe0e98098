/**
 * The benchmark phases, against a Target: backoffice search (five shapes, API and raw SQL), registry
 * lookup (API and a bare route), the take-charge → validate workflow with its integrity check, the web
 * bundle and time to interactive, and the server's peak RSS. Returns the figures and the budgets.
 */
import autocannon from 'autocannon';
import { drizzle } from 'drizzle-orm/node-postgres';
import { caseSearchQuery, type CaseSearchQuery } from '@esenzioni/domain';
import type { Db } from '../../packages/server/src/db/client.js';
import { countQuery, pageQuery, searchConditions } from '../../packages/server/src/db/repositories/cases.js';
import { caseScope } from '../../packages/server/src/db/repositories/scope.js';
import type { Actor } from '../../packages/server/src/auth/actor.js';
import type { BenchCredentials } from './generate.js';
import { SURNAMES } from './names.js';
import { summarize, type LatencySummary } from './stats.js';
import { cpuBetween, type PhaseLimit, type SqlStatement, type Target } from './target.js';
import { measureInteractive, webSizes, type FirstLoadTransfer, type WebSizes } from './web.js';
import { topUpSubmitted } from './fresh-cases.js';
import { openLoop, type OpenLoopResult } from './open-loop.js';
import type { ScaleOutResults } from './scale-out.js';

export interface RunOptions {
  credentials: BenchCredentials;
  /** seconds per autocannon phase */
  duration: number;
  /**
   * instead of `duration`, this many requests per phase (and lookups in the open loop, queries in the SQL
   * timing): the smoke test measures an amount of work, not a span of real time
   */
  requests?: number;
  searchConnections?: number;
  registryConnections?: number;
  workflowConnections?: number;
  /** measure time to interactive in Chromium (needs the built web app) */
  browser?: boolean;
  /** run only these phases (default all): search, registry, workflow, dashboard, web */
  only?: ReadonlyArray<Phase>;
  /** issue 16 §7: the registry lookups offered per second in the open-loop run (default 1,000) */
  registryRate?: number;
  /** lookups sent 20 at a time before the open loop (default 1,000: a cold process's first second) */
  registryWarmup?: number;
  /** the SQL figures of each search shape measured before (the HAProxy run reuses the single process's) */
  sqlBySearchShape?: ReadonlyMap<string, LatencySummary>;
  /** the bare route's req/s measured before (the HAProxy run compares with the single process's) */
  bare?: LatencySummary & { non2xx: number };
  dashboardConnections?: number;
  log?: (line: string) => void;
}

export type Phase = 'search' | 'registry' | 'workflow' | 'dashboard' | 'web';

/** issue 16 §7: CPU per request during a phase, µs: the app process(es) and the database's backends */
export interface CpuPerRequest {
  serverUs: number;
  dbUs: number;
}

export interface SearchFigure {
  shape: string;
  api: LatencySummary & { non2xx: number };
  cpu?: CpuPerRequest;
  sql: LatencySummary;
  /** API p50 / SQL p50 and SQL req/s / API req/s */
  ratioP50: number;
  ratioRps: number;
}

export interface Budget {
  name: string;
  limit: string;
  value: string;
  met: boolean;
}

export interface BenchResults {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  database: { kind: string; cases: number; people: number; registry: number; history: number };
  duration: number;
  search: SearchFigure[];
  registry: {
    api: LatencySummary & { non2xx: number };
    bare: LatencySummary & { non2xx: number };
    ratio: number;
    connections: number;
    /** issue 16 §7: a fixed offered rate (open loop), latency counted from each request's due time */
    openLoop?: OpenLoopResult;
    cpu?: CpuPerRequest;
  };
  workflow: {
    connections: number;
    validations: number;
    validationsPerSecond: number;
    p95: number;
    p99: number;
    errors: number;
    /** per validation (two requests) */
    cpu?: CpuPerRequest;
    check: {
      cases: number;
      history: number;
      audit: number;
      outbox: number;
      registry: number;
      missing: number;
    };
  };
  /** issue 15: the statistics dashboard and its exports (ASL manager and regional analyst) */
  dashboard: {
    connections: number;
    refresh: { rows: number; ms: number };
    api: LatencySummary & { non2xx: number };
    /** p95 per kind of request */
    byKind: Array<{ kind: string; p95: number; requests: number }>;
    /** the warm-up pass: every path of every kind once, before the timed run */
    warmup: { requests: number; non2xx: number };
  };
  web: WebSizes & {
    interactiveMs: number | null;
    interactiveRuns: number[];
    /** issue 16 §7: the first load of /pratiche in Chromium, bytes on the wire vs decoded */
    transfer?: FirstLoadTransfer;
  };
  memory: { peakRssMb: number };
  budgets: Budget[];
  /** issue 16 §7: the same phases through HAProxy and two processes (bench/lib/scale-out.ts) */
  haproxy?: ScaleOutResults;
}

const BENCH_ACTOR = (credentials: BenchCredentials): Actor => ({
  userId: 0,
  apiKeyId: null,
  fiscalCode: 'X',
  role: 'DISTRICT_OPERATOR',
  aslId: credentials.operator.aslId,
  districtId: null,
});

/** The statements the search use case runs (count + page): the server's own query builders, turned into SQL. */
export function searchSql(actor: Actor, q: CaseSearchQuery): SqlStatement[] {
  const where = searchConditions(caseScope(actor), q);
  const count = countQuery(QUERY_ONLY, where).toSQL();
  const page = pageQuery(QUERY_ONLY, where, q, q.pageSize, (q.page - 1) * q.pageSize).toSQL();
  return [
    { text: count.sql, params: count.params },
    { text: page.sql, params: page.params },
  ];
}

/** A Drizzle handle without a connection: it only builds SQL. */
const QUERY_ONLY = drizzle.mock() as unknown as Db;

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;
const qs = (q: Record<string, string>) => new URLSearchParams(q).toString();
const r1 = (n: number) => Math.round(n * 10) / 10;
const kb = (n: number) => r1(n / 1024);

interface Shape {
  name: string;
  queries: Record<string, string>[];
}

async function shapes(target: Target, credentials: BenchCredentials): Promise<Shape[]> {
  const aslId = credentials.operator.aslId;
  const fcs = await target.sql<{ fc: string }>(
    `select beneficiary_fiscal_code as fc from exemption_case
     where asl_id = $1 and status in ('VALIDATED','REJECTED','CANCELLED') and id % 7 = 0 limit 300`,
    [aslId],
  );
  const years = await target.sql<{ y: number }>(
    `select distinct extract(year from submitted_at)::int as y from exemption_case order by 1`,
  );
  const yearList = years.map((r) => r.y);
  const prefixes = [...new Set(SURNAMES.map((s) => s.slice(0, 3)))];
  const ranges = Array.from({ length: 60 }, () => {
    const y = pick(yearList);
    const m = 1 + Math.floor(Math.random() * 10);
    const mm = (n: number) => String(n).padStart(2, '0');
    return { createdFrom: `${y}-${mm(m)}-01`, createdTo: `${y}-${mm(m + 2)}-28` };
  });
  return [
    { name: 'fiscal code (exact)', queries: fcs.map((r) => ({ view: 'closed', fiscalCode: r.fc })) },
    { name: 'surname prefix', queries: prefixes.map((p) => ({ view: 'closed', lastName: p })) },
    {
      name: 'code + date range',
      queries: ranges.map((r, i) => ({
        view: 'closed',
        exemptionCode: ['031', '013', '048', 'C02'][i % 4] as string,
        ...r,
      })),
    },
    { name: 'todo view (ASL default)', queries: [{ view: 'todo' }] },
    {
      name: 'closed view + status',
      queries: ['VALIDATED', 'REJECTED', 'CANCELLED'].map((status) => ({ view: 'closed', status })),
    },
  ];
}

interface Session {
  cookie: string;
  csrf: string;
  token: string;
}

export async function login(
  baseUrl: string,
  c: { username: string; password: string; pin: string },
): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: c.username, password: c.password, pin: c.pin }),
  });
  if (res.status !== 200) throw new Error(`login ${c.username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, csrf: body.csrfToken, token: cookie.split('=')[1] ?? '' };
}

/** Runs a phase and divides the CPU the app and its database used meanwhile by `count(result)` requests. */
async function withCpu<T>(
  target: Target,
  run: () => Promise<T>,
  count: (r: T) => number,
): Promise<{ result: T; cpu: CpuPerRequest }> {
  const before = await target.cpu();
  const result = await run();
  const used = cpuBetween(before, await target.cpu());
  const n = Math.max(1, count(result));
  return {
    result,
    cpu: { serverUs: Math.round((used.serverMs * 1000) / n), dbUs: Math.round((used.dbMs * 1000) / n) },
  };
}

/** One autocannon phase; latencies are recorded per response, so any percentile can be reported. */
async function cannon(
  opts: autocannon.Options,
  onInstance?: (i: autocannon.Instance) => void,
): Promise<LatencySummary & { non2xx: number }> {
  const times: number[] = [];
  const started = performance.now();
  // without a callback autocannon returns the instance, which is also a promise of the result
  const instance = autocannon(opts) as unknown as autocannon.Instance & Promise<autocannon.Result>;
  void instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) =>
    times.push(responseTime),
  );
  onInstance?.(instance);
  const result = await instance;
  const elapsed = performance.now() - started;
  const s = summarize(times, elapsed, result.errors + result.timeouts);
  return { ...s, non2xx: result.non2xx };
}

export async function runBenchmarks(target: Target, opts: RunOptions): Promise<BenchResults> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const d = opts.duration;
  // what bounds each phase: `requests` when given, else `duration` seconds
  const span: Pick<autocannon.Options, 'amount' | 'duration'> = opts.requests
    ? { amount: opts.requests }
    : { duration: d };
  const sqlLimit: PhaseLimit = opts.requests ? { queries: opts.requests } : { ms: d * 1000 };
  const credentials = opts.credentials;
  const searchConnections = opts.searchConnections ?? 16;
  const registryConnections = opts.registryConnections ?? 64;
  const workflowConnections = opts.workflowConnections ?? 8;
  const counts = (
    await target.sql<{ cases: number; people: number; registry: number; history: number }>(
      `select (select count(*)::int from exemption_case) as cases, (select count(*)::int from person) as people,
              (select count(*)::int from registry_exemption) as registry, (select count(*)::int from case_history) as history`,
    )
  )[0] ?? { cases: 0, people: 0, registry: 0, history: 0 };
  log(
    `database: ${target.kind}, ${counts.cases.toLocaleString('en')} cases; server ${target.baseUrl}; ${d} s per phase`,
  );

  const op = await login(target.baseUrl, credentials.operator);
  const opHeaders = { cookie: op.cookie, 'x-csrf-token': op.csrf };

  // ---------------------------------------------------------------- search
  const actor = BENCH_ACTOR(credentials);
  const search: SearchFigure[] = [];
  const runs = (p: Phase) => !opts.only || opts.only.includes(p);
  for (const shape of runs('search') ? await shapes(target, credentials) : []) {
    if (!shape.queries.length) continue;
    const paths = shape.queries.map((q) => `/api/cases?${qs(q)}`);
    const statements = shape.queries.map((q) => searchSql(actor, caseSearchQuery.parse(q)));
    // warm-up: one pass of each query through the API
    for (const p of paths.slice(0, 20)) await fetch(target.baseUrl + p, { headers: opHeaders });
    const { result: api, cpu } = await withCpu(
      target,
      () =>
        cannon({
          url: target.baseUrl,
          connections: searchConnections,
          ...span,
          headers: opHeaders,
          requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: pick(paths) }) }],
        }),
      (r) => r.requests,
    );
    const sql =
      opts.sqlBySearchShape?.get(shape.name) ??
      (await target.timeSql(statements, searchConnections, sqlLimit));
    const fig: SearchFigure = {
      shape: shape.name,
      api,
      cpu,
      sql,
      ratioP50: sql.p50 ? r1(api.p50 / sql.p50) : 0,
      ratioRps: api.rps ? r1(sql.rps / api.rps) : 0,
    };
    search.push(fig);
    log(
      `  search ${shape.name.padEnd(24)} API ${String(api.rps).padStart(7)} req/s p50 ${api.p50} p95 ${api.p95} p99 ${api.p99} ms (non-2xx ${api.non2xx})` +
        ` | SQL ${sql.rps} q/s p50 ${sql.p50} p95 ${sql.p95} ms | API/SQL p50 ×${fig.ratioP50} | CPU/req server ${cpu.serverUs} µs, db ${cpu.dbUs} µs`,
    );
  }

  // ---------------------------------------------------------------- registry lookup
  const none = { requests: 0, rps: 0, p50: 0, p95: 0, p99: 0, errors: 0, non2xx: 0 };
  const holders = !runs('registry')
    ? []
    : await target.sql<{ fc: string; d: string }>(
        `select fiscal_code as fc, to_char(valid_from + 30, 'YYYY-MM-DD') as d from registry_exemption where id % 13 = 0 limit 1000`,
      );
  const registryPaths = holders.map((h) => `/api/registry/exemptions?${qs({ fiscalCode: h.fc, date: h.d })}`);
  const registryHeaders = { authorization: `Bearer ${credentials.apiKey}` };
  const registryRate = opts.registryRate ?? 1000;
  let open: OpenLoopResult | undefined;
  if (runs('registry')) {
    // warm-up, then the open loop first: a fixed 1,000 lookups/s, whatever the answers' latency. The warm-up
    // is `registryWarmup` lookups (1,000) 20 at a time: it opens the pool's connections and lets V8 compile
    // the path — with 20 lookups one at a time, the first second of a cold process (p50 0.2–1.4 s, then
    // 3–15 ms) made the p99 of the whole loop ≈ 1 s; a process behind HAProxy gets the ramp from `slowstart`
    for (let i = 0; i < Math.ceil((opts.registryWarmup ?? 1000) / 20); i++)
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          const res = await fetch(target.baseUrl + pick(registryPaths), { headers: registryHeaders });
          await res.arrayBuffer();
        }),
      );
    open = await openLoop({
      baseUrl: target.baseUrl,
      rate: registryRate,
      durationMs: opts.requests ? (opts.requests / registryRate) * 1000 : d * 1000,
      path: () => pick(registryPaths),
      headers: registryHeaders,
    });
    log(
      `  registry lookup open loop ${registryRate}/s offered: ${open.rps} answered/s, p50 ${open.p50} p95 ${open.p95} p99 ${open.p99} ms (non-2xx ${open.non2xx}, errors ${open.errors}; generator lag p99 ${open.sendLagP99} ms)`,
    );
  }
  const bare =
    opts.bare ??
    (!runs('registry')
      ? none
      : await cannon({ url: target.bareUrl, connections: registryConnections, ...span }));
  const measured = !runs('registry')
    ? { result: none, cpu: undefined }
    : await withCpu(
        target,
        () =>
          cannon({
            url: target.baseUrl,
            connections: registryConnections,
            ...span,
            headers: registryHeaders,
            requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: pick(registryPaths) }) }],
          }),
        (r) => r.requests,
      );
  const api = measured.result;
  const registry = {
    api,
    bare,
    ratio: bare.rps ? Math.round((api.rps / bare.rps) * 1000) / 1000 : 0,
    connections: registryConnections,
    ...(open ? { openLoop: open } : {}),
    ...(measured.cpu ? { cpu: measured.cpu } : {}),
  };
  log(
    `  registry lookup API ${api.rps} req/s p99 ${api.p99} ms (non-2xx ${api.non2xx}) | bare route ${bare.rps} req/s p99 ${bare.p99} ms | ratio ${registry.ratio}` +
      (measured.cpu ? ` | CPU/lookup server ${measured.cpu.serverUs} µs, db ${measured.cpu.dbUs} µs` : ''),
  );

  // ---------------------------------------------------------------- workflow: take-charge then validate
  if (runs('workflow')) {
    // enough for 500 validations/s for the whole phase (the budget is 300/s)
    const added = await topUpSubmitted(target, credentials.operator.aslId, Math.max(500, d * 500));
    if (added) log(`  workflow: ${added.toLocaleString('en')} fresh SUBMITTED cases added to the bench ASL`);
  }
  const fresh = !runs('workflow')
    ? []
    : await target.sql<{ n: string }>(
        // cases the product lets validate: one per person and code base, none whose person already holds
        // that base in force (issue 11 §3, "Esenzione già attiva"); generated data may hold such pairs
        `select n from (
           select distinct on (c.beneficiary_fiscal_code, split_part(c.exemption_code, '.', 1))
                  c.case_number as n, c.submitted_at
             from exemption_case c
            where c.asl_id = $1 and c.status = 'SUBMITTED' and c.version = 1
              and not exists (
                select 1 from registry_exemption r
                 where r.fiscal_code = c.beneficiary_fiscal_code and r.revoked_at is null
                   and split_part(r.exemption_code, '.', 1) = split_part(c.exemption_code, '.', 1)
                   and r.valid_from <= current_date and (r.valid_until is null or r.valid_until >= current_date))
            order by c.beneficiary_fiscal_code, split_part(c.exemption_code, '.', 1), c.submitted_at desc
         ) q order by submitted_at desc limit 20000`,
        [credentials.operator.aslId],
      );
  const queue = fresh.map((r) => r.n);
  const done: string[] = [];
  let errors = 0;
  const startedAt = (await target.sql<{ now: string }>(`select now()::text as now`))[0]?.now ?? '';
  let instanceRef: autocannon.Instance | undefined;
  interface Ctx {
    caseNumber?: string | null;
  }
  const cpuBefore = runs('workflow') ? await target.cpu() : undefined;
  const workflowRun = !runs('workflow')
    ? none
    : await cannon(
        {
          url: target.baseUrl,
          connections: workflowConnections,
          ...span,
          headers: { ...opHeaders, 'content-type': 'application/json' },
          requests: [
            {
              setupRequest: (req, context: Ctx) => {
                const n = queue.shift();
                context.caseNumber = n ?? null;
                if (!n) {
                  instanceRef?.stop();
                  return { ...req, method: 'GET', path: '/healthz', body: undefined };
                }
                return {
                  ...req,
                  method: 'POST',
                  path: `/api/cases/${n}/take-charge`,
                  body: '{}',
                  headers: { ...req.headers, 'if-match': '"1"' },
                };
              },
              onResponse: (status, _body, context: Ctx) => {
                if (context.caseNumber && status !== 200) errors++;
              },
            },
            {
              setupRequest: (req, context: Ctx) =>
                context.caseNumber
                  ? {
                      ...req,
                      method: 'POST',
                      path: `/api/cases/${context.caseNumber}/validate`,
                      body: '{}',
                      headers: { ...req.headers, 'if-match': '"2"' },
                    }
                  : { ...req, method: 'GET', path: '/healthz', body: undefined },
              onResponse: (status, _body, context: Ctx) => {
                if (!context.caseNumber) return;
                if (status === 200) done.push(context.caseNumber);
                else errors++;
              },
            },
          ] as autocannon.Request[],
        },
        (i) => (instanceRef = i),
      );
  const workflowCpu = cpuBefore ? cpuBetween(cpuBefore, await target.cpu()) : undefined;
  const elapsedS = workflowRun.requests / Math.max(workflowRun.rps, 0.001);
  const checkRow = (
    await target.sql<{ cases: number; history: number; audit: number; outbox: number; registry: number }>(
      `select
        (select count(*)::int from exemption_case where case_number = any($1::bpchar[]) and status = 'VALIDATED' and version = 3) as cases,
        (select count(*)::int from case_history h join exemption_case c on c.id = h.case_id
           where c.case_number = any($1::bpchar[]) and h.action in ('takeCharge', 'validate') and h.at >= $2::timestamptz) as history,
        (select count(*)::int from access_log where case_number = any($1::bpchar[]) and action in ('TAKE_CHARGE', 'VALIDATE')) as audit,
        (select count(*)::int from outbox where payload->>'caseNumber' = any($1::text[]) and created_at >= $2::timestamptz) as outbox,
        (select count(*)::int from registry_exemption r join exemption_case c on c.id = r.case_id where c.case_number = any($1::bpchar[])) as registry`,
      [done, startedAt],
    )
  )[0] ?? { cases: 0, history: 0, audit: 0, outbox: 0, registry: 0 };
  const n = done.length;
  const missing =
    n -
    checkRow.cases +
    (2 * n - checkRow.history) +
    (2 * n - checkRow.audit) +
    (2 * n - checkRow.outbox) +
    (n - checkRow.registry);
  const workflow = {
    connections: workflowConnections,
    validations: n,
    validationsPerSecond: r1(n / elapsedS),
    p95: workflowRun.p95,
    p99: workflowRun.p99,
    errors: errors + workflowRun.errors,
    ...(workflowCpu && n
      ? {
          cpu: {
            serverUs: Math.round((workflowCpu.serverMs * 1000) / n),
            dbUs: Math.round((workflowCpu.dbMs * 1000) / n),
          },
        }
      : {}),
    check: { ...checkRow, missing },
  };
  log(
    `  workflow ${workflow.validationsPerSecond} validations/s (${n} in ${r1(elapsedS)} s), p95 ${workflow.p95} ms per request, errors ${workflow.errors};` +
      ` check: history ${checkRow.history}/${2 * n}, audit ${checkRow.audit}/${2 * n}, outbox ${checkRow.outbox}/${2 * n}, registry ${checkRow.registry}/${n}` +
      (workflow.cpu
        ? ` | CPU/validation server ${workflow.cpu.serverUs} µs, db ${workflow.cpu.dbUs} µs`
        : ''),
  );

  // ---------------------------------------------------------------- dashboard (issue 15)
  const dashboard = runs('dashboard')
    ? await dashboardPhase(target, credentials, span, opts.dashboardConnections ?? 8, log)
    : {
        connections: 0,
        refresh: { rows: 0, ms: 0 },
        api: none,
        byKind: [],
        warmup: { requests: 0, non2xx: 0 },
      };

  // ---------------------------------------------------------------- web
  const sizes = webSizes();
  let interactiveRuns: number[] = [];
  const transfer: FirstLoadTransfer = {
    files: 0,
    compressedFiles: 0,
    plainTextFiles: [],
    wireBytes: 0,
    bodyBytes: 0,
  };
  if (opts.browser !== false && sizes.built && runs('web')) {
    interactiveRuns = await measureInteractive(target.baseUrl, op.token, 3, transfer);
  }
  const sortedTti = [...interactiveRuns].sort((a, b) => a - b);
  const interactiveMs = sortedTti.length ? (sortedTti[Math.floor(sortedTti.length / 2)] ?? null) : null;
  const web = { ...sizes, interactiveMs, interactiveRuns, ...(transfer.files ? { transfer } : {}) };
  if (sizes.built) {
    log(
      `  web first load (search page): ${sizes.firstLoadJsKb} KB JS + ${sizes.firstLoadCssKb} KB CSS gzip; interactive ${interactiveMs ?? '–'} ms (runs ${interactiveRuns.join(', ')})`,
    );
    if (transfer.files)
      log(
        `  web first load transferred: ${kb(transfer.wireBytes)} KB on the wire for ${transfer.files} files (${transfer.compressedFiles} compressed); decoded ${kb(transfer.bodyBytes)} KB`,
      );
  } else log('  web: packages/web/dist not built (npm run build:web)');

  const peakRssMb = await target.peakRssMb();
  log(`  server peak RSS ${peakRssMb} MB`);

  const worstSearchP95 = Math.max(...search.map((s) => s.api.p95));
  const budgets: Budget[] = [
    ...search.map((s) => ({
      name: `search p95: ${s.shape}`,
      limit: '≤ 50 ms',
      value: `${s.api.p95} ms`,
      met: s.api.p95 <= 50 && s.api.non2xx === 0,
    })),
    ...(search.length
      ? [
          {
            name: 'search p95 (worst shape)',
            limit: '≤ 50 ms',
            value: `${worstSearchP95} ms`,
            met: worstSearchP95 <= 50,
          },
        ]
      : []),
    ...search.map((s) => ({
      name: `search API/SQL p50: ${s.shape}`,
      limit: '≤ 1.5 ×',
      value: `×${s.ratioP50} (${s.api.p50} / ${s.sql.p50} ms)`,
      met: s.ratioP50 <= 1.5 && s.api.non2xx === 0,
    })),
    ...(open
      ? [
          {
            name: `registry p99 at ${registryRate}/s (open loop)`,
            limit: '≤ 10 ms',
            value: `${open.p99} ms (${open.rps} answered/s, ${open.non2xx + open.errors} failed)`,
            met: open.p99 <= 10 && open.non2xx === 0 && open.errors === 0,
          },
        ]
      : []),
    ...(runs('registry')
      ? [
          {
            name: 'registry saturation vs bare route',
            limit: '≥ 0.25 × bare req/s',
            value: `${registry.ratio} × (${api.rps} / ${bare.rps})`,
            met: registry.ratio >= 0.25 && api.non2xx === 0,
          },
        ]
      : []),
    ...(runs('workflow')
      ? [
          {
            name: 'validations per second',
            limit: '≥ 300 /s, 0 errors, nothing missing',
            value: `${workflow.validationsPerSecond} /s, ${workflow.errors} errors, ${missing} missing`,
            met: workflow.validationsPerSecond >= 300 && workflow.errors === 0 && missing === 0,
          },
        ]
      : []),
    ...(runs('dashboard')
      ? [
          {
            name: 'statistics dashboard p95',
            limit: '≤ 200 ms, 0 non-2xx',
            value: `${dashboard.api.p95} ms, ${dashboard.api.non2xx} non-2xx`,
            met: dashboard.api.p95 <= 200 && dashboard.api.non2xx === 0 && dashboard.api.requests > 0,
          },
        ]
      : []),
    {
      name: 'backoffice first-load JS',
      limit: '≤ 250 KB gzip',
      value: sizes.built ? `${sizes.firstLoadJsKb} KB` : 'not built',
      met: sizes.built && sizes.firstLoadJsKb <= 250,
    },
    ...(transfer.files
      ? [
          {
            name: 'first load: JS/CSS/HTML compressed',
            limit: 'every file ≥ 512 B',
            value: `${kb(transfer.wireBytes)} KB on the wire (decoded ${kb(transfer.bodyBytes)} KB), ${transfer.plainTextFiles.length} uncompressed`,
            met: transfer.plainTextFiles.length === 0,
          },
        ]
      : []),
    {
      name: 'search page interactive',
      limit: '≤ 1500 ms',
      value: interactiveMs === null ? 'not measured' : `${interactiveMs} ms`,
      met: interactiveMs !== null && interactiveMs <= 1500,
    },
    {
      name: 'server peak RSS',
      limit: '≤ 300 MB',
      value: `${peakRssMb} MB`,
      met: peakRssMb > 0 && peakRssMb <= 300,
    },
  ];
  const os = await import('node:os');
  return {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '',
      memoryGb: Math.round(os.totalmem() / 1073741824),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    database: { kind: target.kind, ...counts },
    duration: d,
    search,
    registry,
    workflow,
    dashboard,
    web,
    memory: { peakRssMb },
    budgets,
  };
}

export function printReport(r: BenchResults, log: (l: string) => void = console.log): void {
  const row = (cols: (string | number)[], widths: number[]) =>
    cols.map((c, i) => String(c).padStart(widths[i] ?? 8)).join(' ');
  log(
    `\nEsenzioni benchmarks — ${r.date}, ${r.database.kind}, ${r.database.cases.toLocaleString('en')} cases, ${r.machine.cpus} × ${r.machine.cpuModel}`,
  );
  const w = [26, 9, 8, 8, 8, 9, 8, 8, 9];
  log(
    '\n' +
      row(
        ['search (16 conn.)', 'API req/s', 'p50', 'p95', 'p99', 'SQL q/s', 'SQL p50', 'SQL p95', 'API/SQL'],
        w,
      ),
  );
  for (const s of r.search)
    log(
      row(
        [
          s.shape,
          s.api.rps,
          s.api.p50,
          s.api.p95,
          s.api.p99,
          s.sql.rps,
          s.sql.p50,
          s.sql.p95,
          `×${s.ratioP50}`,
        ],
        w,
      ),
    );
  log(
    `\nregistry lookup (${r.registry.connections} conn.): ${r.registry.api.rps} req/s, p99 ${r.registry.api.p99} ms, non-2xx ${r.registry.api.non2xx}; bare route ${r.registry.bare.rps} req/s; ratio ${r.registry.ratio}`,
  );
  if (r.registry.cpu)
    log(
      `  CPU per lookup at saturation: server ${r.registry.cpu.serverUs} µs, PostgreSQL ${r.registry.cpu.dbUs} µs`,
    );
  const ol = r.registry.openLoop;
  if (ol)
    log(
      `registry lookup open loop at ${ol.offered}/s: ${ol.rps} answered/s, p50 ${ol.p50} ms, p95 ${ol.p95} ms, p99 ${ol.p99} ms, non-2xx ${ol.non2xx}, errors ${ol.errors}`,
    );
  log(
    `workflow (${r.workflow.connections} conn.): ${r.workflow.validationsPerSecond} validations/s, p95 ${r.workflow.p95} ms, ${r.workflow.errors} errors, ${r.workflow.check.missing} rows missing`,
  );
  if (r.dashboard.api.requests > 0) {
    log(
      `dashboard (${r.dashboard.connections} conn.): ${r.dashboard.api.rps} req/s, p50 ${r.dashboard.api.p50} ms, p95 ${r.dashboard.api.p95} ms, p99 ${r.dashboard.api.p99} ms, non-2xx ${r.dashboard.api.non2xx}; tables rebuilt in ${r.dashboard.refresh.ms} ms (${r.dashboard.refresh.rows.toLocaleString('en')} rows)`,
    );
    for (const k of r.dashboard.byKind)
      log(`  ${k.kind.padEnd(44)} p95 ${String(k.p95).padStart(6)} ms  (${k.requests} requests)`);
  }
  if (r.web.built) {
    log(
      `web: first load ${r.web.firstLoadJsKb} KB JS + ${r.web.firstLoadCssKb} KB CSS gzip; search page interactive ${r.web.interactiveMs ?? '–'} ms`,
    );
    for (const p of r.web.routes)
      log(
        `  ${p.route.padEnd(28)} JS ${String(p.jsKb).padStart(6)} KB  CSS ${String(p.cssKb).padStart(6)} KB`,
      );
  }
  log(`server peak RSS: ${r.memory.peakRssMb} MB`);
  log('\nbudgets:');
  for (const b of r.budgets)
    log(`  ${b.met ? 'MET   ' : 'MISSED'} ${b.name.padEnd(36)} ${b.value}  (budget ${b.limit})`);
}

/**
 * Issue 15: the statistics dashboard at scale. The tables are rebuilt first (timed: what the nightly job
 * costs), then an ASL manager (the bench ASL) and the Region's analyst ask for the dashboard with every
 * kind of filter, and for the exports, at `connections` concurrent requests.
 */
async function dashboardPhase(
  target: Target,
  credentials: BenchCredentials,
  span: Pick<autocannon.Options, 'amount' | 'duration'>,
  connections: number,
  log: (l: string) => void,
): Promise<BenchResults['dashboard']> {
  // two statistics users with the operator's password and PIN (hashes copied: no argon2 here)
  for (const [username, role, aslId] of [
    ['bench.manager', 'ASL_MANAGER', credentials.operator.aslId],
    ['bench.region', 'REGION_ANALYST', null],
  ] as const) {
    await target.sql(
      `insert into app_user (username, password_hash, pin_hash, fiscal_code, first_name, last_name)
       select $1, password_hash, pin_hash, fiscal_code, 'BENCH', upper($1) from app_user where username = $2
       on conflict (username) do nothing`,
      [username, credentials.operator.username],
    );
    await target.sql(
      `insert into user_profile (user_id, role, asl_id)
       select u.id, $2, $3 from app_user u where u.username = $1
          and not exists (select 1 from user_profile p where p.user_id = u.id)`,
      [username, role, aslId],
    );
  }
  const refresh = await target.refreshStatistics();
  log(
    `  dashboard: statistics tables rebuilt in ${refresh.ms} ms (${refresh.rows.toLocaleString('en')} rows)`,
  );
  const login2 = (username: string) =>
    login(target.baseUrl, {
      username,
      password: credentials.operator.password,
      pin: credentials.operator.pin,
    });
  const manager = await login2('bench.manager');
  const region = await login2('bench.region');
  const districts = await target.sql<{ id: string; asl_id: string }>(
    `select id, asl_id from district order by id`,
  );
  const own = districts.filter((x) => x.asl_id === credentials.operator.aslId).map((x) => x.id);
  const asls = [...new Set(districts.map((x) => x.asl_id))];
  const year = new Date().getUTCFullYear();
  const kinds: Array<{ kind: string; who: Session; paths: string[] }> = [
    { kind: 'region, last 12 months', who: region, paths: ['/api/statistics/dashboard'] },
    {
      kind: 'region, 10 years',
      who: region,
      paths: [`/api/statistics/dashboard?from=${year - 9}-01&to=${year}-12`],
    },
    {
      kind: 'region, a family / a code',
      who: region,
      paths: [
        ...['CHRONIC', 'INVALIDITY', 'RARE'].map((f) => `/api/statistics/dashboard?family=${f}`),
        ...['031', '013', '048', 'C02'].map((c) => `/api/statistics/dashboard?code=${c}`),
      ],
    },
    { kind: 'region, an ASL', who: region, paths: asls.map((a) => `/api/statistics/dashboard?asl=${a}`) },
    { kind: 'manager, own ASL', who: manager, paths: ['/api/statistics/dashboard'] },
    {
      kind: 'manager, a district (+ code, 2 years)',
      who: manager,
      paths: own.flatMap((id) => [
        `/api/statistics/dashboard?district=${id}`,
        `/api/statistics/dashboard?district=${id}&code=031&from=${year - 1}-01&to=${year}-12`,
      ]),
    },
    {
      kind: 'exports (CSV, XLSX)',
      who: region,
      paths: ['flow', 'leadTimeByDistrict', 'inForceByCode'].flatMap((t) =>
        ['csv', 'xlsx'].map((f) => `/api/statistics/export?table=${t}&format=${f}`),
      ),
    },
  ];
  // warm-up: each path once, its answer checked (a short timed run need not reach every kind)
  const warmup = { requests: 0, non2xx: 0 };
  for (const k of kinds)
    for (const p of k.paths) {
      const res = await fetch(target.baseUrl + p, { headers: { cookie: k.who.cookie } });
      await res.arrayBuffer();
      warmup.requests++;
      if (res.status < 200 || res.status > 299) warmup.non2xx++;
    }
  // kinds in turn, so that even a short run spreads its requests over all of them
  let turn = 0;
  const times = new Map<string, number[]>(kinds.map((k) => [k.kind, []]));
  interface Ctx {
    kind?: string;
    started?: number;
  }
  const started = performance.now();
  const api = await cannon({
    url: target.baseUrl,
    connections,
    ...span,
    requests: [
      {
        method: 'GET',
        setupRequest: (req, context: Ctx) => {
          const k = kinds[turn++ % kinds.length]!;
          context.kind = k.kind;
          context.started = performance.now();
          return { ...req, path: pick(k.paths), headers: { ...req.headers, cookie: k.who.cookie } };
        },
        onResponse: (_status, _body, context: Ctx) => {
          if (context.kind && context.started !== undefined)
            times.get(context.kind)?.push(performance.now() - context.started);
        },
      },
    ] as autocannon.Request[],
  });
  const elapsed = performance.now() - started;
  const byKind = kinds.map((k) => {
    const t = summarize(times.get(k.kind) ?? [], elapsed, 0);
    return { kind: k.kind, p95: t.p95, requests: t.requests };
  });
  log(
    `  dashboard ${api.rps} req/s p50 ${api.p50} p95 ${api.p95} p99 ${api.p99} ms (non-2xx ${api.non2xx}); ` +
      byKind.map((k) => `${k.kind}: p95 ${k.p95}`).join('; '),
  );
  return { connections, refresh, api, byKind, warmup };
}
