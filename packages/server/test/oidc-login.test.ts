/**
 * SPID, CIE and the regional identity provider (issue 13) against a real OpenID provider (oidc-provider,
 * the demo providers of auth/demo-idp.ts) started by this test on 127.0.0.1: authorization code with PKCE,
 * signed request object, private_key_jwt, level ≥ SpidL2, the fiscal number claim mapped to the person.
 * The browser is played by fetch (at the provider) and inject (at the service); the service's clock is
 * injected, so the transaction's expiry is tested without waiting.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair } from 'jose';
import { eq } from 'drizzle-orm';
import { checkCharacter } from '@esenzioni/domain';
import { buildApp } from '../src/app.js';
import type { IdentitySettings } from '../src/config.js';
import type { Database } from '../src/db/client.js';
import { appUser } from '../src/db/schema.js';
import { registerDemoProviders, type DemoIdentity } from '../src/auth/demo-idp.js';
import { FISCAL_NUMBER_CLAIM, loadClientKey, type OidcProviderName } from '../src/auth/oidc-client.js';
import { openTestDatabase } from './helpers/db.js';
import { PEOPLE, USERS } from './helpers/fixtures.js';

const RP = 'http://esenzioni.test';
const CLIENT_ID = 'http://esenzioni.test';
const L1 = 'https://www.spid.gov.it/SpidL1';
const L2 = 'https://www.spid.gov.it/SpidL2';
/** a well-formed fiscal code of nobody the region knows */
const STRANGER = `NSSPRS90A41Z404${checkCharacter('NSSPRS90A41Z404')}`;

const who = (fiscalCode: string, firstName = 'TEST', lastName = 'PERSONA'): DemoIdentity => ({
  fiscalCode,
  firstName,
  lastName,
  note: '',
});

let idp: FastifyInstance;
let idpBase = '';
let database: Database;
let app: FastifyInstance;
let keyDir: string;
let clock = new Date();

function identitySettings(over: Partial<IdentitySettings> = {}): IdentitySettings {
  return {
    publicUrl: RP,
    passwordLogin: true,
    demoProvider: false,
    issuers: {
      spid: `${idpBase}/demo-idp/spid`,
      cie: `${idpBase}/demo-idp/cie`,
      operatore: `${idpBase}/demo-idp/regione`,
    },
    clientId: CLIENT_ID,
    clientKeyFile: path.join(keyDir, 'client.jwk.json'),
    minAcr: L2,
    operatorFiscalClaim: FISCAL_NUMBER_CLAIM,
    allowHttpIssuers: true,
    certificate: { caFile: undefined, header: undefined },
    ...over,
  };
}

const appConfig = (identity: IdentitySettings) => ({
  sessionIdleMs: 30 * 60_000,
  sessionMaxMs: 12 * 3_600_000,
  cookieSecure: false as const,
  trustProxy: false as const,
  webDist: '/nonexistent',
  logLevel: 'silent' as const,
  identity,
});

before(async () => {
  keyDir = mkdtempSync(path.join(tmpdir(), 'esz-oidc-'));
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  writeFileSync(path.join(keyDir, 'client.jwk.json'), JSON.stringify(await exportJWK(privateKey)));
  const key = await loadClientKey(path.join(keyDir, 'client.jwk.json'));
  const citizens = [
    who(PEOPLE.torino.fiscalCode, 'MARIO', 'ROSSI'),
    who(PEOPLE.torino2.fiscalCode, 'NELLO', 'TRENTASEI'),
    who(STRANGER),
  ];
  idp = Fastify({ logger: false });
  await registerDemoProviders(idp, {
    baseUrl: () => idpBase,
    client: {
      clientId: CLIENT_ID,
      publicJwk: key.publicJwk,
      redirectUri: (p) => `${RP}/api/auth/oidc/${p}/callback`,
    },
    identities: {
      spid: citizens,
      cie: citizens,
      operatore: [who(USERS.opTorino.fiscalCode), who(USERS.multi.fiscalCode), who(USERS.lucia.fiscalCode)],
    },
  });
  await idp.listen({ host: '127.0.0.1', port: 0 });
  const address = idp.server.address();
  idpBase = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  database = await openTestDatabase({ fixtures: true });
  app = await buildApp({
    db: database.db,
    logger: false,
    config: appConfig(identitySettings()),
    clock: () => clock,
  });
});

after(async () => {
  await app?.close();
  await database?.close();
  await idp?.close();
  rmSync(keyDir, { recursive: true, force: true });
});

