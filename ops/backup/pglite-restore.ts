/**
 * Restore of the embedded database from a pglite-backup.ts directory into a NEW data directory, then
 * the row-count check against the counts recorded at the backup. Then point DATA_DIR to it and run
 * `npm run audit:verify` (docs/backup-restore.md §4).
 *
 *   npx tsx ops/backup/pglite-restore.ts BACKUP_DIR NEW_DATA_DIR [--from datadir|sql]
 *     datadir (default)  the tarball of the data directory (PGlite's loadDataDir): exact, fast
 *     sql                the pg_dump SQL, replayed into a new database: for a PGlite of a later
 *                        PostgreSQL major version, where the old data directory cannot be opened
 */
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { processesHolding, seconds, sha256 } from './pglite-files.js';
import { countDifferences, rowCounts } from './row-counts.js';

const [backupDir, dataDir, flag, fromArg] = process.argv.slice(2);
const from = flag === '--from' ? fromArg : 'datadir';
if (!backupDir || !dataDir || (from !== 'datadir' && from !== 'sql')) {
  console.error('usage: pglite-restore.ts BACKUP_DIR NEW_DATA_DIR [--from datadir|sql]');
  process.exit(2);
}
if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
  console.error(`pglite-restore: ${dataDir} is not empty: restore into a new directory`);
  process.exit(2);
}
// each file as the backup's checksum says, or nothing is restored
const read = (name: string): Buffer => fs.readFileSync(path.join(backupDir, name));
for (const line of read('SHA256SUMS').toString().split('\n').filter(Boolean)) {
  const [sum, name] = line.split(/\s+/) as [string, string];
  if (sha256(read(name)) !== sum) {
    console.error(`pglite-restore: ${name} does not match its checksum: the backup is damaged`);
    process.exit(1);
  }
}
const expected = read('row-counts.tsv').toString().split('\n').filter(Boolean);

const t0 = performance.now();
fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
const pg =
  from === 'datadir'
    ? await PGlite.create(dataDir, { loadDataDir: new Blob([new Uint8Array(read('datadir.tar.gz'))]) })
    : await PGlite.create(dataDir);
let differences: string[];
try {
  if (from === 'sql') {
    await pg.exec(gunzipSync(read('dump.sql.gz')).toString('utf8'));
    // the dump empties search_path for its session; the app's sessions start from the default
    await pg.exec('reset search_path');
  }
  await pg.query('checkpoint');
  differences = countDifferences(expected, await rowCounts(pg));
} finally {
  await pg.close();
}
const open = processesHolding(dataDir);
if (open.length)
  console.error(`pglite-restore: warning, ${dataDir} is also open in process ${open.join(', ')}`);
if (differences.length) {
  console.error(
    `pglite-restore: the restored copy differs from the backup's counts:\n  ${differences.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(
  `pglite restore (${from}): ${dataDir} in ${seconds(performance.now() - t0)} s; ${expected.length} tables, row counts equal to the backup's`,
);
