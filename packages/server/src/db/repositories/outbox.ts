/**
 * Writing events to the outbox. Every event is built with the domain's typed builders (events.ts), so
 * its type and payload agree with the schema its handler parses. Claiming and marking events is the
 * worker's (jobs/outbox-worker.ts).
 */
import type { OutboxEventData } from '@esenzioni/domain';
import type { Tx } from '../client.js';
import { outbox } from '../schema.js';

export async function appendEvent(tx: Tx, event: OutboxEventData): Promise<void> {
  await tx.insert(outbox).values({ eventType: event.eventType, payload: event.payload });
}
