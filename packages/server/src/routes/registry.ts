/** Registry (AURA) lookup for prescribers: GP profiles and API clients with a bearer key. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { registryQuery, registryResponse } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { requireActor } from '../http/auth-plugin.js';
import { registryLookup } from '../services/registry/registry-lookup.js';
import type { Clock } from '../services/context.js';

export const registryRoutes: FastifyPluginAsyncZod<{ db: Db; now?: Clock }> = async (app, { db, now }) => {
  app.get(
    '/api/registry/exemptions',
    {
      schema: {
        tags: ['anagrafe'],
        summary: 'Esenzioni valide di un assistito a una data',
        querystring: registryQuery,
        response: { 200: registryResponse },
        security: [{ session: [] }, { bearer: [] }],
      },
    },
    (req) =>
      registryLookup(
        { db, actor: requireActor(req, ['GP', 'DISTRICT_OPERATOR'], true), correlationId: req.id, now },
        req.query.fiscalCode,
        req.query.date,
        req.query.code,
      ),
  );
};
