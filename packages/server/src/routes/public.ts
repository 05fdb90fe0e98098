/**
 * The public front door's data (issue 13 §5), no login: the exemption families and the offices with
 * their hours. No personal data; rate-limited per source address like the other anonymous reads.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { publicFamilies, publicOffices, publicOfficesQuery, rateLimited } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import type { Clock } from '../services/context.js';
import {
  publicFamilies as readFamilies,
  publicOffices as readOffices,
} from '../services/public/front-door.js';

/** Reads per source address per minute (@fastify/rate-limit, per process). */
export const PUBLIC_RATE_PER_MINUTE = 120;

const rateLimit = (max: number) => ({
  rateLimit: {
    max,
    timeWindow: 60_000,
    errorResponseBuilder: (_req: unknown, ctx: { ttl: number }) =>
      rateLimited(undefined, { retryAfterSeconds: Math.max(1, Math.ceil(ctx.ttl / 1000)) }),
  },
});

export const publicRoutes: FastifyPluginAsyncZod<{ db: Db; now?: Clock; ratePerMinute?: number }> = async (
  app,
  { db, now, ratePerMinute },
) => {
  const tags = ['pubblico'];
  const config = rateLimit(ratePerMinute ?? PUBLIC_RATE_PER_MINUTE);
  app.get(
    '/api/public/families',
    {
      schema: {
        tags,
        summary:
          'Le famiglie di esenzioni: che cosa coprono, chi può chiederle, i documenti da portare e i limiti di reddito in vigore',
        response: { 200: publicFamilies },
      },
      config,
    },
    () => readFamilies(db, now ? now() : new Date()),
  );
  app.get(
    '/api/public/offices',
    {
      schema: {
        tags,
        summary: "Sportelli attivi con indirizzo, servizi, orari e giorni di chiusura (di un'ASL)",
        querystring: publicOfficesQuery,
        response: { 200: publicOffices },
      },
      config,
    },
    (req) => readOffices(db, req.query.aslId),
  );
};
