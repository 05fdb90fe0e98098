/**
 * The `Secure` attribute of the session and device cookies (routes/auth.ts): with COOKIE_SECURE unset
 * ('auto') it follows the protocol of the request, which behind a TLS-terminating proxy is the
 * X-Forwarded-Proto of a TRUSTED proxy only (TRUST_PROXY); COOKIE_SECURE=true/false forces it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { startWorld, type TestWorld } from './helpers/app.js';
import { PASSWORD, PIN, USERS } from './helpers/fixtures.js';

let w: TestWorld;
before(async () => {
  w = await startWorld();
});
after(() => w.close());

type Setting = Pick<Config, 'cookieSecure' | 'trustProxy'>;

async function withApp<T>(setting: Setting, run: (app: FastifyInstance) => Promise<T>): Promise<T> {
  const app = await buildApp({
    db: w.database.db,
    logger: false,
    config: {
      ...setting,
      sessionIdleMs: 30 * 60_000,
      sessionMaxMs: 12 * 3_600_000,
      webDist: '/nonexistent',
      logLevel: 'silent',
    },
  });
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}

interface From {
  remoteAddress?: string;
  forwardedProto?: string;
}

const headersOf = (from: From) =>
  from.forwardedProto ? { 'x-forwarded-proto': from.forwardedProto } : undefined;

/** The Set-Cookie lines of a login, by cookie name. */
async function loginCookies(
  app: FastifyInstance,
  from: From,
  username: string = USERS.opTorino.username,
): Promise<{ cookies: Map<string, string>; csrf: string; profiles: Array<{ id: string; role: string }> }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: PASSWORD, pin: PIN },
    ...(from.remoteAddress ? { remoteAddress: from.remoteAddress } : {}),
    ...(headersOf(from) ? { headers: headersOf(from) } : {}),
  });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as { csrfToken: string; profiles: Array<{ id: string; role: string }> };
  return { cookies: cookieLines(res.headers['set-cookie']), csrf: body.csrfToken, profiles: body.profiles };
}

function cookieLines(setCookie: string | string[] | undefined): Map<string, string> {
  const lines = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return new Map(lines.map((l) => [l.slice(0, l.indexOf('=')), l]));
}

const isSecure = (line: string | undefined) => {
  assert.ok(line, 'cookie set');
  return line.split(';').some((a) => a.trim().toLowerCase() === 'secure');
};

/** Both cookies of a login are Secure, or neither is. */
async function secureAtLogin(setting: Setting, from: From): Promise<boolean> {
  return withApp(setting, async (app) => {
    const { cookies } = await loginCookies(app, from);
    const session = isSecure(cookies.get('esz_session'));
    assert.equal(
      isSecure(cookies.get('esz_device')),
      session,
      'the device cookie follows the session cookie',
    );
    for (const line of cookies.values()) assert.match(line, /HttpOnly/i);
    return session;
  });
}

const HTTPS_VIA_LOOPBACK: From = { remoteAddress: '127.0.0.1', forwardedProto: 'https' };

describe("COOKIE_SECURE unset ('auto'): Secure when the request came over https", () => {
  test('behind a trusted proxy that says https: Secure', async () => {
    assert.equal(
      await secureAtLogin({ cookieSecure: 'auto', trustProxy: ['loopback'] }, HTTPS_VIA_LOOPBACK),
      true,
    );
  });

  test('the same proxy forwarding plain http, or no header: not Secure (the cookie must reach the browser)', async () => {
    const setting: Setting = { cookieSecure: 'auto', trustProxy: ['loopback'] };
    assert.equal(await secureAtLogin(setting, { remoteAddress: '127.0.0.1', forwardedProto: 'http' }), false);
    assert.equal(await secureAtLogin(setting, { remoteAddress: '127.0.0.1' }), false);
  });

  test('X-Forwarded-Proto is ignored without TRUST_PROXY, and from an address that is not a trusted proxy', async () => {
    assert.equal(await secureAtLogin({ cookieSecure: 'auto', trustProxy: false }, HTTPS_VIA_LOOPBACK), false);
    const proxies: Setting = { cookieSecure: 'auto', trustProxy: ['10.0.0.0/8'] };
    assert.equal(
      await secureAtLogin(proxies, { remoteAddress: '203.0.113.9', forwardedProto: 'https' }),
      false,
      'a client cannot claim https itself',
    );
    assert.equal(await secureAtLogin(proxies, { remoteAddress: '10.1.2.3', forwardedProto: 'https' }), true);
  });

  test('the session cookie rotated by a profile switch keeps the attribute', async () => {
    await withApp({ cookieSecure: 'auto', trustProxy: ['loopback'] }, async (app) => {
      const { cookies, csrf, profiles } = await loginCookies(app, HTTPS_VIA_LOOPBACK, USERS.multi.username);
      const profile = profiles.find((p) => p.role === 'ADMIN_OPERATOR');
      assert.ok(profile, JSON.stringify(profiles));
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/profile',
        payload: { profileId: profile.id },
        headers: {
          cookie: cookies.get('esz_session')!.split(';')[0]!,
          'x-csrf-token': csrf,
          ...headersOf(HTTPS_VIA_LOOPBACK),
        },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(isSecure(cookieLines(res.headers['set-cookie']).get('esz_session')), true);
    });
  });
});

describe('COOKIE_SECURE forces it', () => {
  test('true: Secure even over plain http; false: never, even behind a trusted https proxy', async () => {
    assert.equal(await secureAtLogin({ cookieSecure: true, trustProxy: false }, {}), true);
    assert.equal(
      await secureAtLogin({ cookieSecure: false, trustProxy: ['loopback'] }, HTTPS_VIA_LOOPBACK),
      false,
    );
  });
});

test('from the environment: TRUST_PROXY=true and no COOKIE_SECURE give Secure cookies behind a local proxy', async () => {
  const config = loadConfig({ TRUST_PROXY: 'true' });
  assert.equal(config.cookieSecure, 'auto');
  assert.deepEqual(config.trustProxy, ['loopback']);
  const setting = { cookieSecure: config.cookieSecure, trustProxy: config.trustProxy };
  assert.equal(await secureAtLogin(setting, HTTPS_VIA_LOOPBACK), true);
  assert.equal(await secureAtLogin(setting, { remoteAddress: '127.0.0.1' }), false);
});
