/** The session cookie, as every login sets it (password, SPID/CIE, regional provider, digital certificate). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, type SessionPolicy } from '../auth/sessions.js';

export interface CookieSettings {
  cookieSecure: boolean | 'auto';
  policy: SessionPolicy;
}

export const isSecure = (req: FastifyRequest, cookieSecure: boolean | 'auto'): boolean =>
  cookieSecure === 'auto' ? req.protocol === 'https' : cookieSecure;

export function setSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  settings: CookieSettings,
): FastifyReply {
  return reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: isSecure(req, settings.cookieSecure),
    maxAge: Math.floor(settings.policy.maxMs / 1000),
  });
}
