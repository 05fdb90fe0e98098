/** Registry lookup of a person for the certificate form and the counter (audited). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { blockLifted, blockParams, personIdentifierParams, personResponse } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { sendPdf } from '../http/send-pdf.js';
import { requireActor } from '../http/auth-plugin.js';
import { lookupPerson } from '../services/people/person-lookup.js';
import { personAttestatoForOperator } from '../services/people/person-attestato.js';
import { liftExemptionBlock } from '../services/people/lift-block.js';
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
        // issue 12 §6: an STP/ENI holder is looked up and gets the attestato by that code
        params: personIdentifierParams,
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

  app.post(
    '/api/people/:fiscalCode/blocks/:code/lift',
    {
      schema: {
        tags: ['anagrafe'],
        summary:
          'Rimuove il blocco di una «revoca con blocco»: nuove richieste di nuovo possibili (operatori dell’ASL)',
        params: blockParams,
        response: { 200: blockLifted },
      },
    },
    async (req) =>
      liftExemptionBlock(
        { db, actor: requireActor(req, ['DISTRICT_OPERATOR']), correlationId: req.id, now },
        req.params.fiscalCode,
        req.params.code,
      ),
  );

  app.get(
    '/api/people/:fiscalCode/attestato.pdf',
    {
      schema: {
        tags: ['anagrafe'],
        summary:
          'Attestato (PDF) di tutte le esenzioni in vigore di un assistito, numerato e verificabile (operatori della sua ASL)',
        // issue 12 §6: an STP/ENI holder is looked up and gets the attestato by that code
        params: personIdentifierParams,
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
      return sendPdf(reply, file);
    },
  );
};
