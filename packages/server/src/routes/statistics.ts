/**
 * Statistics for the ASL managers and the Region (issue 15): the dashboard's figures and the export of
 * each of its tables as CSV or XLSX. Aggregates only; the scope (an ASL manager's own ASL) is enforced by
 * the use case.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  statisticsDashboard as dashboardSchema,
  statisticsExportQuery,
  statisticsQuery,
} from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { readOnPrimary, type ReadOn } from '../db/replica.js';
import { requireActor } from '../http/auth-plugin.js';
import type { Clock } from '../services/context.js';
import { exportStatistics } from '../services/statistics/export-statistics.js';
import { statisticsDashboard } from '../services/statistics/statistics-dashboard.js';
import { STATISTICS_ROLES } from '../services/statistics/statistics-filter.js';

const tags = ['statistiche'];

export const statisticsRoutes: FastifyPluginAsyncZod<{ db: Db; now?: Clock; readOn?: ReadOn }> = async (
  app,
  { db, now, readOn = readOnPrimary(db) },
) => {
  app.get(
    '/api/statistics/dashboard',
    {
      schema: {
        tags,
        summary: 'Cruscotto statistico (solo aggregati; celle sotto 5 persone oscurate)',
        querystring: statisticsQuery,
        response: { 200: dashboardSchema },
      },
    },
    async (req) => {
      const actor = requireActor(req, STATISTICS_ROLES);
      // issue 16: aggregates only (no access-log row): the whole dashboard may read on the replica
      return readOn((readDb) =>
        statisticsDashboard({ db: readDb, actor, correlationId: req.id, now }, req.query),
      );
    },
  );

  app.get(
    '/api/statistics/export',
    {
      schema: {
        tags,
        summary: 'Esporta una tabella del cruscotto in CSV o XLSX, con i filtri nel file',
        querystring: statisticsExportQuery,
      },
    },
    async (req, reply) => {
      const file = await exportStatistics(
        { db, actor: requireActor(req, STATISTICS_ROLES), correlationId: req.id, now },
        req.query,
      );
      return reply
        .header('Content-Type', file.contentType)
        .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );
};
