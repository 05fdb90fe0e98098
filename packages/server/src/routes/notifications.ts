/**
 * In-app notifications (/api/notifications): the citizen's, and the operators' own in the backoffice
 * (issue 17 §6: the doctor or counter operator who sent a case, the district operator who had it).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams, notificationList, notificationSchema } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import type { Role } from '@esenzioni/domain';
import { requireActor } from '../http/auth-plugin.js';
import { listMyNotifications, markNotificationRead } from '../services/portal/my-notifications.js';

const READERS: Role[] = ['CITIZEN', 'SPECIALIST', 'ADMIN_OPERATOR', 'DISTRICT_OPERATOR'];

export const notificationRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifiche'],
        summary: 'Le mie notifiche (più recenti prima) e quante non lette: del cittadino o dell’operatore',
        response: { 200: notificationList },
      },
    },
    (req) => listMyNotifications({ db, actor: requireActor(req, READERS), correlationId: req.id }),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags: ['notifiche'],
        summary: 'Segna una notifica come letta',
        params: idParams,
        response: { 200: notificationSchema },
      },
    },
    (req) =>
      markNotificationRead(
        { db, actor: requireActor(req, READERS), correlationId: req.id },
        Number(req.params.id),
      ),
  );
};
