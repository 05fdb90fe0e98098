/**
 * npx tsx bench/person-import.ts [--rows 5000000]     (PostgreSQL at DATABASE_URL, or PGlite without it)
 *
 * The import of the registry of assistiti (issue 13 §4, docs/person-directory.md) at regional scale: on a
 * database of its own (PostgreSQL: `<DATABASE_URL's database>_person_bench`, dropped and re-created;
 * PGlite: in memory), migrated with the catalogues' ASLs and one district, it writes a generated file
 * (bench/lib/person-file.ts) and runs the code of `npm run people:import` three times:
 *   1. the first load (every person new);
 *   2. the same file again (idempotent: every person unchanged);
 *   3. a file with every tenth surname changed (updates).
 * Prints each run's seconds, rows per second and the ratio to the budget (< 1 passes): 5 million rows in
 * 10 minutes on PostgreSQL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../packages/server/src/db/client.js';
import { importCatalogues } from '../packages/server/src/catalog/import.js';
import {
  beginPersonImport,
  runPersonImport,
} from '../packages/server/src/services/directory/import-people.js';
import { personFileChunks } from './lib/person-file.js';

const BUDGET_S = 600;
const { values } = parseArgs({ options: { rows: { type: 'string', default: '5000000' } } });
const rows = Number(values.rows);
const url = process.env.DATABASE_URL;

async function ownDatabase(): Promise<string | undefined> {
  if (!url) return undefined;
  const u = new URL(url);
  const name = `${u.pathname.slice(1) || 'postgres'}_person_bench`.replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  u.pathname = `/${name}`;
  return u.toString();
}

function writeFile(file: string, variant: number): number {
  const fd = fs.openSync(file, 'w');
  for (const chunk of personFileChunks(rows, variant)) fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  return fs.statSync(file).size;
}

const dbUrl = await ownDatabase();
const database = await openDatabase({ url: dbUrl, dataDir: 'memory://' });
await migrateDatabase(database);
await importCatalogues(database.db);
await database.db.execute(
  sql`insert into district (id, asl_id, name) values ('010301-T1', '010301', 'Distretto 1') on conflict do nothing`,
);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esz-assistiti-'));
const first = path.join(dir, 'assistiti.csv');
const next = path.join(dir, 'assistiti-bis.csv');
const t0 = performance.now();
const bytes = writeFile(first, 0);
const bytesNext = writeFile(next, 1);
console.log(
  `Person directory import bench — ${database.kind}, ${rows.toLocaleString('en')} rows (${(bytes / 1e6).toFixed(1)} MB), files written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
const results: number[] = [];
for (const [label, file, size] of [
  ['first load', first, bytes],
  ['same file again', first, bytes],
  ['10 % changed', next, bytesNext],
] as const) {
  const input = { fileName: path.basename(file), totalBytes: size, startedBy: 'BENCH' };
  const started = performance.now();
  const row = await beginPersonImport(database.db, input);
  let loadedAt = 0;
  const r = await runPersonImport(database.db, row.id, fs.createReadStream(file), input, (p) => {
    if (p.phase === 'MERGING') loadedAt = performance.now();
  });
  const s = (performance.now() - started) / 1000;
  const loadS = (loadedAt - started) / 1000;
  results.push(s);
  console.log(
    `${label.padEnd(18)} ${s.toFixed(2).padStart(8)} s (read+stage ${loadS.toFixed(2)} s, merge ${(s - loadS).toFixed(2)} s)  ` +
      `${Math.round(r.rowsRead / s).toLocaleString('en')} rows/s  ratio to ${BUDGET_S} s: ${(s / BUDGET_S).toFixed(3)}  ` +
      `new ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}, rejected ${r.rejected}`,
  );
}
const worst = Math.max(...results);
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
