/**
 * `npm run audit:verify`: checks the access-log chains (keyed hashes, and the signed anchors of the
 * `audit_anchor` table and of AUDIT_ANCHOR_FILE) and reports the first broken row. It needs the same
 * keys as the application (AUDIT_HMAC_KEY, AUDIT_HMAC_PREVIOUS_KEYS, AUDIT_ANCHOR_KEY or
 * AUDIT_ANCHOR_PUBLIC_KEYS) and only SELECT on the tables (migrations: scripts/audit-database.ts).
 */
import { loadConfig } from '../src/config.js';
import { verifyAccessLog } from '../src/audit/verify.js';
import { verifyAdminAudit } from '../src/audit/admin-audit.js';
import { openAuditDatabase } from './audit-database.js';

const { database, keys } = await openAuditDatabase(loadConfig());
try {
  const result = await verifyAccessLog(database.db, 5000, keys);
  if (result.ok) {
    const legacy =
      result.legacyRows > 0
        ? ` (${result.legacyRows} scritte prima delle chiavi HMAC, con sha256 semplice)`
        : '';
    console.log(
      `Registro accessi integro: ${result.rows} righe verificate${legacy}; ${result.anchors} ancore firmate controllate.`,
    );
    if (result.summaries > 0)
      console.log(
        `${result.summaries} riepiloghi firmati della conservazione controllati: ${result.droppedRows} righe più vecchie eliminate per scadenza; le catene ripartono dai loro ultimi hash.`,
      );
    if (result.otherInstanceAnchors > 0)
      console.log(
        `${result.otherInstanceAnchors} righe del file delle ancore riguardano altri database e non sono state controllate.`,
      );
    if (result.anchors === 0)
      console.log(
        'Attenzione: nessuna ancora firmata (npm run audit:anchor): la cancellazione delle ultime righe non sarebbe rilevata.',
      );
  } else {
    console.error(
      `Registro accessi ALTERATO: la catena si interrompe alla riga id=${result.brokenAtId} (${result.reason}).`,
    );
    process.exitCode = 1;
  }
  // issue 13 §3: the administrator's trail, its own chain under the same HMAC keys
  const admin = await verifyAdminAudit(database.db, 5000, keys);
  if (admin.ok) console.log(`Registro dell'amministrazione integro: ${admin.rows} righe verificate.`);
  else {
    console.error(
      `Registro dell'amministrazione ALTERATO: la catena si interrompe alla riga id=${admin.brokenAtId} (${admin.reason}).`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
