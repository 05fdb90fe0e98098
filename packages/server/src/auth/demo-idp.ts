/**
 * The demo identity providers (issue 13): real OpenID providers (oidc-provider) mounted on this server
 * under /demo-idp/spid, /demo-idp/cie and /demo-idp/regione, so "Entra con SPID" works on a fresh clone.
 * Never in production (config.identity.demoProvider). The tests start the same providers on a server of
 * their own: the relying party meets a real provider either way.
 *
 * Each provider knows one client (this service: its public key, private_key_jwt, signed request objects
 * required, PKCE required) and a few demo identities; its login page lets one choose the identity and,
 * for SPID and CIE, the authentication level (SpidL1 to show the refusal). Sessions, codes and tokens
 * live in the provider's memory: a restart forgets them, which is all a demo needs.
 */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- oidc-provider ships no types: every program importing this file (server, bench, e2e) needs the local declaration
/// <reference path="../types/oidc-provider.d.ts" />
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
// imported when a demo provider is first mounted: the package prints a warning on Node 20 when loaded,
// which a production start (no demo providers) must not show
import type { default as Provider, Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { FISCAL_NUMBER_CLAIM, SPID_LEVELS, type OidcProviderName } from './oidc-client.js';

export interface DemoIdentity {
  fiscalCode: string;
  firstName: string;
  lastName: string;
  /** what the login page says of it (e.g. "cittadino con esenzioni", "non assistito dalla Regione") */
  note: string;
}

export const DEMO_PROVIDER_PATHS: Record<OidcProviderName, string> = {
  spid: '/demo-idp/spid',
  cie: '/demo-idp/cie',
  operatore: '/demo-idp/regione',
};

const TITLES: Record<OidcProviderName, string> = {
  spid: 'SPID',
  cie: 'CIE (Carta d’identità elettronica)',
  operatore: 'identità regionale degli operatori',
};

export interface DemoProviderOptions {
  /** the address the providers are reached at (read at the first request: a test learns its port after listen) */
  baseUrl: () => string;
  /** the relying party: client id, public key, and where each provider sends people back */
  client: { clientId: string; publicJwk: JWK; redirectUri: (provider: OidcProviderName) => string };
  identities: Record<OidcProviderName, readonly DemoIdentity[]>;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

async function createProvider(
  name: OidcProviderName,
  issuer: string,
  opts: DemoProviderOptions,
): Promise<Provider> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signing = { ...(await exportJWK(privateKey)), kid: `demo-${name}`, alg: 'RS256', use: 'sig' };
  const people = opts.identities[name];
  const configuration: Configuration = {
    clients: [
      {
        client_id: opts.client.clientId,
        redirect_uris: [opts.client.redirectUri(name)],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'RS256',
        request_object_signing_alg: 'RS256',
        require_signed_request_object: true,
        id_token_signed_response_alg: 'RS256',
        jwks: { keys: [opts.client.publicJwk] },
      },
    ],
    jwks: { keys: [signing] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    acrValues: [...SPID_LEVELS],
    scopes: ['openid', 'profile'],
    // the fiscal number is released with `profile`, at the userinfo endpoint (like SPID's attributes)
    claims: { openid: ['sub'], profile: ['given_name', 'family_name', FISCAL_NUMBER_CLAIM] },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      requestObjects: { enabled: true, requireSignedRequestObject: true },
      userinfo: { enabled: true },
      revocation: { enabled: false },
    },
    pkce: { required: () => true },
    // short lives, as a demo needs (seconds); a code is good for one minute and one use
    ttl: {
      AuthorizationCode: 60,
      Interaction: 600,
      Grant: 600,
      Session: 3600,
      AccessToken: 600,
      IdToken: 600,
    },
    interactions: {
      url: (_ctx: KoaContextWithOIDC, interaction) =>
        `${DEMO_PROVIDER_PATHS[name]}/interazione/${interaction.uid}`,
    },
    findAccount: (_ctx: KoaContextWithOIDC, sub: string) => {
      const who = people.find((p) => p.fiscalCode === sub);
      if (!who) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          given_name: who.firstName,
          family_name: who.lastName,
          [FISCAL_NUMBER_CLAIM]: `TINIT-${who.fiscalCode}`,
        }),
      };
    },
    renderError: (ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }) => {
      ctx.type = 'html';
      ctx.body = page(
        'Errore del gestore di identità dimostrativo',
        `<p>Il gestore di identità non ha potuto completare la richiesta: ${escapeHtml(out.error_description ?? out.error)}.</p><p><a href="/accesso">Torna alla pagina di accesso</a></p>`,
      );
    },
  };
  const { default: ProviderClass } = await import('oidc-provider');
  return new ProviderClass(issuer, configuration);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/demo-idp/demo.css">
