/**
 * Loads data/ (ASLs, exemption codes, ICD-9-CM, exempt-service examples) into the configured database:
 * DATABASE_URL when set, else the embedded PGlite in DATA_DIR. Safe to run again: it upserts.
 *   node --import tsx packages/server/scripts/catalog-import.ts [dataDir]
 */
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { importCatalogues } from '../src/catalog/import.js';

const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateDatabase(database);
  const started = performance.now();
  const dataDir = process.argv[2];
  const counts = await importCatalogues(database.db, dataDir ? { dataDir } : {});
  const ms = Math.round(performance.now() - started);
  console.log(
    `Cataloghi importati in ${ms} ms (${database.kind}): ASL ${counts.asl}, codici di esenzione ` +
      `${counts.exemptionCodes}, diagnosi ICD-9-CM ${counts.diagnoses}, prestazioni esenti (esempi) ${counts.exemptServices}`,
  );
} catch (e) {
  console.error('Importazione non riuscita:', e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await database.close();
}
