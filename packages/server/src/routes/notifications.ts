/** In-app notifications of the citizen (/api/notifications). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams, notificationList, notificationSchema } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { requireActor } from '../http/auth-plugin.js';
import { listMyNotifications, markNotificationRead } from '../services/portal/my-notifications.js';

export const notificationRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifiche'],
        summary: 'Le mie notifiche (più recenti prima) e quante non lette',
        response: { 200: notificationList },
      },
    },
    (req) => listMyNotifications({ db, actor: requireActor(req, ['CITIZEN']), correlationId: req.id }),
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
        { db, actor: requireActor(req, ['CITIZEN']), correlationId: req.id },
        Number(req.params.id),
      ),
  );
};
