/**
 * Resolves the session cookie (or an API key) on every /api and /fhir request, and enforces the CSRF token on
 * every state-changing request of a session. Routes then ask for what they need with the guards below.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  apiKeyInvalid,
  csrfTokenInvalid,
  forbidden,
  profileRequired,
  sessionExpired,
  unauthenticated,
  type Role,
} from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { actorOfProfile, type Actor, type RequestAuth } from '../auth/actor.js';
import { resolveSession, SESSION_COOKIE, type SessionPolicy } from '../auth/sessions.js';
import { findApiKey } from '../auth/api-keys.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
    apiClient: { id: number; name: string } | null;
    sessionExpired: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CSRF_EXEMPT = new Set(['/api/auth/login', '/api/auth/certificate']);

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export const authPlugin = fp(
  async (app: FastifyInstance, opts: { db: Db; policy: SessionPolicy; clock?: () => Date }) => {
    app.decorateRequest('auth', null);
    app.decorateRequest('apiClient', null);
    app.decorateRequest('sessionExpired', false);
    app.addHook('onRequest', async (req) => {
      // the JSON API and the FHIR API (issue 14)
      if (!req.url.startsWith('/api/') && !req.url.startsWith('/fhir/')) return;
      const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
      if (bearer) {
        const key = await findApiKey(opts.db, bearer);
        if (!key) throw apiKeyInvalid();
        req.apiClient = key;
        return;
      }
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        const found = await resolveSession(opts.db, token, opts.policy, opts.clock?.() ?? new Date());
        if (found.kind === 'ok') req.auth = found.auth;
        else if (found.kind === 'expired') req.sessionExpired = true;
      }
      if (!SAFE_METHODS.has(req.method) && req.auth && !CSRF_EXEMPT.has(req.routeOptions.url ?? '')) {
        const sent = req.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !sameToken(sent, req.auth.csrfToken)) {
          throw csrfTokenInvalid();
        }
      }
    });
  },
);

/** The logged-in session, or 401. */
export function requireSession(req: FastifyRequest): RequestAuth {
  if (req.auth) return req.auth;
  if (req.sessionExpired) throw sessionExpired('La sessione è scaduta per inattività. Accedere di nuovo.');
  throw unauthenticated();
}

/** The acting profile (one of `roles`), or 401/403. API clients act as prescribers where `allowApiClient`. */
export function requireActor(req: FastifyRequest, roles: readonly Role[], allowApiClient = false): Actor {
  if (allowApiClient && req.apiClient) {
    return {
      userId: null,
      apiKeyId: req.apiClient.id,
      fiscalCode: null,
      role: 'GP',
      aslId: null,
      districtId: null,
    };
  }
  const auth = requireSession(req);
  const p = auth.activeProfile;
  if (!p) throw profileRequired();
  if (!roles.includes(p.role)) throw forbidden();
  return actorOfProfile(auth.user, p);
}
