/**
 * The administrator's audit trail (issue 13 §3): one row per change made through the administration
 * API, written in the change's own transaction, so the change and its row commit together or not at
 * all. Rows form one hash chain in the style of the access log (audit/access-log.ts): each carries an
 * HMAC-SHA256, with the same key kept outside the database (audit/keys.ts), of the previous row's hash
 * and its own content; the table is append-only (trigger, migration 0028). `npm run audit:verify`
 * walks the chain (verifyAdminAudit below) and names the first row that does not match.
 *
 * Administration changes are rare, so a single chain is enough: its advisory lock also serialises the
 * last-administrator check (services/admin/users.ts).
 */
import { createHmac } from 'node:crypto';
import type { Db, Tx } from '../db/client.js';
import {
  adminAuditAfter,
  insertAdminAudit,
  lastAdminAuditHash,
  lockAdminChain,
} from '../db/repositories/administration.js';
import type { Actor } from '../auth/actor.js';
import { GENESIS_HASH } from './access-log.js';
import { auditKeys, type AuditKeys, type HmacKey } from './keys.js';

export interface AdminAuditContent {
  at: Date;
  actorUserId: number | null;
  actorRole: string;
  action: string;
  targetType: string;
  targetId: string;
  /** canonical JSON text of the change (never a secret) */
  detail: string;
  correlationId: string;
}

export function adminRowHash(key: HmacKey, prevHash: string, r: AdminAuditContent): string {
  const canonical = JSON.stringify([
    prevHash,
    key.id,
    r.at.toISOString(),
    r.actorUserId,
    r.actorRole,
    r.action,
    r.targetType,
    r.targetId,
    r.detail,
    r.correlationId,
  ]);
  return createHmac('sha256', key.secret).update(canonical).digest('hex');
}

/** Takes the chain's lock; the caller then checks and changes, then `appendAdminAudit`. */
export const lockAdminAudit = (tx: Tx): Promise<void> => lockAdminChain(tx);

export interface AdminChange {
  action: string;
  targetType: string;
  targetId: string | number;
  detail?: Record<string, unknown>;
}

/** Appends the change's row; the transaction must hold the chain's lock (`lockAdminAudit`). */
export async function appendAdminAudit(
  tx: Tx,
  actor: Actor,
  change: AdminChange,
  correlationId: string,
  at: Date,
): Promise<number> {
  const prev = (await lastAdminAuditHash(tx)) ?? GENESIS_HASH;
  const key = auditKeys().hmac;
  const content: AdminAuditContent = {
    at: new Date(Math.floor(at.getTime())),
    actorUserId: actor.userId,
    actorRole: actor.role,
    action: change.action,
    targetType: change.targetType,
    targetId: String(change.targetId),
    detail: JSON.stringify(change.detail ?? {}),
    correlationId,
  };
  return insertAdminAudit(tx, {
    ...content,
    prevHash: prev,
    hash: adminRowHash(key, prev, content),
    keyId: key.id,
  });
}

export type AdminVerifyResult =
  { ok: true; rows: number } | { ok: false; rows: number; brokenAtId: number; reason: string };

/** Walks the chain in id order; the first row whose link or HMAC does not match breaks it. */
export async function verifyAdminAudit(
  db: Db,
  batchSize = 5000,
  keys: AuditKeys = auditKeys(),
): Promise<AdminVerifyResult> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let count = 0;
  for (;;) {
    const batch = await adminAuditAfter(db, lastId, batchSize);
    if (batch.length === 0) break;
    for (const r of batch) {
      count++;
      const fail = (reason: string): AdminVerifyResult => ({
        ok: false,
        rows: count,
        brokenAtId: r.id,
        reason,
      });
      if (r.prevHash !== prev) return fail('prev_hash non corrisponde alla riga precedente');
      const key = keys.hmacById.get(r.keyId);
      if (!key) return fail(`chiave HMAC sconosciuta (${r.keyId})`);
      if (adminRowHash(key, prev, r) !== r.hash)
        return fail('il contenuto della riga non corrisponde al suo hash');
      prev = r.hash;
      lastId = r.id;
    }
  }
  return { ok: true, rows: count };
}
