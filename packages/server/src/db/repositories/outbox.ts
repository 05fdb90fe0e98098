/**
 * Writing events to the outbox. Every event is built with the domain's typed builders (events.ts), so
 * its type and payload agree with the schema its handler parses. Claiming and marking events is the
 * worker's (jobs/outbox-worker.ts).
 */
import type { OutboxEventData } from '@esenzioni/domain';
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../client.js';
import { outbox } from '../schema.js';

export async function appendEvent(tx: Tx, event: OutboxEventData): Promise<void> {
  await tx.insert(outbox).values({ eventType: event.eventType, payload: event.payload });
}

/**
 * Whether the same event is already waiting to be delivered (not yet processed, not dead): reads the
 * small partial index of pending events, never the processed history.
 */
export async function isEventPending(tx: Tx, event: OutboxEventData): Promise<boolean> {
  const found = await rows<{ one: number }>(
    tx,
    sql`select 1 as one from outbox
         where processed_at is null and dead_at is null
           and event_type = ${event.eventType} and payload @> ${JSON.stringify(event.payload)}::jsonb
         limit 1`,
  );
  return found.length > 0;
}
