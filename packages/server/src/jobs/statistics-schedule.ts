/**
 * The rebuild of the statistics tables (issue 15) on the calendar of scheduled-jobs.ts: every night at
 * 01:30 Rome on PostgreSQL, at most once an hour on PGlite (the maintenance runner). A rebuild replaces
 * everything, so an extra run is harmless; the run pg-boss sends at start-up is skipped when today's
 * rebuild is done (at 2 million cases it takes a minute: every process start would repeat it).
 */
import { todayInRome } from '@esenzioni/domain';
import { statisticsComplete, statisticsRefresh } from '../db/repositories/statistics.js';
import { refreshStatistics, STATISTICS_JOB } from '../services/statistics/refresh-statistics.js';
import type { ScheduledJob } from './scheduled-jobs.js';

export const STATISTICS_CRON = '30 1 * * *';

export function statisticsJob(): ScheduledJob {
  return {
    name: STATISTICS_JOB,
    cron: STATISTICS_CRON,
    everyMs: 60 * 60 * 1000,
    logMessage: 'statistiche ricalcolate',
    run: (db, now) => refreshStatistics(db, now),
    // today's rebuild done, by a process of this version (a migration that changes what the rebuild writes
    // must leave statisticsComplete false, or remove the refresh row, for the next start to rebuild)
    catchUpDue: async (db, now) =>
      (await statisticsRefresh(db))?.snapshotDate !== todayInRome(now) || !(await statisticsComplete(db)),
  };
}
