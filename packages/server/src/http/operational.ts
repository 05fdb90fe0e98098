/** Operational endpoints kept from the public in production, and the client's own correlation id, kept apart. */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { notFound } from '@esenzioni/domain';
import type { MetricsAccess } from '../config.js';

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * /metrics tells an attacker the routes, their load and the process's memory: open only outside production,
 * otherwise behind a bearer token (METRICS_TOKEN) or not there at all (404, as if it did not exist).
 */
export function guardOperationalRoutes(app: FastifyInstance, access: MetricsAccess): void {
  app.addHook('onRequest', async (req) => {
    // the route the router matched, not the raw URL: /%6Detrics is /metrics too
    if (req.routeOptions.url !== '/metrics') return;
    if (access.kind === 'open') return;
    const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (access.kind === 'token' && bearer && sameSecret(bearer, access.token)) return;
    throw notFound();
  });
}

/**
 * A correlation id sent by the client is only logged, as its own field, so that a caller's trace can be
 * matched; the id stored in the access log and returned in X-Correlation-Id is always the server's.
 */
export function clientCorrelationId(header: string | string[] | undefined): { clientCorrelationId?: string } {
  return typeof header === 'string' && /^[\w-]{8,64}$/.test(header) ? { clientCorrelationId: header } : {};
}
