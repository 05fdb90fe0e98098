/**
 * `npm run audit:verify`: checks the access-log chains (keyed hashes, and the signed anchors of the
 * `audit_anchor` table and of AUDIT_ANCHOR_FILE) and reports the first broken row. It needs the same
 * keys as the application (AUDIT_HMAC_KEY, AUDIT_HMAC_PREVIOUS_KEYS, AUDIT_ANCHOR_KEY or
 * AUDIT_ANCHOR_PUBLIC_KEYS) and only SELECT on the tables. Migrations are applied first only when
 * DATABASE_MIGRATION_URL is set or on the embedded database (its first run on a fresh clone).
 */
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { verifyAccessLog } from '../src/audit/verify.js';
import { loadAuditKeys, setAuditKeys } from '../src/audit/keys.js';

const config = loadConfig();
const keys = loadAuditKeys(config.audit);
setAuditKeys(keys);
const migrationUrl = config.databaseMigrationUrl ?? (config.databaseUrl ? undefined : 'embedded');
if (migrationUrl) {
  const owner = await openDatabase({ url: config.databaseMigrationUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(owner);
  } finally {
    await owner.close();
  }
}
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  const result = await verifyAccessLog(database.db, 5000, keys);
  if (result.ok) {
    const legacy = result.legacyRows > 0 ? ` (${result.legacyRows} scritte prima delle chiavi HMAC, con sha256 semplice)` : '';
    console.log(`Registro accessi integro: ${result.rows} righe verificate${legacy}; ${result.anchors} ancore firmate controllate.`);
    if (result.anchors === 0) console.log('Attenzione: nessuna ancora firmata (npm run audit:anchor): la cancellazione delle ultime righe non sarebbe rilevata.');
  } else {
    console.error(`Registro accessi ALTERATO: la catena si interrompe alla riga id=${result.brokenAtId} (${result.reason}).`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
