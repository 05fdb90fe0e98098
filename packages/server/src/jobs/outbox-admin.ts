/**
 * The outbox seen from outside the worker: the figures of /metrics, the dead letters the administrator
 * sees and retries, and the retention task that deletes processed events.
 */
import { sql } from 'drizzle-orm';
import { EVENT_TYPES, forbidden, notFound } from '@esenzioni/domain';
import { rows, type Db } from '../db/client.js';
import type { OutboxStats } from '../http/metrics.js';
import type { UseCaseContext } from '../services/context.js';
import type { MaintenanceTask } from './maintenance-task.js';
import { isExternal, type OutboxHandlers } from './outbox-handler.js';
import { OUTBOX_HANDLERS } from './outbox-worker.js';

/** Backlog (pending, not dead), age of the oldest pending event, dead letters: two index scans. */
export async function outboxStats(db: Db): Promise<OutboxStats> {
  const [pending] = await rows<{ n: number; age: number | null }>(
    db,
    sql`select count(*)::int as n, extract(epoch from now() - min(created_at))::float8 as age
          from outbox where processed_at is null and dead_at is null`,
  );
  const [dead] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from outbox where dead_at is not null`,
  );
  return {
    backlog: pending?.n ?? 0,
    oldestPendingAgeSeconds: Math.max(0, Number(pending?.age ?? 0)),
    dead: dead?.n ?? 0,
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
  const found = await rows<{
    id: number;
    event_type: string;
    attempts: number;
    last_error: string | null;
    created_at: Date | string;
    dead_at: Date | string;
  }>(
    ctx.db,
    sql`select id, event_type, attempts, last_error, created_at, dead_at from outbox
         where dead_at is not null order by dead_at desc, id desc limit ${limit}`,
  );
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
    if (!event) throw notFound('Nessun evento non recapitabile con questo identificativo.');
    const handler = handlers[event.event_type];
    if (handler && isExternal(handler) && handler.onRetry) await handler.onRetry(tx, event.payload);
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
export async function deadEventOfMail(db: Db, mailId: number): Promise<number | undefined> {
  const [event] = await rows<{ id: number }>(
    db,
    sql`select id from outbox where dead_at is not null and event_type = ${EVENT_TYPES.mailSend} and payload->>'mailId' = ${String(mailId)} order by id desc limit 1`,
  );
  return event ? Number(event.id) : undefined;
}

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
        const deleted = await rows<{ id: number }>(
          db,
          sql`delete from outbox where id in (select id from outbox where processed_at < ${before.toISOString()}::timestamptz limit ${batch}) returning id`,
        );
        total += deleted.length;
        if (deleted.length < batch) return total;
      }
    },
  };
}
