/**
 * /api/attestati: the public check of an attestato, reached from its QR code with no login. Limited
 * per source address; answers only "valido alla data …" or "non valido".
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { attestatoVerifyParams, attestatoVerifyResponse, rateLimited } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { verifyAttestato } from '../services/people/person-attestato.js';
import type { Clock } from '../services/context.js';

/** Checks per source address per minute (@fastify/rate-limit, per process). */
export const VERIFY_RATE_PER_MINUTE = 30;

/** Where the public check is reached from outside, for the QR code printed on an attestato. */
export const requestOrigin = (req: FastifyRequest): string => `${req.protocol}://${req.host}`;

export const attestatiRoutes: FastifyPluginAsyncZod<{
  db: Db;
  now?: Clock;
  verifyRatePerMinute?: number;
}> = async (app, { db, now, verifyRatePerMinute }) => {
  app.get(
    '/api/attestati/verify/:code',
    {
      schema: {
        tags: ['attestati'],
        summary: 'Verifica pubblica di un attestato dal suo codice: "valido alla data …" o "non valido"',
        params: attestatoVerifyParams,
        response: { 200: attestatoVerifyResponse },
      },
      config: {
        rateLimit: {
          max: verifyRatePerMinute ?? VERIFY_RATE_PER_MINUTE,
          timeWindow: 60_000,
          errorResponseBuilder: (_req, ctx) =>
            rateLimited(undefined, { retryAfterSeconds: Math.max(1, Math.ceil(ctx.ttl / 1000)) }),
        },
      },
    },
    async (req) => verifyAttestato(db, req.params.code, now ? now() : new Date()),
  );
};
