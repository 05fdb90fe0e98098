/**
 * The restore drill's (scripts/test-backup.sh) starting data, quicker than the app's first start: the
 * committed migrations, the catalogues and the demo data (people, accounts, ~300 cases), but not the
 * five years of closed cases the statistics demo adds (a minute and more on the embedded database).
 * The app started afterwards finds cases and seeds nothing. Usage: DATABASE_URL=… or DATA_DIR=…
 * tsx scripts/backup-drill-seed.ts
 */
import { loadConfig } from '../packages/server/src/config.js';
import { migrateDatabase, openDatabase } from '../packages/server/src/db/client.js';
import { importCatalogues } from '../packages/server/src/catalog/import.js';
import { seedDemoData } from '../packages/server/src/seed/demo.js';

const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  const t0 = performance.now();
  await migrateDatabase(database);
  await importCatalogues(database.db, { region: config.region });
  const seeded = await seedDemoData(database.db);
  console.log(
    `seed: ${seeded.people} people, ${seeded.cases} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
} finally {
  await database.close();
}
