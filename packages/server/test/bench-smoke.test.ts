/**
 * The benchmark pipeline end to end at 10,000 cases, 70 requests per phase (a count, not seconds): generator,
 * search (API and SQL), registry lookup, workflow with its integrity check, the statistics dashboard, web sizes. On in-memory PGlite by default; on a
 * database of its own when DATABASE_URL is set. It asserts that figures were produced, not the budgets.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client.js';
import { generate } from '../../../bench/lib/generate.js';
import { runBenchmarks, printReport, type BenchResults } from '../../../bench/lib/run.js';
import { startInProcessTarget, type Target } from '../../../bench/lib/target.js';

let database: Database;
let target: Target;
let dropDatabase: (() => Promise<void>) | undefined;
let url: string | undefined;

before(async () => {
  const base = process.env.DATABASE_URL;
  if (base) {
    const name = `esz_bench_smoke_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDatabase = async () => {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  }
  database = await openDatabase(url ? { url } : { dataDir: 'memory://' });
});

after(async () => {
  await target?.close();
  await database?.close();
  await dropDatabase?.();
});

test('bench pipeline at 10,000 cases produces figures', { timeout: 55_000 }, async () => {
  const lines: string[] = [];
  const gen = await generate(database, { cases: 10_000, credentialsFile: null, log: (l) => lines.push(l) });
  assert.equal(gen.counts.exemption_case, 10_000);
  assert.ok((gen.counts.person ?? 0) > 7_000, 'people generated');
  assert.ok((gen.counts.case_history ?? 0) > 25_000, 'history generated');
  assert.ok((gen.counts.registry_exemption ?? 0) >= 4_000, 'registry generated');
  const closedShare = (gen.counts.closed ?? 0) / 10_000;
  assert.ok(closedShare > 0.8 && closedShare < 0.97, `about 90% closed, got ${closedShare}`);

  target = await startInProcessTarget({ database, url, withBare: true, logLevel: 'silent' });
  const r: BenchResults = await runBenchmarks(target, {
    credentials: gen.credentials,
    duration: 1,
    // a number of requests per phase, not a span of real time: each phase ends when its work is done
    requests: 70,
    searchConnections: 4,
    registryConnections: 8,
    workflowConnections: 2,
    // issue 16 §7: the open loop sends its 70 lookups at 500/s (the bench's default is 1,000/s)
    registryRate: 500,
    registryWarmup: 100,
    browser: false,
    log: (l) => lines.push(l),
  });
  printReport(r, (l) => lines.push(l));
  if (process.env.BENCH_SMOKE_VERBOSE) console.log(lines.join('\n'));

  assert.equal(r.search.length, 5);
  for (const s of r.search) {
    assert.ok(s.api.requests > 0, `${s.shape}: API requests`);
    assert.equal(s.api.non2xx, 0, `${s.shape}: API answered 2xx`);
    assert.ok(s.sql.requests > 0, `${s.shape}: SQL queries`);
    assert.ok(s.api.p95 > 0 && s.sql.p95 > 0);
  }
  assert.ok(r.registry.api.requests > 0 && r.registry.bare.requests > 0);
  assert.equal(r.registry.api.non2xx, 0);
  assert.ok(r.registry.ratio > 0);
  assert.ok((r.registry.openLoop?.requests ?? 0) > 0, 'open-loop lookups answered');
  assert.equal(r.registry.openLoop?.non2xx, 0);
  assert.ok(r.workflow.validations > 0, 'some cases validated');
  assert.equal(r.workflow.errors, 0);
  assert.equal(r.workflow.check.missing, 0, 'no history, audit, outbox or registry row missing');
  // issue 15: the dashboard phase (tables rebuilt, every kind of request, exports) and its budget
  assert.ok(r.dashboard.refresh.rows > 0, 'statistics tables rebuilt');
  assert.ok(r.dashboard.api.requests > 0, 'dashboard requests');
  assert.equal(r.dashboard.api.non2xx, 0);
  assert.ok(r.dashboard.byKind.length >= 7);
  // every path of every kind answered 2xx in the warm-up; the timed run takes the kinds in turn
  assert.ok(r.dashboard.warmup.requests >= r.dashboard.byKind.length);
  assert.equal(r.dashboard.warmup.non2xx, 0);
  // 70 requests taken in turn by the 7 kinds: every kind measured
  assert.equal(
    r.dashboard.byKind.reduce((n, k) => n + k.requests, 0),
    r.dashboard.api.requests,
  );
  assert.ok(
    r.dashboard.byKind.every((k) => k.requests > 0),
    'every kind measured',
  );
  assert.ok(r.budgets.some((b) => b.name === 'statistics dashboard p95'));
  assert.ok(r.memory.peakRssMb > 0);
  assert.ok(r.budgets.length >= 8);
});
