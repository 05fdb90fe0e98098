/**
 * Logins by identity (issue 13): SPID and CIE for citizens and the regional identity provider for
 * operators (OpenID Connect, auth/oidc-client.ts), and the operators' digital certificate
 * (auth/client-certificate.ts). Each opens the same kind of session as the password login.
 *
 * The OpenID callback is a browser navigation: success and failure both answer 303, to the service or
 * to the login page with `?errore=<reason>`, which the page words in Italian. Never a 500 page.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isDomainError, loginMethodDisabled, loginMethodsResponse, loginResponse } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import type { SessionPolicy } from '../auth/sessions.js';
import { loadProfiles } from '../auth/sessions.js';
import {
  LoginFlowError,
  OIDC_PROVIDERS,
  TRANSACTION_COOKIE,
  TRANSACTION_TTL_MS,
  type LoginFlowReason,
  type OidcProviderName,
  type RelyingParty,
} from '../auth/oidc-client.js';
import { citizenSignIn, openIdentitySession, operatorSignIn } from '../auth/identity-sign-in.js';
import {
  certificateFiscalCode,
  trustedProxies,
  type CertificateLoginSettings,
} from '../auth/client-certificate.js';
import { isSecure, setSessionCookie } from '../http/session-cookie.js';
import { findUserById } from '../db/repositories/accounts.js';
import { rateLimitedError } from '../auth/login.js';
import { LOGIN_RATE_PER_MINUTE } from './auth.js';

export interface IdentityRuntime {
  /** the OpenID relying party; null when no provider is configured */
  rp: RelyingParty | null;
  /** the digital-certificate login; null when off */
  certificate: CertificateLoginSettings | null;
  passwordLogin: boolean;
  /** the providers are the demo ones on this server */
  demo: boolean;
  /** the address people open (the demo flow moves the browser there first, so its cookies meet the callback) */
  publicUrl: string;
}

export interface IdentityRoutesOptions {
  db: Db;
  policy: SessionPolicy;
  cookieSecure: boolean | 'auto';
  now?: () => Date;
  identity: IdentityRuntime;
}

const providerParams = z.object({
  provider: z.enum(OIDC_PROVIDERS).describe('spid, cie (cittadini) o operatore (identità regionale)'),
});
const callbackQuery = z
  .object({
    code: z.string().max(2048).optional(),
    state: z.string().max(512).optional(),
    error: z.string().max(256).optional(),
  })
  .passthrough();
const jwksResponse = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });

const TRANSACTION_PATH = '/api/auth/oidc';
/** per source address and minute, like the password login: a flood never fills oidc_transaction or the argon2-free paths */
const LOGIN_RATE = {
  rateLimit: {
    max: LOGIN_RATE_PER_MINUTE,
    timeWindow: 60_000,
    errorResponseBuilder: (_req: unknown, ctx: { ttl: number }) =>
      rateLimitedError(Math.max(1, Math.ceil(ctx.ttl / 1000))),
  },
};
const CITIZEN_PROVIDERS: readonly OidcProviderName[] = ['spid', 'cie'];

