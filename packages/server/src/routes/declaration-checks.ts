/**
 * «Controlli autocertificazioni» (issue 12 §3, art. 71 DPR 445/2000), for the district operators of an
 * ASL: the monthly samples' worklist and the outcome of a check («non conforme» revokes and lists the
 * case for referral).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DECLARATION_CHECK_OUTCOMES,
  declarationCheckList,
  declarationCheckOutcomeBody,
  declarationCheckQuery,
  idParams,
} from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { requireActor } from '../http/auth-plugin.js';
import type { Clock } from '../services/context.js';
import { decideDeclarationCheck, listDeclarationChecks } from '../services/checks/declaration-checks.js';

const decided = z.object({
  outcome: z.enum(DECLARATION_CHECK_OUTCOMES),
  revoked: z.boolean(),
  caseNumber: z.string(),
});

export const declarationCheckRoutes: FastifyPluginAsyncZod<{ db: Db; now?: Clock }> = async (
  app,
  { db, now },
) => {
  app.get(
    '/api/declaration-checks',
    {
      schema: {
        tags: ['controlli'],
        summary: 'Controlli autocertificazioni dell’ASL (campione mensile, art. 71 DPR 445/2000)',
        querystring: declarationCheckQuery,
        response: { 200: declarationCheckList },
      },
    },
    async (req) =>
      listDeclarationChecks(
        { db, actor: requireActor(req, ['DISTRICT_OPERATOR']), correlationId: req.id, now },
        req.query,
      ),
  );

  app.post(
    '/api/declaration-checks/:id/outcome',
    {
      schema: {
        tags: ['controlli'],
        summary:
          'Esito di un controllo: conforme, o non conforme (revoca per dichiarazione mendace e segnalazione)',
        params: idParams,
        body: declarationCheckOutcomeBody,
        response: { 200: decided },
      },
    },
    async (req) =>
      decideDeclarationCheck(
        { db, actor: requireActor(req, ['DISTRICT_OPERATOR']), correlationId: req.id, now },
        Number(req.params.id),
        req.body,
      ),
  );
};