</head>
<body>
<header class="testata"><p class="marchio">Gestore di identità dimostrativo</p></header>
<main id="contenuto">
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

const CSS = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1a1a1a;background:#f5f6f7;line-height:1.5}
.testata{background:#0066cc;color:#fff;padding:.75rem 1rem}.marchio{margin:0;font-weight:600}
main{max-width:40rem;margin:1.5rem auto;padding:0 1rem}h1{font-size:1.6rem;margin:.5rem 0 1rem}
fieldset{border:1px solid #5c6f82;border-radius:4px;margin:0 0 1.25rem;padding:.75rem 1rem;background:#fff}
legend{font-weight:600;padding:0 .25rem}.scelta{display:flex;gap:.5rem;align-items:flex-start;margin:.5rem 0}
.scelta input{margin-top:.35rem;width:1.1rem;height:1.1rem}.nota{display:block;color:#3d4955;font-size:.9rem}
.avviso{background:#fff3cd;border-left:4px solid #8a6d00;padding:.75rem 1rem;margin-bottom:1.25rem}
.azioni{display:flex;gap:1rem;flex-wrap:wrap}button{font:inherit;font-weight:600;padding:.6rem 1.4rem;border-radius:4px;cursor:pointer}
.primario{background:#0066cc;color:#fff;border:2px solid #0066cc}.secondario{background:#fff;color:#0059b3;border:2px solid #0059b3}
button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #ff9900;outline-offset:2px}a{color:#0059b3}`;

function loginForm(name: OidcProviderName, uid: string, people: readonly DemoIdentity[]): string {
  const who = people
    .map(
      (
        p,
        i,
      ) => `<div class="scelta"><input type="radio" name="identita" id="identita-${i}" value="${escapeHtml(p.fiscalCode)}"${i === 0 ? ' checked' : ''}>
<label for="identita-${i}">${escapeHtml(`${p.firstName} ${p.lastName}`)} — ${escapeHtml(p.fiscalCode)}<span class="nota">${escapeHtml(p.note)}</span></label></div>`,
    )
    .join('\n');
  const levels =
    name === 'operatore'
      ? ''
      : `<fieldset><legend>Livello di autenticazione</legend>
${SPID_LEVELS.map(
  (
    l,
    i,
  ) => `<div class="scelta"><input type="radio" name="livello" id="livello-${i + 1}" value="${l}"${i === 1 ? ' checked' : ''}>
<label for="livello-${i + 1}">Livello ${i + 1}${i === 0 ? ' (solo nome utente e password: non sufficiente per questo servizio)' : i === 1 ? ' (con codice temporaneo)' : ' (con dispositivo sicuro)'}</label></div>`,
).join('\n')}
</fieldset>`;
  return `<p class="avviso">Questo gestore di identità è solo dimostrativo: non chiede credenziali e non è disponibile in produzione. Scegliere l'identità con cui entrare.</p>
<form method="post" action="${DEMO_PROVIDER_PATHS[name]}/interazione/${escapeHtml(uid)}">
<fieldset><legend>Identità digitale</legend>
${who}
</fieldset>
${levels}
<div class="azioni"><button type="submit" class="primario" name="azione" value="entra">Entra</button>
<button type="submit" class="secondario" name="azione" value="annulla">Annulla</button></div>
</form>`;
}

/** The claim names of an OpenID `claims` request parameter (userinfo and id_token members). */
function requestedClaims(param: unknown): string[] {
  if (typeof param !== 'string') return [];
  try {
    const parsed = JSON.parse(param) as { userinfo?: object; id_token?: object };
    return [...Object.keys(parsed.userinfo ?? {}), ...Object.keys(parsed.id_token ?? {})];
  } catch {
    return [];
  }
}

/** Mounts the demo providers on `app` (a Koa app behind each prefix, the identity page in front). */
export async function registerDemoProviders(app: FastifyInstance, opts: DemoProviderOptions): Promise<void> {
  const providers = new Map<OidcProviderName, Promise<Provider>>();
  const providerOf = (name: OidcProviderName) => {
    let p = providers.get(name);
    if (!p) {
      p = createProvider(name, `${opts.baseUrl()}${DEMO_PROVIDER_PATHS[name]}`, opts);
      providers.set(name, p);
    }
    return p;
  };
  const names = Object.keys(DEMO_PROVIDER_PATHS) as OidcProviderName[];

  app.get('/demo-idp/demo.css', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'no-cache').send(CSS),
  );

  // the providers themselves: the raw request goes to Koa, unparsed, with the prefix moved to originalUrl
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
    for (const name of names) {
      const prefix = DEMO_PROVIDER_PATHS[name];
      scope.route({
        method: ['GET', 'POST'],
        url: `${prefix}/*`,
        schema: { hide: true },
        handler: async (req, reply) => {
          const provider = await providerOf(name);
          reply.hijack();
          const raw = req.raw as IncomingMessage & { originalUrl?: string };
          raw.originalUrl = raw.url;
          raw.url = (raw.url ?? '/').slice(prefix.length) || '/';
          provider.callback()(raw, reply.raw as ServerResponse);
        },
      });
    }
  });

  // the page where one picks the demo identity (the providers' "interaction")
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    for (const name of names) {
      const prefix = DEMO_PROVIDER_PATHS[name];
      const title = `Entra con ${TITLES[name]} — ambiente dimostrativo`;
      const loadDetails = async (req: FastifyRequest, reply: FastifyReply) => {
        const provider = await providerOf(name);
        try {
          return { provider, details: await provider.interactionDetails(req.raw, reply.raw) };
        } catch {
          return { provider, details: null };
        }
      };
      const expired = (reply: FastifyReply) =>
        reply
          .code(400)
          .type('text/html; charset=utf-8')
          .send(
            page(
              title,
              '<p>La richiesta di accesso è scaduta o non è più valida.</p><p><a href="/accesso">Torna alla pagina di accesso</a></p>',
            ),
          );

      scope.get(`${prefix}/interazione/:uid`, { schema: { hide: true } }, async (req, reply) => {
        const { details } = await loadDetails(req, reply);
        if (!details) return expired(reply);
        return reply
          .type('text/html; charset=utf-8')
          .header('Cache-Control', 'no-store')
          .send(page(title, loginForm(name, details.uid, opts.identities[name])));
      });

      scope.post(`${prefix}/interazione/:uid`, { schema: { hide: true } }, async (req, reply) => {
        const { provider, details } = await loadDetails(req, reply);
        if (!details) return expired(reply);
        const body = (req.body ?? {}) as Record<string, string | undefined>;
        let result: Parameters<Provider['interactionResult']>[2];
        const who = opts.identities[name].find((p) => p.fiscalCode === body.identita);
        if (body.azione === 'annulla' || !who) {
          result = { error: 'access_denied', error_description: "Accesso annullato dall'utente" };
        } else {
          const acr =
            name === 'operatore'
              ? SPID_LEVELS[1]
              : (SPID_LEVELS.find((l) => l === body.livello) ?? SPID_LEVELS[1]);
          const clientId = String(details.params.client_id);
          const grant = new provider.Grant({ accountId: who.fiscalCode, clientId });
          grant.addOIDCScope(String(details.params.scope ?? 'openid'));
          // the claims the request object asks for (at the login prompt they are not listed as missing yet)
          const claims = new Set(
            (details.prompt.details as { missingOIDCClaims?: string[] }).missingOIDCClaims ?? [],
          );
          for (const name of requestedClaims(details.params.claims)) claims.add(name);
          if (claims.size > 0) grant.addOIDCClaims([...claims]);
          const grantId = await grant.save();
          result = {
            login: { accountId: who.fiscalCode, acr, amr: ['pwd'], remember: false },
            consent: { grantId },
          };
        }
        const to = await provider.interactionResult(req.raw, reply.raw, result, {
          mergeWithLastSubmission: false,
        });
        return reply.redirect(to, 303);
      });
    }
  });
}
