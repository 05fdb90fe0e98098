/**
 * npx tsx bench/mef-import.ts [--rows 1000000]        (PostgreSQL at DATABASE_URL, or PGlite without it)
 *
 * The MEF list import (issue 12 §2, docs/mef-list.md) against its budget: 1 million rows in under a minute
 * on PostgreSQL. On a database of its own (PostgreSQL: `<DATABASE_URL's database>_mef_bench`, dropped and
 * re-created; PGlite: in memory), migrated, it writes a generated list to a temporary file and runs the
 * same code as `npm run income:import-mef` three times:
 *   1. the first load (every row new);
 *   2. the same file again (idempotent: every row unchanged);
 *   3. the next day's file with 10 % of the people replaced (new rows, and as many ended and notified).
 * Prints each run's seconds, rows per second and the ratio to the 60 s budget (< 1 passes).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrateDatabase, openDatabase } from '../packages/server/src/db/client.js';
import { beginMefImport, runMefImport } from '../packages/server/src/services/income-mef/import-mef-list.js';
import { mefListChunks } from './lib/mef-file.js';

const BUDGET_S = 60;
const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
const rows = Number(values.rows);
const url = process.env.DATABASE_URL;

async function ownDatabase(): Promise<string | undefined> {
  if (!url) return undefined;
  const u = new URL(url);
  const name = `${u.pathname.slice(1) || 'postgres'}_mef_bench`.replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  u.pathname = `/${name}`;
  return u.toString();
}

function writeList(file: string, n: number, offset: number): number {
  const fd = fs.openSync(file, 'w');
  for (const chunk of mefListChunks(n, 2026, offset)) fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  return fs.statSync(file).size;
}

const dbUrl = await ownDatabase();
const database = await openDatabase({ url: dbUrl, dataDir: 'memory://' });
await migrateDatabase(database);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esz-mef-'));
const first = path.join(dir, 'elenco-2026.csv');
const next = path.join(dir, 'elenco-2026-bis.csv');
const t0 = performance.now();
const bytes = writeList(first, rows, 0);
const bytesNext = writeList(next, rows, Math.round(rows / 10));
console.log(
  `MEF list import bench — ${database.kind}, ${rows.toLocaleString('en')} rows (${(bytes / 1e6).toFixed(1)} MB), files written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
const results: Array<Record<string, unknown>> = [];
let day = Date.parse('2026-05-04T08:00:00Z');
for (const [label, file, size] of [
  ['first load', first, bytes],
  ['same file again', first, bytes],
  ['next list (10 % replaced)', next, bytesNext],
] as const) {
  const at = new Date(day);
  day += 24 * 3600 * 1000;
  const input = { fileName: path.basename(file), totalBytes: size, startedBy: 'BENCH', clock: () => at };
  const started = performance.now();
  const row = await beginMefImport(database.db, input);
  let loadedAt = 0;
  const r = await runMefImport(database.db, row.id, fs.createReadStream(file), input, (p) => {
    if (p.phase === 'MERGING') loadedAt = performance.now();
  });
  const s = (performance.now() - started) / 1000;
  const loadS = (loadedAt - started) / 1000;
  const line = {
    run: label,
    seconds: Number(s.toFixed(2)),
    loadSeconds: Number(loadS.toFixed(2)),
    mergeSeconds: Number((s - loadS).toFixed(2)),
    rowsPerSecond: Math.round(r.rowsRead / s),
    ratioToBudget: Number((s / BUDGET_S).toFixed(3)),
    inserted: r.inserted,
    unchanged: r.unchanged,
    ended: r.ended,
  };
  results.push(line);
  console.log(
    `${label.padEnd(26)} ${line.seconds.toFixed(2).padStart(7)} s (read+stage ${line.loadSeconds.toFixed(2)} s, merge ${line.mergeSeconds.toFixed(2)} s)  ` +
      `${line.rowsPerSecond.toLocaleString('en')} rows/s  ratio to ${BUDGET_S} s: ${line.ratioToBudget}  ` +
      `new ${r.inserted}, unchanged ${r.unchanged}, ended ${r.ended}`,
  );
}
const worst = Math.max(...results.map((r) => Number(r.seconds)));
console.log(
  `worst run ${worst.toFixed(2)} s of ${BUDGET_S} s budget: ${worst < BUDGET_S ? 'PASS' : 'FAIL'} (ratio ${(worst / BUDGET_S).toFixed(3)})`,
);
await database.close();
fs.rmSync(dir, { recursive: true, force: true });
if (dbUrl) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${new URL(dbUrl).pathname.slice(1)} with (force)`);
  await admin.end();
}
