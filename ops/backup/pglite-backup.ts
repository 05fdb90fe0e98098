/**
 * Backup of the embedded database (PGlite in DATA_DIR, the default `npm start`), two files in one
 * directory <OUT_DIR>/pglite-<UTC time>/:
 *   datadir.tar.gz  PGlite's own dumpDataDir(): the data directory as a tarball, restored byte for byte
 *                   by the same PGlite (PostgreSQL) major version;
 *   dump.sql.gz     a logical dump by pg_dump (the WASM build of @electric-sql/pglite-tools, run against
 *                   the same instance): plain SQL, INSERT statements, readable by a later PGlite;
 * plus row-counts.tsv (exact counts, for the restore's check) and SHA256SUMS.
 *
 * PGlite has no WAL archive: the embedded database restores to the moment of a backup, not to any
 * point in time. It takes no lock on its directory either, so the app must be STOPPED (a second
 * instance on the same directory corrupts it): this refuses to run while a process holds DATA_DIR open.
 *
 *   npx tsx ops/backup/pglite-backup.ts OUT_DIR      (DATA_DIR as the app reads it, default .data/pglite)
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { pgDump } from '@electric-sql/pglite-tools/pg_dump';
import { loadConfig } from '../../packages/server/src/config.js';
import { openDatabase } from '../../packages/server/src/db/client.js';
import { processesHolding, seconds, sha256 } from './pglite-files.js';
import { rowCounts } from './row-counts.js';

const outRoot = process.argv[2];
if (!outRoot) {
  console.error('usage: pglite-backup.ts OUT_DIR   (the data directory: DATA_DIR)');
  process.exit(2);
}
const dataDir = loadConfig().dataDir;
if (dataDir.startsWith('memory://') || !fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
  console.error(`pglite-backup: ${dataDir} is not an embedded database directory`);
  process.exit(2);
}
const holders = processesHolding(dataDir);
if (holders.length) {
  console.error(
    `pglite-backup: ${dataDir} is open in process ${holders.join(', ')}: stop the app first (two PGlite instances on one directory corrupt it)`,
  );
  process.exit(1);
}

const t0 = performance.now();
const stamp = new Date()
  .toISOString()
  .replace(/[-:]/g, '')
  .replace(/\.\d+Z$/, 'Z');
const dest = path.join(outRoot, `pglite-${stamp}`);
const database = await openDatabase({ dataDir });
const pg = database.pglite!;
const files: Record<string, Uint8Array> = {};
try {
  // everything below reads one quiet database through its single connection: one instant
  await pg.query('checkpoint');
  const counts = await rowCounts(pg);
  files['row-counts.tsv'] = Buffer.from(counts.map((l) => `${l}\n`).join(''));
  files['datadir.tar.gz'] = new Uint8Array(await (await pg.dumpDataDir('gzip')).arrayBuffer());
  const dump = await pgDump({ pg, args: ['--no-owner', '--no-privileges'] });
  files['dump.sql.gz'] = gzipSync(new Uint8Array(await dump.arrayBuffer()));
} finally {
  await database.close();
}
fs.mkdirSync(dest, { recursive: true });
for (const [name, bytes] of Object.entries(files))
  fs.writeFileSync(path.join(dest, name), bytes, { mode: 0o600 });
fs.writeFileSync(
  path.join(dest, 'SHA256SUMS'),
  Object.entries(files)
    .map(([name, bytes]) => `${sha256(bytes)}  ${name}\n`)
    .join(''),
);
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
console.log(
  `pglite backup: ${dest} (data directory ${mb(files['datadir.tar.gz']!.length)} MB, SQL dump ${mb(files['dump.sql.gz']!.length)} MB gzipped) in ${seconds(performance.now() - t0)} s`,
);
