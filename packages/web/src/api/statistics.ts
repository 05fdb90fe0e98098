/** Issue 15: the statistics dashboard (aggregates only) and the export of its tables. */
import type { StatisticsDashboard } from '@esenzioni/domain';
import { get, queryString } from './client';

export interface StatFilters {
  from?: string;
  to?: string;
  asl?: string;
  district?: string;
  family?: string;
  code?: string;
}

export const statisticsDashboard = (f: StatFilters, signal?: AbortSignal) =>
  get<StatisticsDashboard>(`/api/statistics/dashboard${queryString({ ...f })}`, signal);

/** The download link of one table (a plain GET: the session cookie goes with it). */
export const statisticsExportUrl = (f: StatFilters, table: string, format: 'csv' | 'xlsx') =>
  `/api/statistics/export${queryString({ ...f, table, format })}`;
