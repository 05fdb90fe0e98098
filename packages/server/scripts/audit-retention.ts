/**
 * `npm run audit:retention`: what the nightly job does (audit/retention.ts), by hand: creates the access
 * log's partitions of this month and the next two, then drops each month partition older than
 * AUDIT_RETENTION_MONTHS (24 at least) after recording its signed summary in access_log_retention.
 * Needs the anchor's signing key (AUDIT_ANCHOR_KEY) and the app role's rights (the dropping is done by
 * the migration's guarded function). `--dry-run` lists what would be dropped and drops nothing.
 */
import { loadConfig } from '../src/config.js';
import { expiredPartitions } from '../src/db/repositories/access-log-retention.js';
import { ensureAccessLogPartitions, runAccessLogRetention } from '../src/audit/retention.js';
import { openAuditDatabase } from './audit-database.js';

const config = loadConfig();
const dryRun = process.argv.includes('--dry-run');
const { database, keys } = await openAuditDatabase(config);
try {
  const now = new Date();
  const months = config.auditRetentionMonths;
  if (dryRun) {
    const created = await ensureAccessLogPartitions(database.db, now);
    const expired = await expiredPartitions(database.db, now, months);
    console.log(
      `Conservazione ${months} mesi: ${created} partizioni create; da eliminare: ${expired.map((p) => p.name).join(', ') || 'nessuna'}.`,
    );
  } else {
    const outcome = await runAccessLogRetention(database.db, now, months, keys);
    if (outcome.partitions.length === 0)
      console.log(`Conservazione ${months} mesi: nessuna partizione del registro accessi è scaduta.`);
    for (const p of outcome.partitions)
      console.log(
        `Eliminata ${p.name} (${p.month.slice(0, 7)}): ${p.rows} righe, riepilogo firmato registrato.`,
      );
  }
} catch (e) {
  console.error(`Conservazione del registro accessi non eseguita: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
