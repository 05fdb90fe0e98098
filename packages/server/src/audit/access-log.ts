/**
 * The access log (Garante 2015): one row per person whose data a response returns, or whose data a
 * refused attempt asked for (outcome DENIED). Rows are hash-chained: each carries an HMAC-SHA256,
 * keyed with a secret kept outside the database (audit/keys.ts), of the previous row's hash and its
 * own content, so an edit made behind the append-only trigger's back is found by `npm run audit:verify`
 * even if whoever made it recomputed the hashes: without the key they cannot. The key's id is stored
 * per row (keys rotate). Rows written before keyed hashes (key_id null) keep their plain sha256 and
 * verify as such; signed anchors (audit/anchor.ts) pin the chains, legacy prefix included.
 *
 * A single chain would make every audited request in the region wait for the previous one's commit
 * (measured: bench/README.md). So there are CHAIN_COUNT independent chains; a transaction picks one
 * at random and holds only that chain's lock. Each chain is still linear and verifiable on its own.
 */
import { createHash, createHmac } from 'node:crypto';
import type { AccessAction } from '@esenzioni/domain';
import type { Tx } from '../db/client.js';
import {
  insertChainRows,
  lastChainRow,
  lockChain,
  type ChainRowValues,
} from '../db/repositories/access-log.js';
import { lastDroppedRow } from '../db/repositories/access-log-retention.js';
import type { AccessOutcome } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import { auditKeys, type HmacKey } from './keys.js';

export const GENESIS_HASH = '0'.repeat(64);
export const CHAIN_COUNT = 16;

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
  /** OK: the data was returned; DENIED: the attempt was refused */
  outcome: AccessOutcome;
}

/** OK or DENIED: the column's vocabulary (db/schema.ts ACCESS_OUTCOMES). */
export type { AccessOutcome };

/**
 * A row's keyed hash: HMAC-SHA256 of a JSON array (unambiguous whatever a field contains) of the
 * previous hash, the key id, the chain and every field, ISO time in UTC.
 */
/** The row's own fields, in column order: hashed and inserted alike. */
const rowFields = (r: AccessRowContent) => [
  r.at.toISOString(),
  r.actorUserId,
  r.actorFiscalCode,
  r.actorApiKeyId,
  r.actorRole,
  r.actorAslId,
  r.actorDistrictId,
  r.action,
  r.personFiscalCode,
  r.caseNumber,
  r.correlationId,
];

export function keyedRowHash(key: HmacKey, prevHash: string, chain: number, r: AccessRowContent): string {
  const canonical = JSON.stringify([prevHash, key.id, chain, ...rowFields(r), r.outcome]);
  return createHmac('sha256', key.secret).update(canonical).digest('hex');
}

/**
 * The unkeyed hash of rows written before keyed hashes (key_id null): anyone can recompute it, so it
 * proves nothing on its own; only an anchor signed after it pins such a row.
 */
export function legacyRowHash(prevHash: string, r: AccessRowContent): string {
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

/**
 * Why a stored row of `chain` that follows `prev` does not check out, or null when it does: a row without a
 * key (key_id null, before keyed hashes) only ahead of every keyed row of its chain (`keyedSeen`), a known
 * HMAC key, and the hash of its content. The verification and the retention's walk share it.
 */
export function rowHashProblem(
  r: AccessRowContent & { keyId: string | null; hash: string },
  prev: string,
  chain: number,
  hmacById: ReadonlyMap<string, HmacKey>,
  keyedSeen: boolean,
): string | null {
  let expected: string;
  if (r.keyId === null) {
    if (keyedSeen) return 'riga senza chiave HMAC dopo righe con chiave';
    expected = legacyRowHash(prev, r);
  } else {
    const key = hmacById.get(r.keyId);
    if (!key) return `chiave HMAC sconosciuta (${r.keyId})`;
    expected = keyedRowHash(key, prev, chain, r);
  }
  return expected === r.hash ? null : 'il contenuto della riga non corrisponde al suo hash';
}

/** The rows for what one response returns, stamped now (millisecond time, so the stored value hashes back identically). */
export function accessRows(
  actor: Actor,
  action: AccessAction,
  entries: AccessEntry[],
  correlationId: string,
  at: Date = new Date(),
  outcome: AccessOutcome = 'OK',
): AccessRowContent[] {
  const ms = new Date(Math.floor(at.getTime()));
  return entries.map((e) => ({
    at: ms,
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
    outcome,
  }));
}

/** The chain's lock and commit mode, one round trip (the SQL: db/repositories/access-log.ts). */
export { lockChain };

/**
 * Appends rows to a chain whose lock the transaction holds, each hashed on the previous one: two
 * statements, the last hash then one INSERT of every row (db/repositories/access-log.ts).
 */
export async function appendToChain(tx: Tx, chain: number, contents: AccessRowContent[]): Promise<void> {
  if (contents.length === 0) return;
  // a chain whose every row retention dropped goes on from the last dropped row (audit/retention.ts)
  const since = searchFrom(contents);
  const last = (await lastChainRow(tx, chain, since)) ?? (await lastDroppedRow(tx, chain));
  await insertChainRows(tx, chain, chainValues(chain, last, contents));
}

/**
 * Where the chain's newest row is searched from: the first day (UTC) of the month of the earliest new
 * row. Since `at` never goes back within a chain, a chain with a row since then has its newest among
 * those (db/repositories/access-log.ts `lastChainRow`).
 */
export function searchFrom(contents: AccessRowContent[]): Date {
  const since = new Date(contents.reduce((t, r) => Math.min(t, r.at.getTime()), Infinity));
  since.setUTCDate(1);
  since.setUTCHours(0, 0, 0, 0);
  return since;
}

/**
 * The rows as inserted, each hashed on the previous one from the chain's last row (none: genesis).
 * `at` never goes back within a chain (a read stamped a few ms before one queued ahead of it is
 * recorded at that one's time): each month partition then holds consecutive rows of every chain.
 */
export function chainValues(
  chain: number,
  last: { hash: string; at: Date } | undefined,
  contents: AccessRowContent[],
): ChainRowValues[] {
  let prev = last?.hash ?? GENESIS_HASH;
  let floor = last?.at.getTime() ?? 0;
  const key = auditKeys().hmac;
  return contents.map((content): ChainRowValues => {
    const r = content.at.getTime() < floor ? { ...content, at: new Date(floor) } : content;
    floor = r.at.getTime();
    const hash = keyedRowHash(key, prev, chain, r);
    const row = [...rowFields(r), prev, hash, r.outcome, key.id];
    prev = hash;
    return row;
  });
}

/**
 * Appends rows for every entry inside the caller's transaction: for state changes, whose audit row
 * must commit with the change. Reads go through `auditedRead`, which batches (access-log-writer.ts).
 */
export async function recordAccess(
  tx: Tx,
  actor: Actor,
  action: AccessAction,
  entries: AccessEntry[],
  correlationId: string,
): Promise<void> {
  if (entries.length === 0) return;
  const chain = Math.floor(Math.random() * CHAIN_COUNT);
  await lockChain(tx, chain);
  await appendToChain(tx, chain, accessRows(actor, action, entries, correlationId));
}
