/** Liveness (/healthz: the process answers) and readiness (/readyz: the database answers, quickly). */
import type { FastifyInstance } from 'fastify';
import { ping, type Db } from '../db/client.js';

/**
 * How long /readyz waits for `select 1`: a load balancer must learn within a second or two that the
 * database is away (frozen, failing over, pool exhausted), not after the statement timeout.
 */
export const READY_TIMEOUT_MS = 1_500;

/** Resolves true when the probe answered in time, false otherwise (the late answer is ignored). */
export async function databaseAnswers(db: Db, timeoutMs = READY_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = ping(db).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([probe, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Graceful shutdown (issue 16 §1): on SIGTERM main.ts sets `draining`; /readyz then answers 503 so the
 * load balancer (HAProxy's health check, ops/haproxy/) stops sending new requests, while every other
 * route keeps answering. After SHUTDOWN_DRAIN_SECONDS the server closes: Fastify answers 503 to a late
 * request (return503OnClosing) and waits for the ones in flight before the database is closed.
 */
export class Readiness {
  draining = false;
}

export function registerHealth(
  app: FastifyInstance,
  db: Db,
  readiness: Readiness = new Readiness(),
  readyTimeoutMs = READY_TIMEOUT_MS,
): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    if (readiness.draining) return reply.code(503).header('Connection', 'close').send({ status: 'draining' });
    if (await databaseAnswers(db, readyTimeoutMs)) return { status: 'ready' };
    return reply.code(503).header('Retry-After', '5').send({ status: 'database unreachable' });
  });
}
