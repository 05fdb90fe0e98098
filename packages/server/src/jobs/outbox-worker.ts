/**
 * Delivers outbox events after commit.
 *
 * A run claims up to `batch` due events in ONE short statement (FOR UPDATE SKIP LOCKED on the partial
 * index of pending rows, so several processes share the work and processed rows are never read): the
 * claim counts the attempt and pushes next_attempt_at forward by the lease, so a process that dies
 * mid-delivery leaves its events to be picked again when the lease ends. Each event is then handled
 * with no transaction held across a network call:
 * - a database handler runs in a short transaction that also marks the event processed (exactly once);
 * - an external delivery (SMTP) runs outside any transaction; its outcome is recorded in a second
 *   short transaction (at least once: the Message-ID is fixed per mail).
 * A failure is recorded with a fixed text (never the remote server's words): transient ones are retried
 * with exponential back-off, permanent ones and the last attempt become dead letters (dead_at) that
 * the administrator sees and may retry (jobs/outbox-admin.ts).
 *
 * The claim is a token: the attempts value it set. Every later write to the event (processed, retry,
 * dead letter, lease renewal) is conditional on it (and on the event still being pending), so a process
 * whose lease ran out (a slow SMTP server, a long queue in the run) and whose events another process
 * claimed meanwhile changes nothing: its outcome is dropped ('lost' in the metrics, a debug line).
 * Before each external delivery the lease is renewed under that condition, so an event still waiting in
 * a run is never delivered by a process that no longer owns it, and the lease must only outlast ONE
 * delivery, not a whole run.
 *
 * One loop per process (startOutboxWorker) waits for each run before the next: no overlap, stoppable.
 */
import type { FastifyBaseLogger } from 'fastify';
import { redactedError } from '../db/errors.js';
import { kindOf, type Db } from '../db/client.js';
import {
  claimDue,
  markChunkProcessed,
  markDead,
  markProcessed,
  renewLease,
  scheduleRetry,
  type ClaimedEvent,
} from '../db/repositories/outbox-delivery.js';
import { pgErrorOf } from '../db/errors.js';
import { jobMetrics } from '../http/metrics.js';
import { notificationHandlers } from '../notify/handlers.js';
import {
  DeliveryError,
  isExternal,
  localHandlerOf,
  type OutboxEvent,
  type OutboxHandlers,
} from './outbox-handler.js';

export type { OutboxHandler, OutboxEvent, OutboxHandlers, ExternalDelivery } from './outbox-handler.js';

/**
 * Handlers by event type, without SMTP (e-mails kept in mail_outbox); main.ts passes the handlers
 * with the configured mailer. Events without a handler are acknowledged (nothing to deliver yet).
 */
export const OUTBOX_HANDLERS: OutboxHandlers = notificationHandlers(null);

export interface OutboxOptions {
  /** events claimed per run (one statement) */
  batch?: number;
  /** events handled at once within a run (PostgreSQL; PGlite has one connection: 1) */
  concurrency?: number;
  /** after this many failed attempts the event is a dead letter */
  maxAttempts?: number;
  /** how long a claimed event is reserved for this process; must outlast one delivery (SMTP timeouts) */
  leaseMs?: number;
  log?: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'> & Partial<Pick<FastifyBaseLogger, 'debug'>>;
}

type RunOptions = Required<Omit<OutboxOptions, 'log'>> & Pick<OutboxOptions, 'log'>;

export const OUTBOX_DEFAULTS = { batch: 100, concurrency: 8, maxAttempts: 10, leaseMs: 5 * 60_000 } as const;

type Claimed = ClaimedEvent;

/** Seconds before attempt n+1 after n failures: 5 s, 10 s, 20 s … at most an hour. */
export const backoffSeconds = (attempt: number) => Math.min(3600, 5 * 2 ** Math.max(0, attempt - 1));

/** The stored and logged text of a failure: a code, never a message that may carry personal data. */
export function safeFailureText(e: unknown): string {
  if (e instanceof DeliveryError) return e.safeText;
  const pg = pgErrorOf(e);
  if (pg?.code) return `errore del database ${pg.code}`;
  return `errore interno (${e instanceof Error ? e.name : typeof e})`;
}