/** A browser at the provider: cookies kept by name, redirects followed by hand. */
class Browser {
  private jar = new Map<string, string>();
  async go(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eqAt = pair!.indexOf('=');
      this.jar.set(pair!.slice(0, eqAt), pair!.slice(eqAt + 1));
    }
    const location = res.headers.get('location');
    return { res, location: location ? new URL(location, url).href : null, body: await res.text() };
  }
}

const cookieOf = (setCookie: string | string[] | undefined, name: string) => {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return all
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0]
    ?.slice(name.length + 1);
};

/** Starts at the service, picks `fiscalCode` at the provider; returns the callback URL and the transaction cookie. */
async function throughProvider(
  provider: OidcProviderName,
  fiscalCode: string,
  opts: { level?: string; cancel?: boolean } = {},
) {
  const start = await app.inject({ method: 'GET', url: `/api/auth/oidc/${provider}/start` });
  assert.equal(start.statusCode, 303, start.body);
  const authorize = new URL(String(start.headers.location));
  const tx = cookieOf(start.headers['set-cookie'], 'esz_oidc');
  assert.ok(tx, 'transaction cookie set');
  const browser = new Browser();
  const atIdp = await browser.go(authorize.href);
  assert.ok(
    atIdp.location?.includes('/interazione/'),
    `to the identity page: ${atIdp.res.status} ${atIdp.body}`,
  );
  const page = await browser.go(atIdp.location!);
  assert.equal(page.res.status, 200);
  assert.match(page.body, new RegExp(fiscalCode));
  const form: Record<string, string> = { identita: fiscalCode, azione: opts.cancel ? 'annulla' : 'entra' };
  if (provider !== 'operatore') form.livello = opts.level ?? L2;
  const posted = await browser.go(atIdp.location!, { method: 'POST', form });
  assert.equal(posted.res.status, 303, posted.body);
  let next = posted.location!;
  // the provider's resume endpoint, then the redirect back to the service
  for (let i = 0; i < 4 && !next.startsWith(RP); i++) {
    const hop = await browser.go(next);
    assert.ok(hop.location, `redirect expected at ${next}: ${hop.res.status} ${hop.body.slice(0, 300)}`);
    next = hop.location;
  }
  assert.ok(next.startsWith(`${RP}/api/auth/oidc/${provider}/callback`), next);
  return { callback: new URL(next), tx: tx!, authorize };
}

const callback = (url: URL, tx: string | undefined) =>
  app.inject({
    method: 'GET',
    url: url.pathname + url.search,
    headers: tx ? { cookie: `esz_oidc=${tx}` } : {},
  });

