/**
 * `audit:verify`: walks each access-log chain in id order and reports the first row that breaks it:
 * a prev_hash that does not match, a hash that is not the HMAC of the row under the key it names (or
 * a key this process does not hold), an unkeyed legacy row after keyed ones or not covered by an
 * anchor (once anchors exist), or a row named by a signed anchor that is missing or different (a
 * deleted tail, a rebuilt chain). Anchors come from the `audit_anchor` table and from the export
 * file (its lines naming this database's audit_instance); one with a bad signature or an unknown key
 * is itself a break.
 *
 * Retention (retention.ts) drops whole month partitions, the oldest first, after signing a summary of
 * each. A chain then starts from the last dropped row the summaries name: its first remaining row must
 * link to that hash, no remaining row may come before it, and an anchor naming a dropped row is
 * accepted only as the summaries describe it (the last dropped row's hash, or a row inside a dropped
 * run). A summary with a bad signature, or not following the one before, is a break.
 */
import type { Db } from '../db/client.js';
import { chainRowsAfter } from '../db/repositories/access-log.js';
import { CHAIN_COUNT, GENESIS_HASH, rowHashProblem } from './access-log.js';
import { databaseIdentity, loadAnchors } from './anchor.js';
import { auditKeys, type AuditKeys } from './keys.js';
import { checkedSummaries, droppedHeads, type DroppedChain } from './retention.js';

export type VerifyResult =
  | {
      ok: true;
      rows: number;
      legacyRows: number;
      anchors: number;
      otherInstanceAnchors: number;
      /** retention summaries checked, and the rows they say were dropped */
      summaries: number;
      droppedRows: number;
    }
  | { ok: false; rows: number; brokenAtId: number; reason: string };

type Failure = Extract<VerifyResult, { ok: false }>;

/** Per chain: anchored row id → the hash the anchor signed, and where that anchor was read. */
type Checkpoints = Map<number, Map<number, Checkpoint>>;
interface Checkpoint {
  hash: string;
  source: string;
}

interface ChainResult {
  rows: number;
  legacyRows: number;
  failure?: Failure;
}

export async function verifyAccessLog(
  db: Db,
  batchSize = 5000,
  keys: AuditKeys = auditKeys(),
): Promise<VerifyResult> {
  const anchors = await anchorCheckpoints(db, keys);
  if ('failure' in anchors) return anchors.failure;
  const summaries = await checkedSummaries(db, keys);
  const badSummary = summaries.find((s) => !s.ok);
  if (badSummary)
    return { ok: false, rows: 0, brokenAtId: 0, reason: `${badSummary.reason} (${badSummary.source})` };
  const payloads = summaries.map((s) => s.payload!);
  const dropped = droppedHeads(payloads);
  const droppedRows = payloads.reduce((n, p) => n + p.rows, 0);
  let count = 0;
  let legacy = 0;
  let firstBreak: Failure | undefined;
  for (let chain = 0; chain < CHAIN_COUNT; chain++) {
    const anchored = anchors.checkpoints.get(chain) ?? new Map<number, Checkpoint>();
    // once anchors exist, an unkeyed row is genuine only if an anchor covers it (else anyone could
    // strip the key ids of a chain and recompute plain sha256 hashes); before the first anchor the
    // legacy prefix is taken as it is
    const legacyLimit = anchors.count > 0 ? Math.max(0, ...anchored.keys()) : Number.POSITIVE_INFINITY;
    const r = await verifyChain(
      db,
      chain,
      batchSize,
      keys,
      anchored,
      legacyLimit,
      dropped.get(chain),
      payloads,
    );
    count += r.rows;
    legacy += r.legacyRows;
    if (r.failure && (!firstBreak || r.failure.brokenAtId < firstBreak.brokenAtId)) firstBreak = r.failure;
  }
  if (firstBreak) return { ...firstBreak, rows: count };
  return {
    ok: true,
    rows: count,
    legacyRows: legacy,
    anchors: anchors.count,
    otherInstanceAnchors: anchors.otherInstances,
    summaries: payloads.length,
    droppedRows,
  };
}

