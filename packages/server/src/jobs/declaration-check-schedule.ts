/**
 * The monthly sample of self-declarations for the art. 71 checks (issue 12 §3): on PostgreSQL a pg-boss
 * cron schedule at 00:15 Europe/Rome on the 1st of each month (singleton queue, one job sent at start-up
 * so a server down on the 1st catches up), on PGlite (one process) the maintenance runner, hourly. The
 * sampling is written once per ASL and month (declaration_check_sample's key), so any extra run is harmless.
 */
import PgBoss from 'pg-boss';
import type { Db } from '../db/client.js';
import { redactedError } from '../db/errors.js';
import { DECLARATION_CHECK_JOB, runDeclarationSampling } from '../services/checks/sample-declarations.js';
import type { MaintenanceTask } from './maintenance-task.js';

export const DECLARATION_CHECK_CRON = '15 0 1 * *';

interface Log {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** The sampling as a maintenance task (PGlite): at most once an hour; idempotent per ASL and month. */
export function declarationCheckTask(percent: number): MaintenanceTask {
  return {
    name: DECLARATION_CHECK_JOB,
    everyMs: 60 * 60 * 1000,
    run: async (db, now) => (await runDeclarationSampling(db, now, percent)).sampled,
  };
}

export async function startDeclarationCheckBoss(opts: {
  connectionString: string;
  db: Db;
  percent: number;
  log?: Log;
  clock?: () => Date;
  /** the draw (tests seed it); default Math.random */
  random?: () => number;
  /** how often the worker looks for a job (pg-boss default 2 s; tests use less) */
  pollingIntervalSeconds?: number;
}): Promise<{ stop(): Promise<void> }> {
  const clock = opts.clock ?? (() => new Date());
  const boss = new PgBoss({ connectionString: opts.connectionString, schema: 'pgboss' });
  boss.on('error', (e) => opts.log?.error({ err: redactedError(e) }, 'pg-boss: errore'));
  await boss.start();
  if (!(await boss.getQueue(DECLARATION_CHECK_JOB))) {
    try {
      await boss.createQueue(DECLARATION_CHECK_JOB, { name: DECLARATION_CHECK_JOB, policy: 'singleton' });
    } catch (e) {
      if (!(await boss.getQueue(DECLARATION_CHECK_JOB))) throw e;
    }
  }
  await boss.schedule(DECLARATION_CHECK_JOB, DECLARATION_CHECK_CRON, {}, { tz: 'Europe/Rome' });
  await boss.work(
    DECLARATION_CHECK_JOB,
    { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 },
    async () => {
      const r = await runDeclarationSampling(opts.db, clock(), opts.percent, opts.random);
      opts.log?.info(
        { task: DECLARATION_CHECK_JOB, ...r },
        'campione dei controlli sulle autocertificazioni',
      );
    },
  );
  await boss.send(DECLARATION_CHECK_JOB, {});
  return { stop: () => boss.stop({ graceful: true, wait: true }) };
}
