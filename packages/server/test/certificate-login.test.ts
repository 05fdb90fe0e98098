/**
 * The operators' digital-certificate login (issue 13): a CA and client certificates made here with the
 * openssl CLI, the subject's serialNumber TINIT-<fiscal code>. Directly, on an HTTPS server on 127.0.0.1
 * that asks for a client certificate; and behind a trusted TLS proxy that forwards it in a header.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import type { IdentitySettings } from '../src/config.js';
import type { Database } from '../src/db/client.js';
import { openTestDatabase } from './helpers/db.js';
import { USERS } from './helpers/fixtures.js';

let dir: string;
let database: Database;
let clock = new Date();
const file = (name: string) => path.join(dir, name);
const pem = (name: string) => readFileSync(file(name), 'utf8');
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

/** A key and a certificate for `subject`, issued by the CA `ca` (files <ca>.pem/.key). */
function issue(name: string, subject: string, ca: string, extra: string[] = []) {
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    subject,
  );
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.pem`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-out',
    `${name}.pem`,
    '-days',
    '2',
    ...extra,
  );
}

function identity(over: Partial<IdentitySettings['certificate']>): IdentitySettings {
  return {
    publicUrl: 'https://127.0.0.1',
    passwordLogin: true,
    demoProvider: false,
    issuers: {},
    clientId: 'x',
    clientKeyFile: undefined,
    minAcr: 'https://www.spid.gov.it/SpidL2',
    operatorFiscalClaim: 'https://attributes.eid.gov.it/fiscal_number',
    allowHttpIssuers: true,
    certificate: { caFile: undefined, header: undefined, ...over },
  };
}

const baseConfig = {
  sessionIdleMs: 30 * 60_000,
  sessionMaxMs: 12 * 3_600_000,
  cookieSecure: 'auto' as const,
  webDist: '/nonexistent',
  logLevel: 'silent' as const,
};

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'esz-cert-'));
  for (const ca of ['ca', 'rogue']) {
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${ca}.key`,
      '-out',
      `${ca}.pem`,
      '-days',
      '2',
      '-subj',
      `/C=IT/O=Prova/CN=${ca === 'ca' ? 'CA operatori di prova' : 'CA sconosciuta'}`,
    );
  }
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'server.key',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  );
  issue('operator', `/C=IT/CN=OPERATORE TORINO/serialNumber=TINIT-${USERS.opTorino.fiscalCode}`, 'ca');
  issue('citizen', `/C=IT/CN=LUCIA VERDI/serialNumber=TINIT-${USERS.lucia.fiscalCode}`, 'ca');
  issue('noserial', '/C=IT/CN=SENZA CODICE', 'ca');
  issue('stranger', `/C=IT/CN=OPERATORE/serialNumber=TINIT-${USERS.opTorino.fiscalCode}`, 'rogue');
});

