/** Login, profile choice, who am I, logout (manual §3.2). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, loginBody, loginResponse, meResponse, profileBody, profileResponse } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { authenticate } from '../auth/login.js';
import { createSession, deleteSession, loadProfiles, setSessionProfile, SESSION_COOKIE, type SessionPolicy } from '../auth/sessions.js';
import { requireSession } from '../http/auth-plugin.js';
import { appUser } from '../db/schema.js';
import { eq } from 'drizzle-orm';
import type { ProfileRow } from '../auth/actor.js';

export interface AuthRoutesOptions {
  db: Db;
  policy: SessionPolicy;
  cookieSecure: boolean | 'auto';
}

const profileOut = (p: ProfileRow) => ({ ...p, id: String(p.id) });

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, { db, policy, cookieSecure }) => {
  app.post(
    '/api/auth/login',
    { schema: { tags: ['auth'], summary: 'Accesso con username, password e PIN', body: loginBody, response: { 200: loginResponse } } },
    async (req, reply) => {
      const userId = await authenticate(db, { ...req.body, ip: req.ip });
      const profiles = await loadProfiles(db, userId);
      const only = profiles.length === 1 ? profiles[0] : undefined;
      const { token, csrfToken } = await createSession(db, userId, only?.id ?? null, policy);
      const [u] = await db.select().from(appUser).where(eq(appUser.id, userId));
      if (!u) throw new DomainError('INVALID_CREDENTIALS', 'Utente non trovato.');
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: cookieSecure === 'auto' ? req.protocol === 'https' : cookieSecure,
        maxAge: Math.floor(policy.maxMs / 1000),
      });
      return {
        user: { id: String(u.id), username: u.username, fiscalCode: u.fiscalCode, firstName: u.firstName, lastName: u.lastName },
        profiles: profiles.map(profileOut),
        csrfToken,
      };
    },
  );

  app.post(
    '/api/auth/profile',
    { schema: { tags: ['auth'], summary: 'Scelta del profilo', body: profileBody, response: { 200: profileResponse } } },
    async (req) => {
      const auth = requireSession(req);
      const chosen = (await auth.loadProfiles()).find((p) => String(p.id) === req.body.profileId);
      if (!chosen) throw new DomainError('PROFILE_UNKNOWN', 'Il profilo scelto non è tra quelli abilitati per questo utente.');
      await setSessionProfile(db, auth.sessionId, chosen.id);
      return { activeProfile: profileOut(chosen) };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'Utente e profilo attivi', response: { 200: meResponse } } },
    async (req) => {
      const auth = requireSession(req);
      const u = auth.user;
      return {
        user: { id: String(u.id), username: u.username, fiscalCode: u.fiscalCode, firstName: u.firstName, lastName: u.lastName },
        profiles: (await auth.loadProfiles()).map(profileOut),
        activeProfile: auth.activeProfile ? profileOut(auth.activeProfile) : null,
        csrfToken: auth.csrfToken,
      };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Uscita', response: { 204: z.null().describe('Sessione chiusa') } } },
    async (req, reply) => {
      const auth = requireSession(req);
      await deleteSession(db, auth.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
};
