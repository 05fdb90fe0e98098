/**
 * Loads the registry of assistiti (layout in docs/person-directory.md) into the person directory of the
 * configured database: DATABASE_URL when set, else the embedded PGlite in DATA_DIR.
 *   npm run people:import -- FILE
 * Prints a progress bar and the figures. Idempotent: the same file again changes nothing. Exit code 1
 * when the import fails (the reason is printed and kept on person_import).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { beginPersonImport, runPersonImport } from '../src/services/directory/import-people.js';

const file = process.argv[2];
if (!file) {
  console.error('Uso: npm run people:import -- FILE   (formato: docs/person-directory.md)');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
const totalBytes = fs.statSync(file).size;
const bar = (fraction: number, label: string) => {
  const width = 30;
  const done = Math.round(Math.min(1, fraction) * width);
  process.stderr.write(
    `\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${String(Math.round(fraction * 100)).padStart(3)}% ${label}   `,
  );
};
try {
  await migrateDatabase(database);
  const started = performance.now();
  const input = { fileName: path.basename(file), totalBytes, startedBy: 'RIGA-DI-COMANDO' };
  const row = await beginPersonImport(database.db, input);
  const r = await runPersonImport(database.db, row.id, fs.createReadStream(file), input, (p) =>
    p.phase === 'LOADING'
      ? bar(
          (p.bytesRead / Math.max(1, totalBytes)) * 0.9,
          `${p.rowsRead.toLocaleString('it-IT')} righe lette`,
        )
      : bar(0.9, "aggiornamento dell'anagrafe…"),
  );
  bar(1, 'completato');
  process.stderr.write('\n');
  const s = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Anagrafe assistiti caricata in ${s} s (${database.kind}, importazione n. ${row.id}): righe ${r.rowsRead}, ` +
      `scartate ${r.rejected}, nuove ${r.inserted}, aggiornate ${r.updated}, invariate ${r.unchanged}.`,
  );
} catch (e) {
  process.stderr.write('\n');
  const err = e as { detail?: string; message?: string };
  console.error('Caricamento non riuscito:', err.detail ?? err.message ?? String(e));
  process.exitCode = 1;
} finally {
  await database.close();
}