async function anchorCheckpoints(
  db: Db,
  keys: AuditKeys,
): Promise<{ checkpoints: Checkpoints; count: number; otherInstances: number } | { failure: Failure }> {
  const { instance } = await databaseIdentity(db);
  const { checked, otherInstances } = await loadAnchors(db, instance, keys);
  const checkpoints: Checkpoints = new Map();
  const distinct = new Set<string>(); // an anchor is usually both in the table and in the file
  for (const a of checked) {
    if (!a.ok) return { failure: { ok: false, rows: 0, brokenAtId: 0, reason: `${a.reason} (${a.source})` } };
    distinct.add(JSON.stringify(a.payload));
    for (const head of a.payload.chains) {
      if (head.lastId === 0) continue;
      const points = checkpoints.get(head.chain) ?? new Map<number, Checkpoint>();
      const seen = points.get(head.lastId);
      if (seen !== undefined && seen.hash !== head.lastHash) {
        return {
          failure: {
            ok: false,
            rows: 0,
            brokenAtId: head.lastId,
            reason: `due ancore firmate danno hash diversi per la riga (${a.source})`,
          },
        };
      }
      points.set(head.lastId, { hash: head.lastHash, source: a.source });
      checkpoints.set(head.chain, points);
    }
  }
  return { checkpoints, count: distinct.size, otherInstances };
}

async function verifyChain(
  db: Db,
  chain: number,
  batchSize: number,
  keys: AuditKeys,
  anchored: Map<number, Checkpoint>,
  legacyLimit: number,
  dropped: DroppedChain | undefined,
  summaries: { chains: DroppedChain[] }[],
): Promise<ChainResult> {
  // the dropped start of the chain: the rows left follow its last row
  let prev = dropped?.lastHash ?? GENESIS_HASH;
  const droppedUpTo = dropped?.lastId ?? 0;
  let lastId = 0;
  let count = 0;
  let legacyRows = 0;
  let keyedSeen = dropped !== undefined && dropped.lastKeyId !== null;
  const fail = (id: number, reason: string): ChainResult => ({
    rows: count,
    legacyRows,
    failure: { ok: false, rows: count, brokenAtId: id, reason },
  });
  // anchors naming dropped rows: the last dropped row must have the hash the summary signed; rows
  // inside a dropped run are vouched for by the summary (verified when it was made)
  for (const [id, signed] of [...anchored]) {
    if (id > droppedUpTo) continue;
    if (id === droppedUpTo && signed.hash !== dropped!.lastHash)
      return fail(
        id,
        `l'ultima riga eliminata non corrisponde all'hash firmato nell'ancora (${signed.source})`,
      );
    const inRun = summaries.some((s) =>
      s.chains.some((c) => c.chain === chain && c.firstId <= id && id <= c.lastId),
    );
    if (!inRun)
      return fail(id, `una riga firmata in un'ancora (${signed.source}) manca e nessun riepilogo la copre`);
    anchored.delete(id);
  }
  for (;;) {
    const batch = await chainRowsAfter(db, chain, lastId, batchSize);
    if (batch.length === 0) break;
    for (const r of batch) {
      count++;
      if (r.id <= droppedUpTo)
        return fail(
          r.id,
          "riga precedente all'ultima eliminata dalla conservazione: la catena non è lineare",
        );
      if (r.prevHash !== prev) return fail(r.id, 'prev_hash non corrisponde alla riga precedente');
      // a row from before keyed hashes: accepted only ahead of every keyed row of its chain (rowHashProblem),
      // pinned by a signed anchor, and for a data read
      if (r.keyId === null && !keyedSeen) {
        if (r.id > legacyLimit) return fail(r.id, "riga senza chiave HMAC non coperta da un'ancora firmata");
        if (r.outcome !== 'OK') return fail(r.id, 'riga senza chiave HMAC con esito diverso da OK');
        legacyRows++;
      }
      const problem = rowHashProblem(r, prev, chain, keys.hmacById, keyedSeen);
      if (problem) return fail(r.id, problem);
      if (r.keyId !== null) keyedSeen = true;
      const signed = anchored.get(r.id);
      if (signed !== undefined && signed.hash !== r.hash)
        return fail(r.id, `la riga non corrisponde all'hash firmato nell'ancora (${signed.source})`);
      anchored.delete(r.id);
      prev = r.hash;
      lastId = r.id;
    }
  }
  // an anchored row never met: deleted (the tail cut after the anchor) or moved out of its chain
  const missing = [...anchored.keys()].sort((a, b) => a - b)[0];
  if (missing !== undefined) {
    const source = anchored.get(missing)!.source;
    return fail(
      missing,
      `manca una riga firmata in un'ancora (${source}): la coda della catena è stata cancellata`,
    );
  }
  return { rows: count, legacyRows };
}
