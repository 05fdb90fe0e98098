/**
 * npm run bench [-- --duration 10] [--no-browser] [--only search,registry,workflow,dashboard,web,haproxy]  (PostgreSQL at DATABASE_URL)
 *   haproxy: search, registry and workflow again through HAProxy (127.0.0.1:--haproxy-port, default 18090) in
 *   front of two app processes (--app-ports, default 3301,3302), with the scaling factor over one process
 * npm run bench -- --pglite .data/bench-pglite [--duration 10]
 *
 * Starts the server in a child process on 127.0.0.1 against a database filled by `npm run bench:seed`,
 * drives it with autocannon, prints the figures and the budgets, and writes bench/results/<date>.json.
 */
import { execSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CREDENTIALS_FILE, type BenchCredentials } from './lib/generate.js';
import { haproxyAvailable } from './lib/haproxy.js';
import { runThroughHaproxy } from './lib/scale-out.js';
import { printReport, runBenchmarks, type Phase } from './lib/run.js';
import { REPO_ROOT } from './lib/sql.js';
import { startChildTarget, WEB_DIST } from './lib/target.js';
import { migrateDatabase, openDatabase } from '../packages/server/src/db/client.js';

const { values } = parseArgs({
  options: {
    pglite: { type: 'string' },
    duration: { type: 'string', default: '10' },
    'no-browser': { type: 'boolean', default: false },
    credentials: { type: 'string', default: DEFAULT_CREDENTIALS_FILE },
    out: { type: 'string' },
    'log-level': { type: 'string', default: 'warn' },
    only: { type: 'string' },
    'haproxy-port': { type: 'string', default: '18090' },
    // issue 16 §7: the registry's open-loop rate (the budget is at 1,000/s; a lower one shows the latency below saturation)
    'registry-rate': { type: 'string', default: '1000' },
    'app-ports': { type: 'string', default: '3301,3302' },
  },
});
const url = values.pglite ? undefined : process.env.DATABASE_URL;
if (!values.pglite && !url)
  throw new Error('set DATABASE_URL or pass --pglite <dir> (the database filled by npm run bench:seed)');
if (url && !/^postgres(ql)?:\/\/[^/]*@?(127\.0\.0\.1|localhost)(:\d+)?\//.test(url))
  throw new Error('benchmarks run only against a local database (127.0.0.1)');
const credentials = JSON.parse(fs.readFileSync(values.credentials, 'utf8')) as BenchCredentials;

// the web phase measures the built app: build it first on a fresh clone (before the server starts serving it)
const phases = values.only
  ? values.only.split(',')
  : ['search', 'registry', 'workflow', 'dashboard', 'web', 'haproxy'];
const single = phases.filter((p) => p !== 'haproxy') as Phase[];
if (phases.includes('web') && !fs.existsSync(path.join(WEB_DIST, '.vite', 'manifest.json'))) {
  console.log('packages/web/dist missing: npm run build:web');
  execSync('npm run build:web', { cwd: REPO_ROOT, stdio: 'inherit' });
}

// a bench database seeded before the newest migration is brought up to date first (the server child does
// not migrate: without this, a new table the code reads would answer 500 in every phase)
{
  const database = await openDatabase(url ? { url } : { dataDir: path.resolve(String(values.pglite)) });
  try {
    await migrateDatabase(database);
  } finally {
    await database.close();
  }
}

const target = await startChildTarget({
  url,
  pgliteDir: values.pglite ? path.resolve(values.pglite) : undefined,
  logLevel: values['log-level'],
});
try {
  // a key of this run's own, so a credentials file written for another bench database still works for the users
  const key = `esz_${randomBytes(24).toString('base64url')}`;
  await target.sql(`insert into api_key (name, key_hash) values ('bench-run', $1)`, [
    createHash('sha256').update(key).digest('hex'),
  ]);
  credentials.apiKey = key;
  // the state autovacuum keeps the table in (migration 0005: after 1 % of changed rows), whatever an
  // earlier run's workflow phase left behind: visibility map current for index-only scans, fresh statistics
  await target.sql('vacuum (analyze) exemption_case');
  const results = await runBenchmarks(target, {
    credentials,
    duration: Number(values.duration),
    browser: !values['no-browser'],
    only: single,
    registryRate: Number(values['registry-rate']),
  });
  printReport(results);
  if (phases.includes('haproxy')) {
    if (url && haproxyAvailable())
      results.haproxy = await runThroughHaproxy(target, results, {
        url,
        credentials,
        duration: Number(values.duration),
        haproxyPort: Number(values['haproxy-port']),
        appPorts: values['app-ports'].split(',').map(Number),
        logLevel: values['log-level'],
        registryRate: Number(values['registry-rate']),
        phases: single.filter((p) => p === 'search' || p === 'registry' || p === 'workflow'),
      });
    else
      console.log(
        '\nhaproxy phase skipped: needs PostgreSQL and the haproxy package (apt-get install haproxy)',
      );
  }
  const out =
    values.out ??
    path.join(
      REPO_ROOT,
      'bench',
      'results',
      `${results.date.slice(0, 19).replace(/:/g, '-')}-${results.database.kind}-${results.database.cases}.json`,
    );
  fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nresults written to ${path.relative(process.cwd(), out)}`);
} finally {
  await target.close();
}
