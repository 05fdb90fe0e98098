/** Delegations: given online by the delegator or at the counter; listed; revoked with immediate effect. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import {
  delegationBody,
  delegationList,
  delegationListQuery,
  delegationSchema,
  idParams,
} from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { requireActor } from '../http/auth-plugin.js';
import { createDelegation } from '../services/delegations/create-delegation.js';
import { listDelegations } from '../services/delegations/list-delegations.js';
import { revokeDelegation } from '../services/delegations/revoke-delegation.js';
import type { Clock } from '../services/context.js';

export const delegationRoutes: FastifyPluginAsyncZod<{ db: Db; now?: Clock }> = async (app, { db, now }) => {
  const tags = ['deleghe'];
  const ctx = (req: FastifyRequest) => ({
    db,
    actor: requireActor(req, ['CITIZEN', 'ADMIN_OPERATOR']),
    correlationId: req.id,
    now,
  });

  app.post(
    '/api/delegations',
    {
      schema: {
        tags,
        summary: 'Registra una delega (il cittadino per sé; lo sportello per due assistiti della sua ASL)',
        body: delegationBody,
        response: { 201: delegationSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createDelegation(ctx(req), req.body)),
  );

  app.get(
    '/api/delegations',
    {
      schema: {
        tags,
        summary:
          'Deleghe date e ricevute (cittadino: le proprie; sportello: di un assistito, ?fiscalCode=; solo date o ricevute: ?side=given|received)',
        querystring: delegationListQuery,
        response: { 200: delegationList },
      },
    },
    (req) => listDelegations(ctx(req), req.query.fiscalCode, req.query.side),
  );

  app.post(
    '/api/delegations/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoca una delega (effetto immediato)',
        params: idParams,
        response: { 200: delegationSchema },
      },
    },
    (req) => revokeDelegation(ctx(req), Number(req.params.id)),
  );
};