export const identityRoutes: FastifyPluginAsyncZod<IdentityRoutesOptions> = async (app, options) => {
  const { db, policy, identity } = options;
  const now = options.now ?? (() => new Date());
  const cookies = { cookieSecure: options.cookieSecure, policy };
  const proxies = identity.certificate ? trustedProxies(identity.certificate.trustProxy) : null;

  const refused = (req: FastifyRequest, reply: FastifyReply, reason: LoginFlowReason, provider: string) => {
    req.log.info({ route: req.routeOptions.url, provider, reason }, 'identity login refused');
    reply.clearCookie(TRANSACTION_COOKIE, { path: TRANSACTION_PATH });
    return reply.redirect(`/accesso?errore=${reason}`, 303);
  };

  app.get(
    '/api/auth/methods',
    {
      schema: {
        tags: ['auth'],
        summary: 'Modalità di accesso disponibili (SPID, CIE, identità regionale, certificato, password)',
        response: { 200: loginMethodsResponse },
      },
    },
    async () => ({
      password: identity.passwordLogin,
      spid: identity.rp?.enabled('spid') ?? false,
      cie: identity.rp?.enabled('cie') ?? false,
      operatorProvider: identity.rp?.enabled('operatore') ?? false,
      certificate: identity.certificate !== null,
      demo: identity.demo,
    }),
  );

  app.get(
    '/api/auth/oidc/jwks',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Chiave pubblica del servizio (richieste firmate e private_key_jwt), per i gestori di identità',
        response: { 200: jwksResponse },
      },
    },
    async () => {
      if (!identity.rp)
        throw loginMethodDisabled("L'accesso con SPID, CIE o identità regionale non è configurato.");
      return identity.rp.jwks();
    },
  );

  app.get(
    '/api/auth/oidc/:provider/start',
    {
      schema: {
        tags: ['auth'],
        summary: "Avvio dell'accesso con SPID, CIE o identità regionale (reindirizza al gestore di identità)",
        params: providerParams,
        response: { 303: z.null().describe('Al gestore di identità, o alla pagina di accesso con l’errore') },
      },
      config: LOGIN_RATE,
    },
    async (req, reply) => {
      const { provider } = req.params;
      if (!identity.rp?.enabled(provider)) return refused(req, reply, 'provider', provider);
      // demo: the browser may have opened localhost instead of 127.0.0.1; the flow runs on the public address
      const canonical = new URL(identity.publicUrl);
      if (identity.demo && req.headers.host && req.headers.host !== canonical.host)
        return reply.redirect(`${identity.publicUrl}/api/auth/oidc/${provider}/start`, 303);
      try {
        const { url, cookie } = await identity.rp.start(provider, now());
        reply.setCookie(TRANSACTION_COOKIE, cookie, {
          path: TRANSACTION_PATH,
          httpOnly: true,
          // the provider's redirect back is a cross-site top-level navigation: Lax lets the cookie come with it
          sameSite: 'lax',
          secure: isSecure(req, options.cookieSecure),
          maxAge: Math.floor(TRANSACTION_TTL_MS / 1000),
        });
        return reply.redirect(url, 303);
      } catch (e) {
        if (e instanceof LoginFlowError) return refused(req, reply, e.reason, provider);
        throw e;
      }
    },
  );

  app.get(
    '/api/auth/oidc/:provider/callback',
    {
      schema: {
        tags: ['auth'],
        summary: 'Ritorno dal gestore di identità: verifica, sessione e ingresso nel servizio',
        params: providerParams,
        querystring: callbackQuery,
        response: { 303: z.null().describe('Al servizio, o alla pagina di accesso con l’errore') },
      },
      config: LOGIN_RATE,
    },
    async (req, reply) => {
      const { provider } = req.params;
      if (!identity.rp?.enabled(provider)) return refused(req, reply, 'provider', provider);
      const at = now();
      // the URL the provider redirected to, as the client library checks it (redirect_uri + query)
      const callbackUrl = new URL(`${identity.publicUrl}${req.url}`);
      try {
        const verified = await identity.rp.finish(provider, callbackUrl, req.cookies[TRANSACTION_COOKIE], at);
        const citizen = CITIZEN_PROVIDERS.includes(provider);
        const who = citizen
          ? await citizenSignIn(db, verified.fiscalCode, at)
          : await operatorSignIn(db, verified.fiscalCode);
        const { token } = await openIdentitySession(db, who, policy, req.ip, at);
        setSessionCookie(req, reply, token, cookies);
        reply.clearCookie(TRANSACTION_COOKIE, { path: TRANSACTION_PATH });
        req.log.info({ route: req.routeOptions.url, provider, userId: who.userId }, 'identity login');
        return reply.redirect(citizen ? '/cittadino/esenzioni' : '/', 303);
      } catch (e) {
        if (e instanceof LoginFlowError) return refused(req, reply, e.reason, provider);
        if (isDomainError(e) && e.code === 'IDENTITY_REFUSED')
          return refused(
            req,
            reply,
            CITIZEN_PROVIDERS.includes(provider) ? 'sconosciuto' : 'operatore',
            provider,
          );
        throw e;
      }
    },
  );

  app.post(
    '/api/auth/certificate',
    {
      schema: {
        tags: ['auth'],
        summary: 'Accesso degli operatori con certificato digitale (certificato client TLS)',
        response: { 200: loginResponse },
      },
      config: LOGIN_RATE,
    },
    async (req, reply) => {
      if (!identity.certificate)
        throw loginMethodDisabled("L'accesso con certificato digitale non è attivo su questo servizio.");
      const at = now();
      const fiscalCode = certificateFiscalCode(req, identity.certificate, proxies, at);
      const who = await operatorSignIn(db, fiscalCode);
      const { token, csrfToken } = await openIdentitySession(db, who, policy, req.ip, at);
      const u = await findUserById(db, who.userId);
      const profiles = await loadProfiles(db, who.userId);
      setSessionCookie(req, reply, token, cookies);
      return {
        user: {
          id: String(u!.id),
          username: u!.username,
          fiscalCode: u!.fiscalCode,
          firstName: u!.firstName,
          lastName: u!.lastName,
        },
        profiles: profiles.map((p) => ({ ...p, id: String(p.id) })),
        csrfToken,
      };
    },
  );
};
