/**
 * After a point-in-time restore: the audit anchors a restored database must still satisfy.
 *
 * The anchor export file (AUDIT_ANCHOR_FILE) lives outside the database, so after a restore to time T it
 * still holds the anchors signed after T, which name access-log rows the restore has (rightly) not
 * brought back: `audit:verify` reports them as a deleted tail, which is exactly what a restore to T is.
 * This writes the anchors signed at or before T to a NEW file: `audit:verify` with AUDIT_ANCHOR_FILE pointing to it proves the restored log intact up
 * to T, and the restored server writes its new anchors there. The old file is kept, unchanged, as the
 * record of what the restore gave up (docs/backup-restore.md §5).
 *
 *   npx tsx ops/backup/anchors-until.ts OLD_FILE 'TARGET_TIME' NEW_FILE
 *
 * An anchor's time is the app server's clock when it signed (keep the hosts on NTP); T is compared as
 * an instant, so any ISO 8601 / PostgreSQL timestamptz text with an offset works.
 */
import fs from 'node:fs';

const [oldFile, targetText, newFile] = process.argv.slice(2);
const target = Date.parse((targetText ?? '').replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
if (!oldFile || !newFile || Number.isNaN(target)) {
  console.error("usage: anchors-until.ts OLD_FILE 'TARGET_TIME' NEW_FILE");
  process.exit(2);
}
if (fs.existsSync(newFile)) {
  console.error(`anchors-until: ${newFile} exists; give a new file (the old one stays as it is)`);
  process.exit(2);
}

let kept = 0;
let dropped = 0;
const out: string[] = [];
for (const line of fs.readFileSync(oldFile, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  let at: number;
  try {
    at = Date.parse((JSON.parse((JSON.parse(line) as { payload: string }).payload) as { at: string }).at);
  } catch {
    console.error(`anchors-until: a line of ${oldFile} is not an anchor; nothing written`);
    process.exit(1);
  }
  if (at <= target) {
    out.push(line);
    kept++;
  } else dropped++;
}
fs.writeFileSync(newFile, out.map((l) => `${l}\n`).join(''), { mode: 0o600, flag: 'wx' });
console.log(
  `anchors-until: ${kept} anchors up to the target kept in ${newFile}; ${dropped} later ones left out`,
);
