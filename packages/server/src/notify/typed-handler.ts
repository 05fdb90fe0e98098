/**
 * Every handler reads its event's payload through the schema of its type (domain events.ts). A payload
 * that does not parse can never be delivered: the handler fails permanently, so the worker makes the
 * event a dead letter at once, with a text naming the event type and the fields in error, never their
 * values (a payload holds fiscal codes).
 */
import { parsePayload, type EventType, type PayloadOf } from '@esenzioni/domain';
import type { Tx } from '../db/client.js';
import { DeliveryError, type OutboxEvent, type OutboxHandler } from '../jobs/outbox-handler.js';

/** The typed payload of an event of `eventType`, or a permanent DeliveryError (dead letter). */
export function payloadOf<T extends EventType>(eventType: T, payload: unknown): PayloadOf<T> {
  const r = parsePayload(eventType, payload);
  if (!r.ok) throw new DeliveryError(true, r.problem);
  return r.payload;
}

/** An outbox handler of `eventType` that receives the parsed payload. */
export const typedHandler =
  <T extends EventType>(
    eventType: T,
    handle: (tx: Tx, payload: PayloadOf<T>, event: OutboxEvent) => Promise<void>,
  ): OutboxHandler =>
  (tx, payload, event) =>
    handle(tx, payloadOf(eventType, payload), event);
