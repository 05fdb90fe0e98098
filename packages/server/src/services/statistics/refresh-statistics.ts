/**
 * The statistics job (issue 15 §4): rebuilds the pre-aggregated tables in one transaction, so the
 * dashboard answers from a few hundred rows at any number of cases. The flows and lead times cover the
 * whole history; backlog and exemptions in force are as of today (Rome), the day the page states.
 */
import { todayInRome } from '@esenzioni/domain';
import type { Db } from '../../db/client.js';
import { rebuildStatistics } from '../../db/repositories/statistics.js';

export const STATISTICS_JOB = 'statistics-refresh';

export async function refreshStatistics(db: Db, now: Date): Promise<number> {
  return db.transaction((tx) => rebuildStatistics(tx, todayInRome(now), now));
}
