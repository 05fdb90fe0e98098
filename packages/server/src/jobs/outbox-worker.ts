/**
 * Delivers outbox events after commit: polls pending rows (SKIP LOCKED, so several processes can run),
 * hands each to its handler, marks it processed, or schedules a retry with exponential back-off.
 * An event is marked processed in the same transaction as its handler's writes: never handled twice.
 */
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { redactedError } from '../db/errors.js';
import type { Db } from '../db/client.js';
import { rows } from '../db/client.js';
import type { OutboxHandler } from './outbox-handler.js';
import { notificationHandlers } from '../notify/handlers.js';

export type { OutboxHandler, OutboxEvent } from './outbox-handler.js';

/**
 * Handlers by event type, without SMTP (e-mails kept in mail_outbox); main.ts passes the handlers
 * with the configured mailer. Events without a handler are acknowledged (nothing to deliver yet).
 */
export const OUTBOX_HANDLERS: Record<string, OutboxHandler> = notificationHandlers(null);

const MAX_ATTEMPTS = 10;

export async function processOutboxOnce(db: Db, handlers = OUTBOX_HANDLERS, batch = 20): Promise<number> {
  let done = 0;
  for (let i = 0; i < batch; i++) {
    const handled = await db.transaction(async (tx) => {
      const [event] = await rows<{ id: number; event_type: string; payload: Record<string, unknown>; attempts: number }>(
        tx,
        sql`select id, event_type, payload, attempts from outbox
            where processed_at is null and next_attempt_at <= now() and attempts < ${MAX_ATTEMPTS}
            order by id limit 1 for update skip locked`,
      );
      if (!event) return false;
      const handler = handlers[event.event_type];
      try {
        if (handler) await tx.transaction(async (inner) => handler(inner, event.payload, { id: Number(event.id), eventType: event.event_type }));
        await tx.execute(sql`update outbox set processed_at = now(), attempts = attempts + 1, last_error = null where id = ${event.id}`);
      } catch (e) {
        const delaySeconds = Math.min(3600, 2 ** event.attempts * 5);
        await tx.execute(sql`update outbox set attempts = attempts + 1, last_error = ${redactedError(e as Error).message.slice(0, 500)},
          next_attempt_at = now() + make_interval(secs => ${delaySeconds}) where id = ${event.id}`);
      }
      return true;
    });
    if (!handled) break;
    done++;
  }
  return done;
}

export function startOutboxWorker(db: Db, log: FastifyBaseLogger, intervalMs = 1000, handlers = OUTBOX_HANDLERS) {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    running = processOutboxOnce(db, handlers).catch((e: unknown) => log.error({ err: redactedError(e as Error) }, 'outbox worker failed'));
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
