/**
 * The access log (Garante 2015): one row per person whose data a response returns. Rows are
 * hash-chained: each carries the sha256 of the previous row's hash and its own content, so an edit
 * made behind the append-only trigger's back is found by `npm run audit:verify`.
 *
 * A single chain would make every audited request in the region wait for the previous one's commit
 * (measured: bench/README.md). So there are CHAIN_COUNT independent chains; a transaction picks one
 * at random and holds only that chain's lock. Each chain is still linear and verifiable on its own.
 */
import { createHash } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { AccessAction } from '@esenzioni/domain';
import type { Tx } from '../db/client.js';
import { accessLog } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';

export const GENESIS_HASH = '0'.repeat(64);
export const CHAIN_COUNT = 16;
/** Serialises writers of one chain (transaction-scoped advisory lock: class, chain). */
const CHAIN_LOCK_CLASS = 727_002;

export interface AccessEntry {
  personFiscalCode: string;
  caseNumber?: string | null;
}

export interface AccessRowContent {
  at: Date;
  actorUserId: number | null;
  actorFiscalCode: string | null;
  actorApiKeyId: number | null;
  actorRole: string;
  actorAslId: string | null;
  actorDistrictId: string | null;
  action: string;
  personFiscalCode: string;
  caseNumber: string | null;
  correlationId: string;
}

/** The canonical text hashed for a row: stable field order, ISO time in UTC. */
export function rowHash(prevHash: string, r: AccessRowContent): string {
  const canonical = [
    prevHash,
    r.at.toISOString(),
    r.actorUserId ?? '',
    r.actorFiscalCode ?? '',
    r.actorApiKeyId ?? '',
    r.actorRole,
    r.actorAslId ?? '',
    r.actorDistrictId ?? '',
    r.action,
    r.personFiscalCode,
    r.caseNumber ?? '',
    r.correlationId,
  ].join('|');
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends rows for every entry; call inside the transaction that reads or changes the data. */
export async function recordAccess(
  tx: Tx,
  actor: Actor,
  action: AccessAction,
  entries: AccessEntry[],
  correlationId: string,
): Promise<void> {
  if (entries.length === 0) return;
  const chain = Math.floor(Math.random() * CHAIN_COUNT);
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK_CLASS}, ${chain})`);
  const last = await tx
    .select({ hash: accessLog.hash })
    .from(accessLog)
    .where(eq(accessLog.chain, chain))
    .orderBy(desc(accessLog.id))
    .limit(1);
  let prev = last[0]?.hash ?? GENESIS_HASH;
  // microsecond precision is lost in JS Dates; use a millisecond time so the stored value hashes back identically
  const at = new Date(Math.floor(Date.now()));
  const values = entries.map((e) => {
    const content: AccessRowContent = {
      at,
      actorUserId: actor.userId,
      actorFiscalCode: actor.fiscalCode,
      actorApiKeyId: actor.apiKeyId,
      actorRole: actor.role,
      actorAslId: actor.aslId,
      actorDistrictId: actor.districtId,
      action,
      personFiscalCode: e.personFiscalCode,
      caseNumber: e.caseNumber ?? null,
      correlationId,
    };
    const hash = rowHash(prev, content);
    const row = { ...content, chain, prevHash: prev, hash };
    prev = hash;
    return row;
  });
  await tx.insert(accessLog).values(values);
}
