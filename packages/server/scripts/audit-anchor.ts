/**
 * `npm run audit:anchor`: signs the last id and hash of every access-log chain now, stores the anchor
 * in `audit_anchor` and appends it to AUDIT_ANCHOR_FILE (the maintenance task does the same every 15
 * minutes; run this right after upgrading to keyed hashes, before and after any operation on the
 * database, or from cron).
 */
import { loadConfig } from '../src/config.js';
import { writeAnchor } from '../src/audit/anchor.js';
import { openAuditDatabase } from './audit-database.js';

const { database, keys } = await openAuditDatabase(loadConfig());
try {
  const anchor = await writeAnchor(database.db, new Date(), keys);
  const chains = anchor.parsed.chains.filter((c) => c.lastId > 0).length;
  console.log(
    `Ancora firmata (chiave ${anchor.keyId}): ${chains} catene non vuote su ${anchor.parsed.chains.length}; esportata in ${keys.anchorFile}.`,
  );
} finally {
  await database.close();
}
