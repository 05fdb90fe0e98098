/**
 * SQL of the outbox's delivery (jobs/outbox-worker.ts decides what to do with each event) and of its
 * administration (jobs/outbox-admin.ts): the claim, the claim-token-conditional writes, the figures of
 * /metrics, the dead letters and the retention delete. Writing events is db/repositories/outbox.ts.
 *
 * The claim is a token: the attempts value it set. Every later write to the event (processed, retry,
 * dead letter, lease renewal) is conditional on it and on the event still being pending (`owned`).
 */
import { sql } from 'drizzle-orm';
import { EVENT_TYPES } from '@esenzioni/domain';
import { rows, type Tx } from '../client.js';

/** An event as claimed: `attempts` is the claim's token. */
export interface ClaimedEvent {
  id: number;
  event_type: string;
  payload: Record<string, unknown>;
  attempts: number;
}

// ---------------------------------------------------------------- delivery (the worker)

/**
 * The pick: due events in (next_attempt_at, id) order, exactly the key and predicate of the partial
 * index outbox_pending_idx (migration 0008), so it reads pending rows only, never processed ones.
 */
export const pickDue = (batch: number) =>
  sql`select id from outbox
       where processed_at is null and dead_at is null and next_attempt_at <= now()
       order by next_attempt_at, id
       limit ${batch}
       for update skip locked`;

/** Claims due events in one statement: counts the attempt and takes the lease. */
export async function claimDue(db: Tx, batch: number, leaseMs: number): Promise<ClaimedEvent[]> {
  return rows<ClaimedEvent>(
    db,
    sql`update outbox o set attempts = o.attempts + 1, next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
          from (${pickDue(batch)}) due
         where o.id = due.id
     returning o.id, o.event_type, o.payload, o.attempts`,
  );
}

/** The event is still this claim's: same attempt, still pending. */
const owned = (e: ClaimedEvent) =>
  sql`id = ${e.id} and attempts = ${e.attempts} and processed_at is null and dead_at is null`;

/** Marks the event processed if this claim still owns it; false when another process took it over. */
export const markProcessed = async (tx: Tx, e: ClaimedEvent) =>
  (
    await rows(
      tx,
      sql`update outbox set processed_at = now(), last_error = null where ${owned(e)} returning id`,
    )
  ).length === 1;

/** Extends the lease of one event before its delivery; false when the claim was lost meanwhile. */
export const renewLease = async (db: Tx, e: ClaimedEvent, leaseMs: number) =>
  (
    await rows(
      db,
      sql`update outbox set next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000}) where ${owned(e)} returning id`,
    )
  ).length === 1;

/** Makes the event a dead letter with its (fixed) reason if this claim still owns it. */
export const markDead = async (tx: Tx, e: ClaimedEvent, reason: string) =>
  (
    await rows(
      tx,
      sql`update outbox set dead_at = now(), last_error = ${reason} where ${owned(e)} returning id`,
    )
  ).length === 1;

/** Records a failure and the next attempt in `delaySeconds` if this claim still owns the event. */
export const scheduleRetry = async (db: Tx, e: ClaimedEvent, reason: string, delaySeconds: number) =>
  (
    await rows(
      db,
      sql`update outbox set last_error = ${reason}, next_attempt_at = now() + make_interval(secs => ${delaySeconds}) where ${owned(e)} returning id`,
    )
  ).length === 1;

/**
 * Marks a chunk of events processed in one statement, each only if this claim still owns it (same
 * attempt); returns how many were marked (fewer than the chunk: a claim was lost).
 */
export async function markChunkProcessed(tx: Tx, chunk: readonly ClaimedEvent[]): Promise<number> {
  const ids = `{${chunk.map((e) => e.id).join(',')}}`;
  const attempts = `{${chunk.map((e) => e.attempts).join(',')}}`;
  const marked = await rows(
    tx,
    sql`update outbox o set processed_at = now(), last_error = null
          from unnest(${ids}::bigint[], ${attempts}::int[]) as c(id, attempts)
         where o.id = c.id and o.attempts = c.attempts and o.processed_at is null and o.dead_at is null
     returning o.id`,
  );
  return marked.length;
}

// ---------------------------------------------------------------- administration

/** Backlog (pending, not dead) and age of the oldest pending event, dead letters: two index scans. */
export async function outboxCounts(
  db: Tx,
): Promise<{ pending: number; oldestPendingAge: number | null; dead: number }> {
  const [pending] = await rows<{ n: number; age: number | null }>(
    db,
    sql`select count(*)::int as n, extract(epoch from now() - min(created_at))::float8 as age
          from outbox where processed_at is null and dead_at is null`,
  );
  const [dead] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from outbox where dead_at is not null`,
  );
  return { pending: pending?.n ?? 0, oldestPendingAge: pending?.age ?? null, dead: dead?.n ?? 0 };
}

export interface DeadLetterRow {
  id: number;
  event_type: string;
  attempts: number;
  last_error: string | null;
  created_at: Date | string;
  dead_at: Date | string;
}

/** The dead letters, newest first; never the payload. */
export function deadLetters(db: Tx, limit: number): Promise<DeadLetterRow[]> {
  return rows<DeadLetterRow>(
    db,
    sql`select id, event_type, attempts, last_error, created_at, dead_at from outbox
         where dead_at is not null order by dead_at desc, id desc limit ${limit}`,
  );
}

/** Puts a dead letter back in the queue (attempts from zero, due now); undefined: no such dead letter. */
export async function requeueDeadLetter(
  tx: Tx,
  id: number,
): Promise<
  { id: number; event_type: string; payload: Record<string, unknown>; created_at: Date | string } | undefined
> {
  const [event] = await rows<{
    id: number;
    event_type: string;
    payload: Record<string, unknown>;
    created_at: Date | string;
  }>(
    tx,
    sql`update outbox set dead_at = null, attempts = 0, next_attempt_at = now(), last_error = null
         where id = ${id} and dead_at is not null
     returning id, event_type, payload, created_at`,
  );
  return event;
}

/** The newest dead letter of a mail row (for a retry from the mail outbox view). */
export async function deadEventOfMail(db: Tx, mailId: number): Promise<number | undefined> {
  const [event] = await rows<{ id: number }>(
    db,
    sql`select id from outbox where dead_at is not null and event_type = ${EVENT_TYPES.mailSend} and payload->>'mailId' = ${String(mailId)} order by id desc limit 1`,
  );
  return event ? Number(event.id) : undefined;
}

/** Deletes up to `batch` events processed before `before`; returns how many. */
export async function deleteProcessedBefore(db: Tx, before: Date, batch: number): Promise<number> {
  const deleted = await rows<{ id: number }>(
    db,
    sql`delete from outbox where id in (select id from outbox where processed_at < ${before.toISOString()}::timestamptz limit ${batch}) returning id`,
  );
  return deleted.length;
}