/** The pick (the claim's subquery; db/repositories/outbox-delivery.ts), for the index test. */
export { pickDue } from '../db/repositories/outbox-delivery.js';

/** Thrown inside a transaction to roll it back when the claim turned out to be lost. */
class ClaimLost extends Error {
  constructor() {
    super('outbox claim lost');
    this.name = 'ClaimLost';
  }
}

function lost(e: Claimed, opts: RunOptions, stage: string) {
  // debug only: expected when a lease runs out, and the other process reports the real outcome
  opts.log?.debug?.(
    { eventId: Number(e.id), eventType: e.event_type, attempt: e.attempts, stage },
    'outbox: claim scaduto, esito ignorato',
  );
  return 'lost' as const;
}

/** Handles one claimed event; returns the outcome counted in the metrics. */
async function handle(db: Db, handlers: OutboxHandlers, e: Claimed, opts: RunOptions) {
  const event: OutboxEvent = { id: Number(e.id), eventType: e.event_type, attempt: e.attempts };
  const handler = handlers[e.event_type];
  const local = localHandlerOf(handler);
  try {
    if (handler && isExternal(handler) && !local) {
      if (!(await renewLease(db, e, opts.leaseMs))) return lost(e, opts, 'before delivery');
      const record = await handler.deliver(db, e.payload, event);
      // the record of a delivery that DID happen is kept even when the claim was lost meanwhile (it
      // states a fact, e.g. mail SENT, so the new owner sends nothing); only the event is left alone
      const mine = await db.transaction(async (tx) => {
        if (record) await record(tx);
        return markProcessed(tx, e);
      });
      return mine ? ('processed' as const) : lost(e, opts, 'after delivery');
    }
    await db.transaction(async (tx) => {
      if (local && local !== 'none') await local(tx, e.payload, event);
      if (!(await markProcessed(tx, e))) throw new ClaimLost();
    });
    return 'processed' as const;
  } catch (err) {
    if (err instanceof ClaimLost) return lost(e, opts, 'database handler');
    return recordFailure(db, handlers, e, event, err, opts);
  }
}

async function recordFailure(
  db: Db,
  handlers: OutboxHandlers,
  e: Claimed,
  event: OutboxEvent,
  err: unknown,
  opts: RunOptions,
) {
  const reason = safeFailureText(err);
  const own = handlers[e.event_type];
  const maxAttempts = (own && isExternal(own) ? own.maxAttempts : undefined) ?? opts.maxAttempts;
  const dead = (err instanceof DeliveryError && err.permanent) || event.attempt >= maxAttempts;
  // no address, no payload: the event's id and type, the attempt and a fixed text
  const line = { eventId: event.id, eventType: event.eventType, attempt: event.attempt, reason };
  // the type and PostgreSQL code only: a handler's message may quote the payload
  if (!(err instanceof DeliveryError))
    opts.log?.error(
      { ...line, errorType: err instanceof Error ? err.name : typeof err, pgCode: pgErrorOf(err)?.code },
      'outbox: handler failed',
    );
  if (dead) {
    const handler = handlers[e.event_type];
    const mine = await db.transaction(async (tx) => {
      if (!(await markDead(tx, e, reason))) return false;
      if (handler && isExternal(handler) && handler.onDead) await handler.onDead(tx, e.payload, reason);
      return true;
    });
    if (!mine) return lost(e, opts, 'dead letter');
    opts.log?.warn(line, 'outbox: evento non recapitabile (dead letter), serve un amministratore');
    return 'dead' as const;
  }
  const delay = backoffSeconds(event.attempt);
  if (!(await scheduleRetry(db, e, reason, delay))) return lost(e, opts, 'retry');
  opts.log?.warn({ ...line, retryInSeconds: delay }, 'outbox: consegna non riuscita, nuovo tentativo');
  return 'retry' as const;
}