after(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('directly on HTTPS, the certificate of the TLS handshake', () => {
  let app: FastifyInstance;
  let port = 0;

  before(async () => {
    database = await openTestDatabase({ fixtures: true });
    app = await buildApp({
      db: database.db,
      logger: false,
      config: { ...baseConfig, trustProxy: false, identity: identity({ caFile: file('ca.pem') }) },
      https: { key: pem('server.key'), cert: pem('server.pem'), ca: pem('ca.pem') },
      clock: () => clock,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  after(() => app?.close());

  const post = (client?: string) =>
    new Promise<{ status: number; body: string; cookies: string[] }>((resolve, reject) => {
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/auth/certificate',
          ca: pem('server.pem'),
          ...(client ? { key: pem(`${client}.key`), cert: pem(`${client}.pem`) } : {}),
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body, cookies: res.headers['set-cookie'] ?? [] }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });

  test('an operator certificate from the CA: logged in with the operator profile, same session as a password login', async () => {
    clock = new Date();
    const res = await post('operator');
    assert.equal(res.status, 200, res.body);
    const body = JSON.parse(res.body) as { user: { username: string }; profiles: Array<{ role: string }> };
    assert.equal(body.user.username, USERS.opTorino.username);
    assert.deepEqual(
      body.profiles.map((p) => p.role),
      ['DISTRICT_OPERATOR'],
    );
    const cookie = res.cookies.find((c) => c.startsWith('esz_session='));
    assert.ok(cookie, 'session cookie');
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Strict/i);
    assert.match(cookie, /Secure/i);
  });

  test('no certificate: refused with a clear message', async () => {
    const res = await post();
    assert.equal(res.status, 401);
    assert.equal(JSON.parse(res.body).code, 'CLIENT_CERTIFICATE_INVALID');
    assert.match(JSON.parse(res.body).detail, /Nessun certificato digitale/);
  });

  test('a certificate from another CA: refused', async () => {
    const res = await post('stranger');
    assert.equal(res.status, 401);
    assert.match(JSON.parse(res.body).detail, /autorità riconosciuta/);
  });

  test('a certificate without TINIT- serial number: refused', async () => {
    const res = await post('noserial');
    assert.equal(res.status, 401);
    assert.match(JSON.parse(res.body).detail, /codice fiscale/);
  });

  test('an identity with no operator profile: refused, saying why', async () => {
    const res = await post('citizen');
    assert.equal(res.status, 403);
    const body = JSON.parse(res.body) as { code: string; detail: string };
    assert.equal(body.code, 'IDENTITY_REFUSED');
    assert.match(body.detail, /non ha un profilo di operatore/);
  });

  test('an expired certificate (the clock moved past its end): refused', async () => {
    clock = new Date(Date.now() + 5 * 86_400_000);
    const res = await post('operator');
    clock = new Date();
    assert.equal(res.status, 401);
    assert.match(JSON.parse(res.body).detail, /scaduto/);
  });
});

describe('behind a trusted TLS proxy, the certificate in a header', () => {
  let app: FastifyInstance;
  const HEADER = 'x-ssl-client-cert';

  before(async () => {
    app = await buildApp({
      db: database.db,
      logger: false,
      config: {
        ...baseConfig,
        trustProxy: ['127.0.0.1'],
        identity: identity({ caFile: file('ca.pem'), header: HEADER }),
      },
      clock: () => clock,
    });
  });
  after(() => app?.close());

  const post = (cert: string | undefined, remoteAddress = '127.0.0.1') =>
    app.inject({
      method: 'POST',
      url: '/api/auth/certificate',
      remoteAddress,
      headers: cert ? { [HEADER]: encodeURIComponent(pem(`${cert}.pem`)) } : {},
    });

  test('from the proxy, a certificate from the CA: logged in', async () => {
    clock = new Date();
    const res = await post('operator');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().user.username, USERS.opTorino.username);
  });

  test('the same header from an address that is not the proxy: ignored (no certificate)', async () => {
    const res = await post('operator', '203.0.113.7');
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'CLIENT_CERTIFICATE_INVALID');
  });

  test('from the proxy, a certificate of another CA: refused', async () => {
    const res = await post('stranger');
    assert.equal(res.statusCode, 401);
  });

  test('without the certificate login configured the route refuses (403)', async () => {
    const off = await buildApp({
      db: database.db,
      logger: false,
      config: { ...baseConfig, trustProxy: false, identity: identity({}) },
    });
    try {
      const res = await off.inject({ method: 'POST', url: '/api/auth/certificate' });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().code, 'LOGIN_METHOD_DISABLED');
    } finally {
      await off.close();
    }
  });

  test('CLIENT_CERT_HEADER without TRUST_PROXY is a configuration error', async () => {
    await assert.rejects(
      buildApp({
        db: database.db,
        logger: false,
        config: { ...baseConfig, trustProxy: false, identity: identity({ header: HEADER }) },
      }),
      /TRUST_PROXY/,
    );
  });
});
