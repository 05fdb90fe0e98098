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
import { sql } from 'drizzle-orm';
import type { AccessAction } from '@esenzioni/domain';
import { rows, type Tx } from '../db/client.js';
import type { AccessOutcome } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import { auditKeys, type HmacKey } from './keys.js';

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

/**
 * Takes the chain's lock (transaction-scoped) and sets how the transaction commits, in one round
 * trip: durably by default — if the server or the role runs with `synchronous_commit = off`, this
 * transaction still waits for the WAL flush (stronger settings, e.g. remote_apply, are kept) — or,
 * only if asked (AUDIT_READS_SYNCHRONOUS=false), without waiting. The last hash must then be read in
 * a statement of its own, whose snapshot is taken after the lock is held.
 */
export async function lockChain(tx: Tx, chain: number, asynchronousCommit = false): Promise<void> {
  await tx.execute(
    asynchronousCommit
      ? sql`select set_config('synchronous_commit', 'off', true), pg_advisory_xact_lock(${CHAIN_LOCK_CLASS}, ${chain})`
      : sql`select set_config('synchronous_commit',
                case current_setting('synchronous_commit') when 'off' then 'on' else current_setting('synchronous_commit') end, true),
              pg_advisory_xact_lock(${CHAIN_LOCK_CLASS}, ${chain})`,
  );
}

/**
 * Appends rows to a chain whose lock the transaction holds, each hashed on the previous one. The rows
 * travel as one JSON parameter (one INSERT whatever their number, no per-value query building);
 * `ordinality` keeps their order, so ids follow the chain.
 */
export async function appendToChain(tx: Tx, chain: number, contents: AccessRowContent[]): Promise<void> {
  if (contents.length === 0) return;
  const [last] = await rows<{ hash: string }>(
    tx,
    sql`select hash from access_log where chain = ${chain} order by id desc limit 1`,
  );
  let prev = last?.hash ?? GENESIS_HASH;
  const key = auditKeys().hmac;
  const values = contents.map((r) => {
    const hash = keyedRowHash(key, prev, chain, r);
    const row = [...rowFields(r), prev, hash, r.outcome, key.id];
    prev = hash;
    return row;
  });
  await tx.execute(sql`
    insert into access_log (at, actor_user_id, actor_fiscal_code, actor_api_key_id, actor_role, actor_asl_id,
      actor_district_id, action, person_fiscal_code, case_number, correlation_id, chain, prev_hash, hash, outcome, key_id)
    select (v->>0)::timestamptz, (v->>1)::bigint, v->>2, (v->>3)::bigint, v->>4, v->>5,
      v->>6, v->>7, v->>8, v->>9, v->>10, ${chain}, v->>11, v->>12, v->>13, v->>14
    from jsonb_array_elements(${JSON.stringify(values)}::jsonb) with ordinality as r(v, n)
    order by n`);
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
