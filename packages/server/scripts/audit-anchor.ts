/**
 * `npm run audit:anchor`: signs the last id and hash of every access-log chain now, stores the anchor
 * in `audit_anchor` and appends it to AUDIT_ANCHOR_FILE (the maintenance task does the same every 15
 * minutes; run this before and after an operation on the database, or from cron).
 */
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { loadAuditKeys, setAuditKeys } from '../src/audit/keys.js';
import { writeAnchor } from '../src/audit/anchor.js';

const config = loadConfig();
const keys = loadAuditKeys(config.audit);
setAuditKeys(keys);
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  const anchor = await writeAnchor(database.db, new Date(), keys);
  const rows = anchor.parsed.chains.filter((c) => c.lastId > 0).length;
  console.log(`Ancora firmata (chiave ${anchor.keyId}): ${rows} catene non vuote su ${anchor.parsed.chains.length}; esportata in ${keys.anchorFile}.`);
} finally {
  await database.close();
}
