/** Registry lookup of a person for the certificate form and the counter (audited). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fiscalCodeParams, personResponse } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { requireActor } from '../http/auth-plugin.js';
import { lookupPerson } from '../services/people/person-lookup.js';
import type { Clock } from '../services/context.js';

export const peopleRoutes: FastifyPluginAsyncZod<{ db: Db; now?: Clock }> = async (app, { db, now }) => {
  app.get(
    '/api/people/:fiscalCode',
    {
      schema: {
        tags: ['anagrafe'],
        summary: 'Dati anagrafici di un assistito (medico specialista; operatori della sua ASL)',
        params: fiscalCodeParams,
        response: { 200: personResponse },
      },
    },
    async (req) =>
      lookupPerson(
        {
          db,
          actor: requireActor(req, ['SPECIALIST', 'ADMIN_OPERATOR', 'DISTRICT_OPERATOR']),
          correlationId: req.id,
          now,
        },
        req.params.fiscalCode,
      ),
  );
};
