/**
 * Jobs that run on a calendar (the daily expiry sweep, the monthly sample of self-declarations): each is
 * a maintenance task (on PGlite, one process, the maintenance runner runs it at most once an hour) with a
 * cron schedule for PostgreSQL, where one pg-boss instance per process registers every schedule (keyed by
 * the queue name: every process registers the same rows) on 'singleton' queues (at most one job of a name
 * active at a time across processes) and sends one job of each at start-up, so a server that was down
 * catches up at once (unless the job's `catchUpDue` says its last run is recent enough). pg-boss keeps its
 * tables in its own schema `pgboss`. Every run is idempotent.
 */
import PgBoss from 'pg-boss';
import type { Db } from '../db/client.js';
import { redactedError } from '../db/errors.js';
import type { MaintenanceTask } from './maintenance-task.js';

/** Calendars are Rome's. */
export const SCHEDULE_TZ = 'Europe/Rome';

export interface ScheduledJob extends MaintenanceTask {
  /** pg-boss cron, in SCHEDULE_TZ */
  cron: string;
  /** the log line of a run */
  logMessage: string;
  /**
   * For the run each process sends at start-up: whether it is still needed (a job whose last run is
   * recent enough says false, and a restart does not repeat a long rebuild). Absent: always run.
   */
  catchUpDue?(db: Db, now: Date): Promise<boolean>;
}

/** The data of the job each process sends at start-up. */
interface JobData {
  catchUp?: boolean;
}

interface Log {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ScheduledJobs {
  boss: PgBoss;
  /**
   * Takes the next job of `name` waiting on its queue, runs it and completes it; false when none can be
   * taken (none waiting, or one already active: singleton). The workers do this on their own; tests call
   * it to run a job without waiting for a poll.
   */
  runNext(name: string): Promise<boolean>;
  stop(): Promise<void>;
}

export async function startScheduledJobs(opts: {
  connectionString: string;
  db: Db;
  jobs: readonly ScheduledJob[];
  log?: Log;
  clock?: () => Date;
  /** false: no workers (tests drive the queues with runNext) */
  work?: boolean;
}): Promise<ScheduledJobs> {
  const clock = opts.clock ?? (() => new Date());
  const boss = new PgBoss({ connectionString: opts.connectionString, schema: 'pgboss' });
  boss.on('error', (e) => opts.log?.error({ err: redactedError(e) }, 'pg-boss: errore'));
  await boss.start();
  const run = async (job: ScheduledJob, data: JobData | null | undefined) => {
    const now = clock();
    if (data?.catchUp && job.catchUpDue && !(await job.catchUpDue(opts.db, now))) {
      opts.log?.info({ task: job.name }, 'avvio: esecuzione non necessaria, già aggiornato');
      return;
    }
    const rows = await job.run(opts.db, now);
    opts.log?.info({ task: job.name, rows }, job.logMessage);
  };
  for (const job of opts.jobs) {
    if (!(await boss.getQueue(job.name))) {
      try {
        await boss.createQueue(job.name, { name: job.name, policy: 'singleton' });
      } catch (e) {
        // another process created it between our check and our insert
        if (!(await boss.getQueue(job.name))) throw e;
      }
    }
    await boss.schedule(job.name, job.cron, {}, { tz: SCHEDULE_TZ });
    if (opts.work !== false)
      await boss.work<JobData>(job.name, { batchSize: 1 }, ([next]) => run(job, next?.data));
    await boss.send(job.name, { catchUp: true } satisfies JobData);
  }
  return {
    boss,
    runNext: async (name) => {
      const job = opts.jobs.find((j) => j.name === name);
      const [next] = job ? await boss.fetch<JobData>(name) : [];
      if (!job || !next) return false;
      await run(job, next.data);
      await boss.complete(name, next.id);
      return true;
    },
    stop: () => boss.stop({ graceful: true, wait: true }),
  };
}
