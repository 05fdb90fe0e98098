/** The citizen's own side: who accessed my data. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessLogResponse, onBehalfOfQuery } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { requireActor } from '../http/auth-plugin.js';
import { myAccessLog } from '../services/my-access-log.js';

export const meRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/me/access-log',
    {
      schema: {
        tags: ['cittadino'],
        summary: 'Chi ha consultato i miei dati (o di chi mi ha delegato, con onBehalfOf)',
        querystring: onBehalfOfQuery,
        response: { 200: accessLogResponse },
      },
    },
    async (req) => ({ items: await myAccessLog({ db, actor: requireActor(req, ['CITIZEN']), correlationId: req.id }, 500, req.query.onBehalfOf) }),
  );
};
