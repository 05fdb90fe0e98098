/**
 * The maintenance runner: runs each MaintenanceTask at most once per its period across all processes.
 *
 * A process claims a task's period with one conditional upsert on job_run (migration 0008): the row's
 * last_run_at moves to `now` only when it is at least `everyMs` old, and only the process whose upsert
 * returned the row runs the task; the others see no row and skip. The clock is injected (tests move it),
 * a tick never overlaps the previous one, and a failing task is logged, counted and survived (it runs
 * again next period).
 */
import type { FastifyBaseLogger } from 'fastify';
import { redactedError } from '../db/errors.js';
import type { Db } from '../db/client.js';
import { claimJobPeriod } from '../db/repositories/job-run.js';
import { jobMetrics } from '../http/metrics.js';
import type { MaintenanceTask } from './maintenance-task.js';

export type Clock = () => Date;

export interface TaskOutcome {
  name: string;
  ran: boolean;
  rows?: number;
  error?: string;
}

/** Claims the task's current period; true when this process is the one to run it. */
async function claimPeriod(db: Db, task: MaintenanceTask, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const due = new Date(now.getTime() - task.everyMs).toISOString();
  return claimJobPeriod(db, task.name, at, due);
}

/** One pass over the tasks: each runs when its period is due and no other process claimed it. */
export async function runMaintenanceOnce(
  db: Db,
  tasks: MaintenanceTask[],
  now: Date,
  log?: Pick<FastifyBaseLogger, 'info' | 'error'>,
): Promise<TaskOutcome[]> {
  const outcomes: TaskOutcome[] = [];
  for (const task of tasks) {
    try {
      if (!(await claimPeriod(db, task, now))) {
        outcomes.push({ name: task.name, ran: false });
        continue;
      }
      const count = await task.run(db, now);
      jobMetrics.maintenanceRuns.inc({ task: task.name, outcome: 'ok' });
      jobMetrics.maintenanceRows.inc({ task: task.name }, count);
      log?.info({ task: task.name, rows: count }, 'manutenzione eseguita');
      outcomes.push({ name: task.name, ran: true, rows: count });
    } catch (e) {
      jobMetrics.maintenanceRuns.inc({ task: task.name, outcome: 'error' });
      log?.error(
        { task: task.name, err: redactedError(e as Error) },
        'manutenzione non riuscita: nuovo tentativo al prossimo periodo',
      );
      outcomes.push({ name: task.name, ran: true, error: (e as Error).name });
    }
  }
  return outcomes;
}

export interface MaintenanceRunner {
  stop(): Promise<void>;
  /** runs one pass now (after the current one, never alongside it): for tests and start-up */
  tick(): Promise<TaskOutcome[]>;
}

/** Checks the tasks every `tickMs` (a task's own period decides whether it runs). */
export function startMaintenance(
  db: Db,
  tasks: MaintenanceTask[],
  opts: { log?: Pick<FastifyBaseLogger, 'info' | 'error'>; clock?: Clock; tickMs?: number } = {},
): MaintenanceRunner {
  const clock = opts.clock ?? (() => new Date());
  let chain: Promise<TaskOutcome[]> = Promise.resolve([]);
  // ticks are chained: a slow pass delays the next one instead of overlapping it
  const tick = () => {
    chain = chain.catch(() => []).then(() => runMaintenanceOnce(db, tasks, clock(), opts.log));
    return chain;
  };
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void tick().finally(() => {
      running = false;
    });
  }, opts.tickMs ?? 60_000);
  timer.unref();
  return {
    tick,
    stop: async () => {
      clearInterval(timer);
      await chain.catch(() => undefined);
    },
  };
}
