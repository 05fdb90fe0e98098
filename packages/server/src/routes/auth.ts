/** Login, profile choice, who am I, logout, logout everywhere, an administrator's unlock (manual §3.2). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  invalidCredentials,
  loginBody,
  loginMethodDisabled,
  loginResponse,
  meResponse,
  notFound,
  profileBody,
  profileResponse,
  profileUnknown,
} from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import {
  authenticate,
  DEVICE_COOKIE,
  DEVICE_MAX_AGE_MS,
  normalizeUsername,
  rateLimitedError,
} from '../auth/login.js';
import { clearUser } from '../auth/throttle.js';
import {
  createSession,
  deleteSession,
  deleteUserSessions,
  loadProfiles,
  rotateSession,
  SESSION_COOKIE,
  type SessionPolicy,
} from '../auth/sessions.js';
import { requireActor, requireSession } from '../http/auth-plugin.js';
import { findUserById, findUserIdByUsername } from '../db/repositories/accounts.js';
import type { ProfileRow } from '../auth/actor.js';
import { isSecure, setSessionCookie as setCookie } from '../http/session-cookie.js';

export interface AuthRoutesOptions {
  db: Db;
  policy: SessionPolicy;
  cookieSecure: boolean | 'auto';
  /** the clock of logins and sessions (tests inject one); default: the system clock */
  now?: () => Date;
  /** login requests per source address per minute (@fastify/rate-limit, per process); default 30 */
  loginRatePerMinute?: number;
  /** issue 13: username, password and PIN may be switched off (PASSWORD_LOGIN=false); default on */
  passwordLogin?: boolean;
}

export const LOGIN_RATE_PER_MINUTE = 30;

/** The profile response carries the rotated session's CSRF token (the old one died with its session). */
const profileSwitchResponse = profileResponse.extend({ csrfToken: z.string() });
const unlockBody = z.object({ username: z.string().trim().min(1, 'Indicare il nome utente.').max(100) });

const profileOut = (p: ProfileRow) => ({ ...p, id: String(p.id) });

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, options) => {
  const { db, policy } = options;
  const now = options.now ?? (() => new Date());
  const secure = (req: FastifyRequest) => isSecure(req, options.cookieSecure);
  const setSessionCookie = (req: FastifyRequest, reply: FastifyReply, token: string) =>
    setCookie(req, reply, token, { cookieSecure: options.cookieSecure, policy });

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Accesso con username, password e PIN',
        body: loginBody,
        response: { 200: loginResponse },
      },
      // per source address, before the body is read: a flood never reaches argon2
      config: {
        rateLimit: {
          max: options.loginRatePerMinute ?? LOGIN_RATE_PER_MINUTE,
          timeWindow: 60_000,
          errorResponseBuilder: (_req, ctx) => rateLimitedError(Math.max(1, Math.ceil(ctx.ttl / 1000))),
        },
      },
    },
    async (req, reply) => {
      if (options.passwordLogin === false)
        throw loginMethodDisabled(
          "L'accesso con nome utente, password e PIN è disattivato: entrare con SPID, CIE, l'identità regionale o il certificato digitale.",
        );
      const at = now();
      const { userId, deviceToken } = await authenticate(
        db,
        { ...req.body, ip: req.ip, deviceToken: req.cookies[DEVICE_COOKIE] },
        at,
      );
      const profiles = await loadProfiles(db, userId);
      const only = profiles.length === 1 ? profiles[0] : undefined;
      const { token, csrfToken } = await createSession(db, userId, only?.id ?? null, policy, at);
      const u = await findUserById(db, userId);
      if (!u) throw invalidCredentials('Utente non trovato.');
      setSessionCookie(req, reply, token);
      // sent only to the auth routes: it says nothing to the rest of the API
      reply.setCookie(DEVICE_COOKIE, deviceToken, {
        path: '/api/auth',
        httpOnly: true,
        sameSite: 'strict',
        secure: secure(req),
        maxAge: Math.floor(DEVICE_MAX_AGE_MS / 1000),
      });
      return {
        user: {
          id: String(u.id),
          username: u.username,
          fiscalCode: u.fiscalCode,
          firstName: u.firstName,
          lastName: u.lastName,
        },
        profiles: profiles.map(profileOut),
        csrfToken,
      };
    },
  );

  app.post(
    '/api/auth/profile',
    {
      schema: {
        tags: ['auth'],
        summary: 'Scelta del profilo (nuovo token di sessione e nuovo token anti-CSRF)',
        body: profileBody,
        response: { 200: profileSwitchResponse },
      },
    },
    async (req, reply) => {
      const auth = requireSession(req);
      const chosen = (await auth.loadProfiles()).find((p) => String(p.id) === req.body.profileId);
      if (!chosen) throw profileUnknown();
      const { token, csrfToken } = await rotateSession(
        db,
        { sessionId: auth.sessionId, userId: auth.user.id },
        chosen.id,
        now(),
      );
      setSessionCookie(req, reply, token);
      return { activeProfile: profileOut(chosen), csrfToken };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'Utente e profilo attivi', response: { 200: meResponse } } },
    async (req) => {
      const auth = requireSession(req);
      const u = auth.user;
      return {
        user: {
          id: String(u.id),
          username: u.username,
          fiscalCode: u.fiscalCode,
          firstName: u.firstName,
          lastName: u.lastName,
        },
        profiles: (await auth.loadProfiles()).map(profileOut),
        activeProfile: auth.activeProfile ? profileOut(auth.activeProfile) : null,
        csrfToken: auth.csrfToken,
      };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: { tags: ['auth'], summary: 'Uscita', response: { 204: z.null().describe('Sessione chiusa') } },
    },
    async (req, reply) => {
      const auth = requireSession(req);
      await deleteSession(db, auth.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/logout-all',
    {
      schema: {
        tags: ['auth'],
        summary: "Uscita da tutte le sessioni dell'utente (ogni browser e dispositivo)",
        response: { 204: z.null().describe('Tutte le sessioni chiuse') },
      },
    },
    async (req, reply) => {
      const auth = requireSession(req);
      await deleteUserSessions(db, auth.user.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/unlock',
    {
      schema: {
        tags: ['auth'],
        summary: "Sblocco dell'accesso di un utente bloccato per troppi tentativi (amministratore)",
        body: unlockBody,
        response: { 204: z.null().describe('Blocco rimosso') },
      },
    },
    async (req, reply) => {
      requireActor(req, ['ADMIN']);
      const username = normalizeUsername(req.body.username);
      const userId = await findUserIdByUsername(db, username);
      if (userId === undefined) throw notFound('Nessun utente con questo nome utente.');
      await clearUser(db, username, userId);
      req.log.info({ route: '/api/auth/unlock', userId }, 'login lock lifted by an administrator');
      return reply.code(204).send(null);
    },
  );
};
