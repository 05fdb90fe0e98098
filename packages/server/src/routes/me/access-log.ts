/** The citizen's own side: who accessed my data, by page and filtered (period, kind of access). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { myAccessLogPage, myAccessLogQuery } from '@esenzioni/domain';
import type { Db } from '../../db/client.js';
import { requireActor } from '../../http/auth-plugin.js';
import { myAccessLog } from '../../services/portal/my-access-log.js';
import type { Clock } from '../../services/context.js';

export const accessLogRoutes: FastifyPluginAsyncZod<{ db: Db; now?: Clock }> = async (app, { db, now }) => {
  app.get(
    '/api/me/access-log',
    {
      schema: {
        tags: ['cittadino'],
        summary:
          'Chi ha consultato i miei dati (o di chi mi ha delegato, con onBehalfOf): per pagina, per periodo (from, to) e per tipo ' +
          '(OPERATOR: personale; MACHINE: consultazioni automatiche; CITIZEN: delegati), con i conteggi di ogni tipo',
        querystring: myAccessLogQuery,
        response: { 200: myAccessLogPage },
      },
    },
    (req) =>
      myAccessLog({ db, actor: requireActor(req, ['CITIZEN']), correlationId: req.id, now }, req.query),
  );
};
