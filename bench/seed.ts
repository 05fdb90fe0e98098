/**
 * npm run bench:seed -- --cases 2000000 [--fresh]               (PostgreSQL at DATABASE_URL)
 * npm run bench:seed -- --cases 100000 --pglite .data/bench-pglite [--fresh]
 *
 * Fills the database with generated data for the benchmarks and writes the bench credentials to
 * bench/results/.bench-credentials.json. --fresh drops and re-creates the database first (PostgreSQL:
 * only a database whose name contains "bench"; PGlite: the data directory).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../packages/server/src/db/client.js';
import { generate } from './lib/generate.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '2000000' },
    pglite: { type: 'string' },
    fresh: { type: 'boolean', default: false },
  },
});
const cases = Number(values.cases);
if (!Number.isFinite(cases) || cases < 100) throw new Error('--cases must be a number ≥ 100');

async function recreatePostgres(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  if (!/^[a-z0-9_]*bench[a-z0-9_]*$/.test(name))
    throw new Error(`--fresh refuses to drop "${name}": use a database whose name contains "bench"`);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  console.log(`database ${name} re-created`);
}

const url = values.pglite ? undefined : process.env.DATABASE_URL;
if (!values.pglite && !url)
  throw new Error(
    'set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/esz_bench) or pass --pglite <dir>',
  );
if (values.fresh) {
  if (values.pglite) fs.rmSync(path.resolve(values.pglite), { recursive: true, force: true });
  else if (url) await recreatePostgres(url);
} else if (url) {
  // create the database when it does not exist yet
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (!found.rowCount) await admin.query(`create database ${name}`);
  await admin.end();
}

const database = await openDatabase(values.pglite ? { dataDir: path.resolve(values.pglite) } : { url });
try {
  await generate(database, { cases });
} finally {
  await database.close();
}
