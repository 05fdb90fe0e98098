/** What an outbox handler receives: the worker's transaction, the event's payload and its identity. */
import type { Tx } from '../db/client.js';

export interface OutboxEvent {
  id: number;
  eventType: string;
}

/**
 * Runs in the transaction that marks the event processed. Its writes should be keyed on the event id,
 * so that a re-run (crash between side effect and commit) writes nothing twice.
 */
export type OutboxHandler = (tx: Tx, payload: Record<string, unknown>, event: OutboxEvent) => Promise<void>;
