/**
 * The access log's month partitions and its retention (issue 16 §4, docs/audit-retention.md).
 *
 * Partitions: `ensureAccessLogPartitions` creates the current month's and the next two (migration 0030's
 * access_log_ensure_partitions; the default partition takes a row whose month has none, and its rows
 * move into their month once that is created). It runs every hour and before each retention run.
 *
 * Retention: a month partition whose month ended at least AUDIT_RETENTION_MONTHS months ago (24 at
 * least: the Garante's guidelines on the health dossier, 4 June 2015) is dropped, oldest first, each in
 * one transaction that first
 * - checks that the partition's rows are, for every chain, the start of what is left of it (nothing of
 *   the chain outside the partition comes before its last row), link to the summary of the month dropped
 *   before (or to the genesis), and verify: prev hashes and keyed hashes, row after row;
 * - records a summary, signed with the anchors' Ed25519 key (keys.ts): per chain the row count and the
 *   first and last id, hash and time, with the month and the partition's name, in the append-only
 *   `access_log_retention`;
 * - drops the partition through access_log_drop_partition, which refuses unless the summary is there
 *   with the partition's exact row count and the month is old enough by the database's clock too.
 * `audit:verify` then starts each chain from its last dropped hash (verify.ts). Idempotent: a second run
 * finds nothing to drop. Several processes: an advisory lock serialises runs and partition creation.
 */
import { sign, verify as verifySignature } from 'node:crypto';
import type { Db, Tx } from '../db/client.js';
import {
  dropPartition,
  ensurePartitions,
  expiredPartitions,
  insertRetentionSummary,
  lockPartitions,
  monthChainRows,
  retentionSummaries,
  rowsBeforeOutside,
  withoutStatementTimeout,
  type MonthPartition,
} from '../db/repositories/access-log-retention.js';
import { CHAIN_COUNT, GENESIS_HASH, rowHashProblem } from './access-log.js';
import { databaseIdentity } from './anchor.js';
import { auditKeys, type AuditKeys } from './keys.js';
import type { MaintenanceTask } from '../jobs/maintenance-task.js';
import type { ScheduledJob } from '../jobs/scheduled-jobs.js';

/** The Garante's guidelines (health dossier, 4 June 2015) keep access logs at least 24 months. */
export const MIN_RETENTION_MONTHS = 24;
/** Months created ahead of the current one. */
export const MONTHS_AHEAD = 2;

export interface DroppedChain {
  chain: number;
  rows: number;
  firstId: number;
  /** the hash the chain's first dropped row linked to (the previous summary's lastHash, or the genesis) */
  firstPrevHash: string;
  firstHash: string;
  firstAt: string;
  lastId: number;
  lastHash: string;
  lastAt: string;
  /** null: the last dropped row was an unkeyed legacy row */
  lastKeyId: string | null;
}

/** The signed text of a retention summary. */
export interface RetentionPayload {
  v: 1;
  kind: 'access-log-retention';
  /** when the partition was dropped */
  at: string;
  instance: string;
  db: string;
  /** YYYY-MM-01 (Europe/Rome) */
  month: string;
  partition: string;
  retentionMonths: number;
  rows: number;
  chains: DroppedChain[];
}

export interface CheckedSummary {
  ok: boolean;
  source: string;
  reason?: string;
  payload?: RetentionPayload;
}

/** Creates the months from `now`'s to MONTHS_AHEAD later; returns how many partitions were created. */
export function ensureAccessLogPartitions(db: Db, now: Date): Promise<number> {
  const to = new Date(now);
  to.setUTCMonth(to.getUTCMonth() + MONTHS_AHEAD);
  return db.transaction((tx) => ensurePartitions(tx, now, to));
}

export class RetentionRefused extends Error {
  override name = 'RetentionRefused';
}

export interface RetentionOutcome {
  partitions: { name: string; month: string; rows: number }[];
  rows: number;
}

