/**
 * The outbox seen from outside the worker: the figures of /metrics, the dead letters the administrator
 * sees and retries, and the retention task that deletes processed events.
 */
import { appendAdminAudit, lockAdminAudit } from '../audit/admin-audit.js';
import { forbidden, notFound } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import {
  deadLetters,
  deleteProcessedBefore,
  outboxCounts,
  requeueDeadLetter,
} from '../db/repositories/outbox-delivery.js';
import type { OutboxStats } from '../http/metrics.js';
import type { UseCaseContext } from '../services/context.js';
import type { MaintenanceTask } from './maintenance-task.js';
import { isExternal, type OutboxHandlers } from './outbox-handler.js';
import { OUTBOX_HANDLERS } from './outbox-worker.js';

/** Backlog (pending, not dead), age of the oldest pending event, dead letters: two index scans. */
export async function outboxStats(db: Db): Promise<OutboxStats> {
  const counts = await outboxCounts(db);
  return {
    backlog: counts.pending,
    oldestPendingAgeSeconds: Math.max(0, Number(counts.oldestPendingAge ?? 0)),
    dead: counts.dead,
  };
}

export interface DeadLetter {
  id: string;
  eventType: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deadAt: string;
}

const onlyAdmin = (ctx: UseCaseContext) => {
  if (ctx.actor.role !== 'ADMIN')
    throw forbidden("Gli eventi non recapitabili sono gestiti dall'amministratore.");
};

/** The dead letters, newest first: type, attempts and the stored (fixed) reason; never the payload. */
export async function listDeadLetters(ctx: UseCaseContext, limit: number): Promise<{ items: DeadLetter[] }> {
  onlyAdmin(ctx);
  const found = await deadLetters(ctx.db, limit);
  const iso = (d: Date | string) => new Date(d).toISOString();
  return {
    items: found.map((r) => ({
      id: String(r.id),
      eventType: r.event_type,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: iso(r.created_at),
      deadAt: iso(r.dead_at),
    })),
  };
}

/**
 * Puts a dead letter back in the queue (attempts from zero, due now) and, for a mail, its row back to
 * PENDING. Logged by the caller's route; the worker delivers it on its next run.
 */
export async function retryDeadLetter(
  ctx: UseCaseContext,
  id: number,
  handlers: OutboxHandlers = OUTBOX_HANDLERS,
): Promise<DeadLetter> {
  onlyAdmin(ctx);
  return ctx.db.transaction(async (tx) => {
    const event = await requeueDeadLetter(tx, id);
    if (!event) throw notFound('Nessun evento non recapitabile con questo identificativo.');
    const handler = handlers[event.event_type];
    if (handler && isExternal(handler) && handler.onRetry) await handler.onRetry(tx, event.payload);
    // issue 13 §3: the administrator's trail, in the retry's transaction
    await lockAdminAudit(tx);
    await appendAdminAudit(
      tx,
      ctx.actor,
      {
        action: 'OUTBOX_RETRIED',
        targetType: 'OUTBOX_EVENT',
        targetId: event.id,
        detail: { eventType: event.event_type },
      },
      ctx.correlationId,
      ctx.now ? ctx.now() : new Date(),
    );
    return {
      id: String(event.id),
      eventType: event.event_type,
      attempts: 0,
      lastError: null,
      createdAt: new Date(event.created_at).toISOString(),
      deadAt: new Date().toISOString(),
    };
  });
}

/** The dead letter of a mail row (for a retry from the mail outbox view). */
export { deadEventOfMail } from '../db/repositories/outbox-delivery.js';

/**
 * Deletes events processed more than `retentionDays` ago, in batches (short transactions, no long lock).
 * Dead letters are kept until an administrator retries them.
 */
export function outboxRetentionTask(
  retentionDays: number,
  everyMs = 60 * 60_000,
  batch = 5_000,
): MaintenanceTask {
  return {
    name: 'outbox-retention',
    everyMs,
    run: async (db, now) => {
      const before = new Date(now.getTime() - retentionDays * 86_400_000);
      let total = 0;
      for (;;) {
        const deleted = await deleteProcessedBefore(db, before, batch);
        total += deleted;
        if (deleted < batch) return total;
      }
    },
  };
}
