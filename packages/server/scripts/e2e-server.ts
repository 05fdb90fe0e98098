/**
 * The server for the browser tests: port 3100, a fresh database with demo data every run — a new
 * PGlite directory, or a new database on the PostgreSQL server when DATABASE_URL is set (dropped at exit).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { REPO_ROOT } from '../src/config.js';

const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: process.env.PORT ?? '3100',
  HOST: '127.0.0.1',
  SEED_DEMO: 'true',
  LOG_LEVEL: 'warn',
};
let cleanup = async () => {};
if (process.env.DATABASE_URL) {
  const name = `esz_e2e_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(process.env.DATABASE_URL);
  u.pathname = `/${name}`;
  env.DATABASE_URL = u.toString();
  cleanup = async () => {
    const a = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  };
} else {
  const dir = mkdtempSync(path.join(tmpdir(), 'esz-e2e-'));
  env.DATA_DIR = path.join(dir, 'pglite');
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', path.join(REPO_ROOT, 'packages/server/src/main.ts')],
  { env, stdio: 'inherit' },
);
const stop = (signal: NodeJS.Signals) => child.kill(signal);
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
child.on('exit', (code) => {
  void cleanup().finally(() => process.exit(code ?? 0));
});