/** Drops every expired month partition, oldest first, each after its signed summary. */
export async function runAccessLogRetention(
  db: Db,
  now: Date,
  retentionMonths: number,
  keys: AuditKeys = auditKeys(),
): Promise<RetentionOutcome> {
  if (!Number.isInteger(retentionMonths) || retentionMonths < MIN_RETENTION_MONTHS)
    throw new RetentionRefused(
      `Conservazione del registro accessi di ${retentionMonths} mesi rifiutata: almeno ${MIN_RETENTION_MONTHS}.`,
    );
  const signer = keys.anchorSigner;
  if (!signer) throw new RetentionRefused('Nessuna chiave per firmare il riepilogo (AUDIT_ANCHOR_KEY).');
  await ensureAccessLogPartitions(db, now);
  const outcome: RetentionOutcome = { partitions: [], rows: 0 };
  for (const p of await expiredPartitions(db, now, retentionMonths)) {
    const rows = await db.transaction(async (tx) => {
      await lockPartitions(tx);
      await withoutStatementTimeout(tx);
      // another process may have dropped it meanwhile
      const still = await expiredPartitions(tx, now, retentionMonths);
      if (!still.some((s) => s.name === p.name)) return null;
      const payload = await summarise(tx, p, now, retentionMonths, keys);
      const text = JSON.stringify(payload);
      const signature = sign(null, Buffer.from(text), signer.privateKey).toString('base64');
      await insertRetentionSummary(tx, {
        at: now,
        month: p.month,
        partitionName: p.name,
        rowCount: payload.rows,
        keyId: signer.id,
        payload: text,
        signature,
      });
      return dropPartition(tx, p.name, retentionMonths, now);
    });
    if (rows === null) continue;
    outcome.partitions.push({ name: p.name, month: p.month, rows });
    outcome.rows += rows;
  }
  return outcome;
}

/** Each chain's last dropped row so far, from the (already checked) summaries. */
export function droppedHeads(summaries: RetentionPayload[]): Map<number, DroppedChain> {
  const heads = new Map<number, DroppedChain>();
  for (const s of summaries) for (const c of s.chains) heads.set(c.chain, c);
  return heads;
}

async function summarise(
  tx: Tx,
  p: MonthPartition,
  now: Date,
  retentionMonths: number,
  keys: AuditKeys,
): Promise<RetentionPayload> {
  const earlier = await checkedSummaries(tx, keys);
  const broken = earlier.find((s) => !s.ok);
  if (broken)
    throw new RetentionRefused(`Riepilogo precedente non valido: ${broken.reason} (${broken.source}).`);
  const heads = droppedHeads(earlier.map((s) => s.payload!));
  const chains: DroppedChain[] = [];
  for (let chain = 0; chain < CHAIN_COUNT; chain++) {
    const before = heads.get(chain);
    const c = await checkSegment(
      tx,
      p,
      chain,
      before?.lastHash ?? GENESIS_HASH,
      before?.lastKeyId != null,
      keys,
    );
    if (!c) continue;
    if ((await rowsBeforeOutside(tx, p.name, chain, c.lastId)) > 0)
      throw new RetentionRefused(
        `${p.name}, catena ${chain}: righe di altri mesi precedono l'ultima del mese (id=${c.lastId}); la partizione non è l'inizio della catena.`,
      );
    chains.push(c);
  }
  const { instance, database } = await databaseIdentity(tx as Db);
  return {
    v: 1,
    kind: 'access-log-retention',
    at: now.toISOString(),
    instance,
    db: database,
    month: p.month,
    partition: p.name,
    retentionMonths,
    rows: chains.reduce((n, c) => n + c.rows, 0),
    chains,
  };
}

/**
 * The month's rows of a chain, in order (null: none): the first must follow the last row dropped before
 * (or the genesis), each links to the previous and hashes back (keyed, or legacy before keyed rows).
 * Returns what the summary records of the chain.
 */