async function me(session: string) {
  const res = await app.inject({
    method: 'GET',
    url: '/api/auth/me',
    headers: { cookie: `esz_session=${session}` },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as {
    user: { id: string; username: string; fiscalCode: string };
    activeProfile: { role: string } | null;
    profiles: Array<{ role: string }>;
  };
}

const accountsOf = (fiscalCode: string) =>
  database.db.select({ id: appUser.id }).from(appUser).where(eq(appUser.fiscalCode, fiscalCode));

describe('SPID and CIE for citizens (OpenID Connect)', () => {
  test('the methods say which ways of logging in are on', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/auth/methods' });
    assert.deepEqual(res.json(), {
      password: true,
      spid: true,
      cie: true,
      operatorProvider: true,
      certificate: false,
      demo: false,
    });
  });

  test('the authorization request is a signed request object with PKCE, asking SpidL2', async () => {
    clock = new Date();
    const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/spid/start' });
    const url = new URL(String(start.headers.location));
    assert.ok(url.href.startsWith(`${idpBase}/demo-idp/spid/`));
    assert.equal(url.searchParams.get('client_id'), CLIENT_ID);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    const request = url.searchParams.get('request');
    assert.ok(request, 'request object present');
    const [header, payload] = request
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    assert.equal(header.alg, 'RS256');
    assert.equal(payload.iss, CLIENT_ID);
    assert.equal(payload.aud, `${idpBase}/demo-idp/spid`);
    assert.equal(payload.acr_values, L2);
    assert.ok(payload.state.length >= 32 && payload.nonce && payload.code_challenge);
    assert.ok(payload.claims.userinfo[FISCAL_NUMBER_CLAIM].essential);
    // the cookie binds the transaction to this browser; it must come back with the cross-site redirect
    const setCookie = String(start.headers['set-cookie']);
    assert.match(setCookie, /esz_oidc=.*HttpOnly/i);
    assert.match(setCookie, /SameSite=Lax/i);
  });

  test('SPID, level 2: the citizen of an existing account enters on the CITIZEN profile', async () => {
    clock = new Date();
    const { callback: url, tx } = await throughProvider('spid', PEOPLE.torino.fiscalCode);
    const res = await callback(url, tx);
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/cittadino/esenzioni');
    const session = cookieOf(res.headers['set-cookie'], 'esz_session');
    assert.ok(session, 'session cookie set');
    const m = await me(session);
    assert.equal(m.user.username, USERS.citizen.username);
    assert.equal(m.activeProfile?.role, 'CITIZEN');
    // the same kind of session as the password login: the citizen's own API answers
    const exemptions = await app.inject({
      method: 'GET',
      url: '/api/me/exemptions',
      headers: { cookie: `esz_session=${session}` },
    });
    assert.equal(exemptions.statusCode, 200, exemptions.body);

    // replayed callback (same URL, same browser): the transaction was consumed
    const replay = await callback(url, tx);
    assert.equal(replay.statusCode, 303);
    assert.equal(replay.headers.location, '/accesso?errore=stato');
    assert.equal(cookieOf(replay.headers['set-cookie'], 'esz_session'), undefined);
  });

  test('a replayed code under a new transaction is refused by the provider', async () => {
    clock = new Date();
    const first = await throughProvider('spid', PEOPLE.torino.fiscalCode);
    assert.equal((await callback(first.callback, first.tx)).headers.location, '/cittadino/esenzioni');
    // a new login in the same browser, then the old code offered with the new state
    const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/spid/start' });
    const tx = cookieOf(start.headers['set-cookie'], 'esz_oidc')!;
    const request = new URL(String(start.headers.location)).searchParams.get('request')!;
    const state = JSON.parse(Buffer.from(request.split('.')[1]!, 'base64url').toString()).state as string;
    const forged = new URL(first.callback);
    forged.searchParams.set('state', state);
    const res = await callback(forged, tx);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/accesso?errore=codice');
    assert.equal(cookieOf(res.headers['set-cookie'], 'esz_session'), undefined);
  });

  test('CIE, first login of a person known to the region: a CITIZEN account is made, once', async () => {
    clock = new Date();
    assert.equal((await accountsOf(PEOPLE.torino2.fiscalCode)).length, 0);
    const first = await throughProvider('cie', PEOPLE.torino2.fiscalCode);
    const res = await callback(first.callback, first.tx);
    assert.equal(res.headers.location, '/cittadino/esenzioni', res.body);
    const m = await me(cookieOf(res.headers['set-cookie'], 'esz_session')!);
    assert.equal(m.user.fiscalCode, PEOPLE.torino2.fiscalCode);
    assert.equal(m.activeProfile?.role, 'CITIZEN');
    assert.deepEqual(
      m.profiles.map((p) => p.role),
      ['CITIZEN'],
    );
    const again = await throughProvider('cie', PEOPLE.torino2.fiscalCode);
    const res2 = await callback(again.callback, again.tx);
    assert.equal(res2.headers.location, '/cittadino/esenzioni');
    assert.equal((await me(cookieOf(res2.headers['set-cookie'], 'esz_session')!)).user.id, m.user.id);
    assert.equal((await accountsOf(PEOPLE.torino2.fiscalCode)).length, 1);
    // the account has no password: the password login cannot enter it
    const pw = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: PEOPLE.torino2.fiscalCode.toLowerCase(), password: '!', pin: '!' },
    });
    assert.equal(pw.statusCode, 401);
  });

  test('level too low (SpidL1): refused, no session', async () => {
    clock = new Date();
    const { callback: url, tx } = await throughProvider('spid', PEOPLE.torino.fiscalCode, { level: L1 });
    const res = await callback(url, tx);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/accesso?errore=livello');
    assert.equal(cookieOf(res.headers['set-cookie'], 'esz_session'), undefined);
  });

  test('unknown fiscal number: refused, no account made', async () => {
    clock = new Date();
    const { callback: url, tx } = await throughProvider('spid', STRANGER);
    const res = await callback(url, tx);
    assert.equal(res.headers.location, '/accesso?errore=sconosciuto');
    assert.equal(cookieOf(res.headers['set-cookie'], 'esz_session'), undefined);
    assert.equal((await accountsOf(STRANGER)).length, 0);
  });

  test('wrong state: refused, and the code is not spent on it', async () => {
    clock = new Date();
    const { callback: url, tx } = await throughProvider('spid', PEOPLE.torino.fiscalCode);
    const wrong = new URL(url);
    wrong.searchParams.set('state', 'x'.repeat(43));
    const res = await callback(wrong, tx);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/accesso?errore=stato');
    // no cookie at all (another browser): refused as well
    const res2 = await callback(url, undefined);
    assert.equal(res2.headers.location, '/accesso?errore=stato');
  });

  test('a transaction older than 10 minutes is refused (time injected)', async () => {
    clock = new Date();
    const { callback: url, tx } = await throughProvider('spid', PEOPLE.torino.fiscalCode);
    clock = new Date(clock.getTime() + 11 * 60_000);
    const res = await callback(url, tx);
    assert.equal(res.headers.location, '/accesso?errore=stato');
    clock = new Date();
  });

  test('cancelled at the provider: the login page says so', async () => {
    clock = new Date();
    const { callback: url, tx } = await throughProvider('spid', PEOPLE.torino.fiscalCode, { cancel: true });
    const res = await callback(url, tx);
    assert.equal(res.headers.location, '/accesso?errore=annullato');
  });
});

