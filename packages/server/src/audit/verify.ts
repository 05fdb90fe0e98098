/** Walks each access-log chain in id order and reports the first row whose hash does not match. */
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { accessLog } from '../db/schema.js';
import { CHAIN_COUNT, GENESIS_HASH, rowHash } from './access-log.js';

export type VerifyResult = { ok: true; rows: number } | { ok: false; rows: number; brokenAtId: number; reason: string };

export async function verifyAccessLog(db: Db, batchSize = 5000): Promise<VerifyResult> {
  let count = 0;
  let firstBreak: Extract<VerifyResult, { ok: false }> | undefined;
  for (let chain = 0; chain < CHAIN_COUNT; chain++) {
    const r = await verifyChain(db, chain, batchSize);
    count += r.rows;
    if (!r.ok && (!firstBreak || r.brokenAtId < firstBreak.brokenAtId)) firstBreak = r;
  }
  return firstBreak ? { ...firstBreak, rows: count } : { ok: true, rows: count };
}

async function verifyChain(db: Db, chain: number, batchSize: number): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let count = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.chain, chain), gt(accessLog.id, lastId)))
      .orderBy(asc(accessLog.id))
      .limit(batchSize);
    if (batch.length === 0) return { ok: true, rows: count };
    for (const r of batch) {
      count++;
      if (r.prevHash !== prev) {
        return { ok: false, rows: count, brokenAtId: r.id, reason: 'prev_hash non corrisponde alla riga precedente' };
      }
      const expected = rowHash(prev, {
        at: r.at,
        actorUserId: r.actorUserId,
        actorFiscalCode: r.actorFiscalCode,
        actorApiKeyId: r.actorApiKeyId,
        actorRole: r.actorRole,
        actorAslId: r.actorAslId,
        actorDistrictId: r.actorDistrictId,
        action: r.action,
        personFiscalCode: r.personFiscalCode,
        caseNumber: r.caseNumber,
        correlationId: r.correlationId,
      });
      if (expected !== r.hash) {
        return { ok: false, rows: count, brokenAtId: r.id, reason: 'il contenuto della riga non corrisponde al suo hash' };
      }
      prev = r.hash;
      lastId = r.id;
    }
  }
}