async function checkSegment(
  tx: Tx,
  p: MonthPartition,
  chain: number,
  startPrev: string,
  keyedBefore: boolean,
  keys: AuditKeys,
): Promise<DroppedChain | null> {
  let prev = startPrev;
  let lastId = 0;
  let keyedSeen = keyedBefore;
  let summary: DroppedChain | null = null;
  const refuse = (id: number, why: string) =>
    new RetentionRefused(`${p.name}, catena ${chain}, riga id=${id}: ${why}; nulla è stato eliminato.`);
  for (;;) {
    const batch = await monthChainRows(tx, p.month, chain, lastId, 5000);
    if (batch.length === 0) return summary;
    for (const r of batch) {
      if (r.prevHash !== prev)
        throw refuse(
          r.id,
          summary
            ? 'prev_hash non corrisponde alla riga precedente'
            : "la prima riga del mese non segue l'ultima già eliminata o l'inizio della catena",
        );
      const problem = rowHashProblem(r, prev, chain, keys.hmacById, keyedSeen);
      if (problem) throw refuse(r.id, problem);
      if (r.keyId !== null) keyedSeen = true;
      summary ??= {
        chain,
        rows: 0,
        firstId: r.id,
        firstPrevHash: r.prevHash,
        firstHash: r.hash,
        firstAt: r.at.toISOString(),
        lastId: r.id,
        lastHash: r.hash,
        lastAt: r.at.toISOString(),
        lastKeyId: r.keyId,
      };
      summary.rows++;
      summary.lastId = r.id;
      summary.lastHash = r.hash;
      summary.lastAt = r.at.toISOString();
      summary.lastKeyId = r.keyId;
      prev = r.hash;
      lastId = r.id;
    }
  }
}

/**
 * The stored summaries, each checked: signature under a known anchor key, this database's instance, and
 * per chain linked to the one before (a chain's first dropped row follows the previous summary's last).
 */
export async function checkedSummaries(db: Tx, keys: AuditKeys): Promise<CheckedSummary[]> {
  const stored = await retentionSummaries(db);
  if (stored.length === 0) return [];
  const { instance } = await databaseIdentity(db as Db);
  const heads = new Map<number, string>();
  return stored.map((s) => {
    const source = `access_log_retention id=${s.id}`;
    const key = keys.anchorVerifiers.get(s.keyId);
    if (!key)
      return { ok: false, source, reason: `riepilogo firmato con una chiave sconosciuta (${s.keyId})` };
    if (!verifySignature(null, Buffer.from(s.payload), key, Buffer.from(s.signature, 'base64')))
      return { ok: false, source, reason: 'firma del riepilogo di conservazione non valida' };
    const payload = JSON.parse(s.payload) as RetentionPayload;
    if (payload.instance !== instance)
      return { ok: false, source, reason: "riepilogo di un'altra istanza del database" };
    if (payload.partition !== s.partitionName || payload.month !== s.month || payload.rows !== s.rowCount)
      return { ok: false, source, reason: 'il riepilogo non corrisponde alla sua riga' };
    for (const c of payload.chains) {
      if (c.firstPrevHash !== (heads.get(c.chain) ?? GENESIS_HASH))
        return { ok: false, source, reason: `catena ${c.chain}: il riepilogo non segue il precedente` };
      heads.set(c.chain, c.lastHash);
    }
    return { ok: true, source, payload };
  });
}

/** Hourly: the current month's partition and the next ones exist (all processes; idempotent). */
export const accessLogPartitionsTask: MaintenanceTask = {
  name: 'audit-partitions',
  everyMs: 60 * 60_000,
  run: (db, now) => ensureAccessLogPartitions(db, now),
};

/** Every night at 02:40 Rome on PostgreSQL (pg-boss), at most every 6 hours on PGlite (the maintenance runner). */
export const RETENTION_CRON = '40 2 * * *';

export function accessLogRetentionJob(retentionMonths: number): ScheduledJob {
  return {
    name: 'audit-retention',
    cron: RETENTION_CRON,
    everyMs: 6 * 60 * 60_000,
    logMessage: 'registro accessi: partizioni scadute eliminate dopo il riepilogo firmato',
    run: async (db, now) => (await runAccessLogRetention(db, now, retentionMonths)).rows,
  };
}
