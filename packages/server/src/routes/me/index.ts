/**
 * Everything under /api/me, the citizen's own side (each route takes `?onBehalfOf=` to act for a
 * delegator): exemptions, attestato, cases, new requests and cancel (portal.ts), and who accessed my
 * data (access-log.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import type { PortalSettings } from '../../config.js';
import type { Clock } from '../../services/context.js';
import { portalRoutes } from './portal.js';
import { accessLogRoutes } from './access-log.js';

export const meRoutes: FastifyPluginAsyncZod<{
  db: Db;
  portal: PortalSettings;
  now?: Clock;
  demo?: boolean;
}> = async (app, opts) => {
  await app.register(portalRoutes, opts);
  await app.register(accessLogRoutes, opts);
};