describe('operators through the regional identity provider', () => {
  test('an operator with one profile enters on it', async () => {
    clock = new Date();
    const { callback: url, tx } = await throughProvider('operatore', USERS.opTorino.fiscalCode);
    const res = await callback(url, tx);
    assert.equal(res.headers.location, '/', res.body);
    const m = await me(cookieOf(res.headers['set-cookie'], 'esz_session')!);
    assert.equal(m.user.username, USERS.opTorino.username);
    assert.equal(m.activeProfile?.role, 'DISTRICT_OPERATOR');
  });

  test('an operator with several profiles chooses one', async () => {
    clock = new Date();
    const { callback: url, tx } = await throughProvider('operatore', USERS.multi.fiscalCode);
    const res = await callback(url, tx);
    const m = await me(cookieOf(res.headers['set-cookie'], 'esz_session')!);
    assert.equal(m.activeProfile, null);
    assert.equal(m.profiles.length, 2);
  });

  test('an identity with no operator profile is refused with its reason', async () => {
    clock = new Date();
    const { callback: url, tx } = await throughProvider('operatore', USERS.lucia.fiscalCode);
    const res = await callback(url, tx);
    assert.equal(res.headers.location, '/accesso?errore=operatore');
    assert.equal(cookieOf(res.headers['set-cookie'], 'esz_session'), undefined);
  });
});

describe('password login as a fallback the configuration switches off', () => {
  test('PASSWORD_LOGIN=false: the password login answers 403 and the methods say so', async () => {
    const off = await buildApp({
      db: database.db,
      logger: false,
      config: appConfig(identitySettings({ passwordLogin: false })),
    });
    try {
      const res = await off.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: USERS.opTorino.username, password: 'x', pin: '000000' },
      });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().code, 'LOGIN_METHOD_DISABLED');
      assert.equal((await off.inject({ method: 'GET', url: '/api/auth/methods' })).json().password, false);
    } finally {
      await off.close();
    }
  });

  test('demo providers mounted on the service itself; a demo login on another host name moves to PUBLIC_URL', async () => {
    const demo = await buildApp({
      db: database.db,
      logger: false,
      config: appConfig(
        identitySettings({
          publicUrl: 'http://127.0.0.1:3000',
          demoProvider: true,
          issuers: {},
          clientKeyFile: undefined,
        }),
      ),
    });
    try {
      const discovery = await demo.inject({
        method: 'GET',
        url: '/demo-idp/spid/.well-known/openid-configuration',
      });
      assert.equal(discovery.statusCode, 200, discovery.body);
      const meta = discovery.json() as Record<string, unknown>;
      assert.equal(meta.issuer, 'http://127.0.0.1:3000/demo-idp/spid');
      assert.ok((meta.acr_values_supported as string[]).includes(L2));
      assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
      assert.equal(meta.require_signed_request_object, true);
      const methods = (await demo.inject({ method: 'GET', url: '/api/auth/methods' })).json();
      assert.equal(methods.demo, true);
      const moved = await demo.inject({
        method: 'GET',
        url: '/api/auth/oidc/cie/start',
        headers: { host: 'localhost:3000' },
      });
      assert.equal(moved.statusCode, 303);
      assert.equal(moved.headers.location, 'http://127.0.0.1:3000/api/auth/oidc/cie/start');
    } finally {
      await demo.close();
    }
  });

  test('a provider that cannot be reached: the login page says so, never a 500', async () => {
    const down = await buildApp({
      db: database.db,
      logger: false,
      config: appConfig(identitySettings({ issuers: { spid: 'http://127.0.0.1:9/nessuno' } })),
    });
    try {
      const res = await down.inject({ method: 'GET', url: '/api/auth/oidc/spid/start' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/accesso?errore=provider');
      const cie = await down.inject({ method: 'GET', url: '/api/auth/oidc/cie/start' });
      assert.equal(cie.headers.location, '/accesso?errore=provider');
    } finally {
      await down.close();
    }
  });
});
