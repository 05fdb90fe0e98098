/** Registry (AURA) lookup for prescribers: GP profiles and API clients with a bearer key. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { registryQuery, registryResponse } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { readOnPrimary, type ReadOn } from '../db/replica.js';
import { requireActor } from '../http/auth-plugin.js';
import { registryLookup } from '../services/registry/registry-lookup.js';
import type { Clock } from '../services/context.js';

export const registryRoutes: FastifyPluginAsyncZod<{ db: Db; now?: Clock; readOn?: ReadOn }> = async (
  app,
  { db, now, readOn = readOnPrimary(db) },
) => {
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
    (req) => {
      const actor = requireActor(req, ['GP', 'DISTRICT_OPERATOR'], true);
      // issue 16: the replica when it is within its lag bound; the access-log row goes to the primary
      return readOn((readDb) =>
        registryLookup(
          { db, readDb, actor, correlationId: req.id, now },
          req.query.fiscalCode,
          req.query.date,
          req.query.code,
        ),
      );
    },
  );
};
