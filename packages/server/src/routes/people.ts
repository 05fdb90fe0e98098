/** Registry lookup of a person for the certificate form and the counter (audited). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fiscalCodeParams, personResponse } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { requireActor } from '../http/auth-plugin.js';
import { lookupPerson } from '../services/people/person-lookup.js';
import { personAttestatoForOperator } from '../services/people/person-attestato.js';
import type { Clock } from '../services/context.js';
import { requestOrigin } from './attestati.js';

export const peopleRoutes: FastifyPluginAsyncZod<{ db: Db; now?: Clock; demo?: boolean }> = async (
  app,
  { db, now, demo },
) => {
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

  app.get(
    '/api/people/:fiscalCode/attestato.pdf',
    {
      schema: {
        tags: ['anagrafe'],
        summary:
          'Attestato (PDF) di tutte le esenzioni in vigore di un assistito, numerato e verificabile (operatori della sua ASL)',
        params: fiscalCodeParams,
      },
    },
    async (req, reply) => {
      const file = await personAttestatoForOperator(
        {
          db,
          actor: requireActor(req, ['ADMIN_OPERATOR', 'DISTRICT_OPERATOR']),
          correlationId: req.id,
          now,
        },
        req.params.fiscalCode,
        { demo: demo ?? false, origin: requestOrigin(req) },
      );
      return reply
        .header('Content-Type', 'application/pdf')
        .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
        .header('Cache-Control', 'no-store')
        .send(file.bytes);
    },
  );
};
