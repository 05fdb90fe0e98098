/**
 * The database of the audit scripts, with the keys installed. Migrations are applied first only with
 * the owner's DATABASE_MIGRATION_URL, or on the embedded database (a fresh clone's first run); on
 * PostgreSQL the scripts otherwise need only the app role's SELECT and INSERT.
 */
import type { Config } from '../src/config.js';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';
import { loadAuditKeys, setAuditKeys, type AuditKeys } from '../src/audit/keys.js';

export async function openAuditDatabase(config: Config): Promise<{ database: Database; keys: AuditKeys }> {
  const keys = loadAuditKeys(config.audit);
  setAuditKeys(keys);
  if (config.databaseMigrationUrl || !config.databaseUrl) {
    const owner = await openDatabase({ url: config.databaseMigrationUrl, dataDir: config.dataDir });
    try {
      await migrateDatabase(owner);
    } finally {
      await owner.close();
    }
  }
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  return { database, keys };
}