/** Runs `work` over `items` with at most `limit` at once. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * The database handlers of a chunk of events in ONE transaction, marked processed together: the common
 * case costs one begin/commit per chunk instead of per event. Any failure rolls the chunk back and its
 * events are then handled one by one, so one bad event cannot hold up the others.
 */
async function handleChunk(db: Db, handlers: OutboxHandlers, chunk: Claimed[]): Promise<boolean> {
  try {
    await db.transaction(async (tx) => {
      for (const e of chunk) {
        const local = localHandlerOf(handlers[e.event_type]);
        if (local && local !== 'none')
          await local(tx, e.payload, { id: Number(e.id), eventType: e.event_type, attempt: e.attempts });
      }
      // each event only if this claim still owns it (same attempt); one lost → the chunk goes one by one
      if ((await markChunkProcessed(tx, chunk)) !== chunk.length) throw new ClaimLost();
    });
    for (const e of chunk)
      jobMetrics.outboxDeliveries.inc({ event_type: e.event_type, outcome: 'processed' });
    return true;
  } catch {
    return false;
  }
}

/** One run: claims a batch and handles it; returns how many events were claimed (0: nothing due). */
export async function processOutboxOnce(
  db: Db,
  handlers: OutboxHandlers = OUTBOX_HANDLERS,
  options: OutboxOptions = {},
): Promise<number> {
  const opts = { ...OUTBOX_DEFAULTS, ...options };
  const claimed = await claimDue(db, opts.batch, opts.leaseMs);
  const concurrency = kindOf(db) === 'pglite' ? 1 : opts.concurrency;
  const isLocal = (e: Claimed) => localHandlerOf(handlers[e.event_type]) !== undefined;
  // database-only events in `concurrency` chunks; external deliveries (network) one by one
  const local = claimed.filter(isLocal);
  const size = Math.max(1, Math.ceil(local.length / concurrency));
  const chunks = Array.from({ length: Math.ceil(local.length / size) }, (_, i) =>
    local.slice(i * size, (i + 1) * size),
  );
  let firstError: unknown;
  const one = async (e: Claimed) => {
    try {
      const outcome = await handle(db, handlers, e, opts);
      jobMetrics.outboxDeliveries.inc({ event_type: e.event_type, outcome });
    } catch (err) {
      // the failure could not even be recorded (database away): the lease brings the event back later
      firstError ??= err;
    }
  };
  await Promise.all([
    eachLimited(chunks, concurrency, async (chunk) => {
      if (!(await handleChunk(db, handlers, chunk))) for (const e of chunk) await one(e);
    }),
    eachLimited(
      claimed.filter((e) => !isLocal(e)),
      concurrency,
      one,
    ),
  ]);
  if (firstError) throw firstError;
  return claimed.length;
}

export interface OutboxWorker {
  stop(): Promise<void>;
  /** resolves when the current run (if any) is over: for tests */
  idle(): Promise<void>;
}

/**
 * The one worker loop of a process: a run, then (when nothing was due, or after an error) a pause of
 * `idleMs`, then the next run. A run never starts before the previous one ended.
 */
export function startOutboxWorker(
  db: Db,
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>,
  idleMs = 1000,
  handlers: OutboxHandlers = OUTBOX_HANDLERS,
  options: OutboxOptions = {},
): OutboxWorker {
  let stopped = false;
  let wake: (() => void) | null = null;
  let failing = false;
  const pause = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, idleMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  let current: Promise<unknown> = Promise.resolve();
  const loop = async () => {
    while (!stopped) {
      let claimed = 0;
      try {
        current = processOutboxOnce(db, handlers, { log, ...options });
        claimed = (await current) as number;
        if (failing) log.info('outbox: il database risponde di nuovo, consegne riprese');
        failing = false;
      } catch (e) {
        // logged once per outage, not once per second
        if (!failing)
          log.error(
            { err: redactedError(e as Error) },
            'outbox: esecuzione non riuscita (database non disponibile?), nuovo tentativo',
          );
        failing = true;
      }
      if (!stopped && (claimed === 0 || failing)) await pause();
    }
  };
  const done = loop();
  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await done;
    },
    idle: async () => {
      await current.catch(() => undefined);
    },
  };
}
