/**
 * The expiry sweep on pg-boss (PostgreSQL only; pg-boss needs a real server): a cron schedule daily at
 * 00:05 Europe/Rome, on a 'singleton' queue (at most one job active at a time across every process), and
 * one job sent at start-up, so a server that was down for days catches up at once instead of at the next
 * 00:05. pg-boss keeps its tables in its own schema `pgboss`. The schedule is keyed by the queue name:
 * every process that starts registers the same one row.
 */
import PgBoss from 'pg-boss';
import type { Db } from '../db/client.js';
import { redactedError } from '../db/errors.js';
import { EXPIRY_JOB, runExpirySweep } from './expiry.js';

export const EXPIRY_CRON = '5 0 * * *';
export const EXPIRY_TZ = 'Europe/Rome';

interface Log {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ExpiryBossOptions {
  connectionString: string;
  db: Db;
  warningDays: number;
  log?: Log;
  clock?: () => Date;
  /** how often the worker looks for a job (pg-boss default 2 s; tests use less) */
  pollingIntervalSeconds?: number;
  /** false: no job at start-up (tests that check the schedule alone) */
  runAtStart?: boolean;
}

export interface ExpiryBoss {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startExpiryBoss(opts: ExpiryBossOptions): Promise<ExpiryBoss> {
  const clock = opts.clock ?? (() => new Date());
  const boss = new PgBoss({ connectionString: opts.connectionString, schema: 'pgboss' });
  boss.on('error', (e) => opts.log?.error({ err: redactedError(e) }, 'pg-boss: errore'));
  await boss.start();
  if (!(await boss.getQueue(EXPIRY_JOB))) {
    try {
      await boss.createQueue(EXPIRY_JOB, { name: EXPIRY_JOB, policy: 'singleton' });
    } catch (e) {
      // another process created it between our check and our insert
      if (!(await boss.getQueue(EXPIRY_JOB))) throw e;
    }
  }
  await boss.schedule(EXPIRY_JOB, EXPIRY_CRON, {}, { tz: EXPIRY_TZ });
  await boss.work(
    EXPIRY_JOB,
    { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 },
    async () => {
      const r = await runExpirySweep(opts.db, clock(), opts.warningDays);
      opts.log?.info({ task: EXPIRY_JOB, ...r }, 'scadenze aggiornate');
    },
  );
  if (opts.runAtStart !== false) await boss.send(EXPIRY_JOB, {});
  return { boss, stop: () => boss.stop({ graceful: true, wait: true }) };
}
