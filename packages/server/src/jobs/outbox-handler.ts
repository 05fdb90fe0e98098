/**
 * What the outbox worker hands an event to. Two kinds:
 * - an OutboxHandler writes only to the database: it runs in the transaction that marks the event
 *   processed, so its writes happen exactly once;
 * - an ExternalDelivery makes a network call (SMTP): it runs outside any transaction (a hung server must
 *   not hold a database connection), must be idempotent (it may run again after a crash between the
 *   call and the record), and returns what to record, which runs in the transaction that marks the
 *   event processed.
 */
import type { Db, Tx } from '../db/client.js';

export interface OutboxEvent {
  id: number;
  eventType: string;
  /** 1 on the first delivery attempt */
  attempt: number;
}

/**
 * Runs in the transaction that marks the event processed. Its writes should be keyed on the event id,
 * so that a re-run (crash between side effect and commit) writes nothing twice.
 */
export type OutboxHandler = (tx: Tx, payload: Record<string, unknown>, event: OutboxEvent) => Promise<void>;

/** Records the outcome of an external delivery, in the transaction that marks the event processed. */
export type OutboxRecord = (tx: Tx) => Promise<void>;

export interface ExternalDelivery {
  /** the network call, outside any transaction; reads with `db` (autocommit); throws DeliveryError on failure */
  deliver(db: Db, payload: Record<string, unknown>, event: OutboxEvent): Promise<OutboxRecord | undefined>;
  /**
   * When set, this delivery needs no network call after all (e.g. no SMTP server configured: the mail is
   * kept) and the worker runs it like a database handler, in the transaction that marks it processed.
   */
  inTransaction?: OutboxHandler;
  /** in the transaction that makes the event a dead letter (e.g. the mail row becomes DEAD) */
  onDead?(tx: Tx, payload: Record<string, unknown>, reason: string): Promise<void>;
  /** after this many failed attempts the event is a dead letter (default: the worker's maxAttempts) */
  maxAttempts?: number;
  /** in the transaction that brings a dead letter back to pending (admin retry) */
  onRetry?(tx: Tx, payload: Record<string, unknown>): Promise<void>;
}

export type OutboxHandlers = Record<string, OutboxHandler | ExternalDelivery>;

export const isExternal = (h: OutboxHandler | ExternalDelivery): h is ExternalDelivery =>
  typeof h !== 'function';

/** The handler to run inside the processing transaction, if the event needs no network call. */
export function localHandlerOf(
  h: OutboxHandler | ExternalDelivery | undefined,
): OutboxHandler | 'none' | undefined {
  if (!h) return 'none';
  if (!isExternal(h)) return h;
  return h.inTransaction;
}

/**
 * A failed delivery, told apart: permanent (an SMTP 5xx rejection: retrying cannot help, the event
 * becomes a dead letter at once) or transient (network, timeout, SMTP 4xx: retried with back-off).
 * `safeText` is what is stored and logged: a code and a fixed text, never the remote server's words
 * (they echo recipients' addresses).
 */
export class DeliveryError extends Error {
  constructor(
    readonly permanent: boolean,
    readonly safeText: string,
  ) {
    super(safeText);
    this.name = 'DeliveryError';
  }
}
