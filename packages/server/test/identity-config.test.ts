/**
 * Identity configuration (issue 13, docs/identity.md): on a fresh clone the demo SPID/CIE providers are on
 * (so «Entra con SPID» works), never in production; the password login can be switched off; the public
 * address defaults to where the server listens. No database.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../src/config.js';

describe('identity settings', () => {
  test('fresh clone: demo providers on, password login on, public URL = the listening address', () => {
    const c = loadConfig({});
    assert.equal(c.identity.demoProvider, true);
    assert.equal(c.identity.passwordLogin, true);
    assert.equal(c.identity.publicUrl, 'http://127.0.0.1:3000');
    assert.equal(c.identity.clientId, 'http://127.0.0.1:3000');
    assert.equal(c.identity.minAcr, 'https://www.spid.gov.it/SpidL2');
    assert.equal(c.identity.allowHttpIssuers, true);
    assert.equal(c.tls, undefined);
  });

  test('without the demo data the demo providers are off unless asked for', () => {
    assert.equal(loadConfig({ SEED_DEMO: 'false' }).identity.demoProvider, false);
    assert.equal(loadConfig({ SEED_DEMO: 'false', OIDC_DEMO_PROVIDER: 'true' }).identity.demoProvider, true);
  });

  test('production: never the demo providers, never plain-http issuers', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      OIDC_DEMO_PROVIDER: 'true',
      PUBLIC_URL: 'https://esenzioni.regione.example/',
      OIDC_SPID_ISSUER: 'https://spid.regione.example/oidc/op',
      PASSWORD_LOGIN: 'false',
    });
    assert.equal(c.identity.demoProvider, false);
    assert.equal(c.identity.allowHttpIssuers, false);
    assert.equal(c.identity.publicUrl, 'https://esenzioni.regione.example');
    assert.equal(c.identity.issuers.spid, 'https://spid.regione.example/oidc/op');
    assert.equal(c.identity.passwordLogin, false);
  });

  test('HTTPS with a client CA and a proxy header are read; a level below SpidL2 cannot be configured', () => {
    const c = loadConfig({
      TLS_CERT_FILE: '/etc/esz/server.pem',
      TLS_KEY_FILE: '/etc/esz/server.key',
      TLS_CLIENT_CA_FILE: '/etc/esz/ca.pem',
      CLIENT_CERT_HEADER: 'X-SSL-Client-Cert',
    });
    assert.deepEqual(c.tls, {
      certFile: '/etc/esz/server.pem',
      keyFile: '/etc/esz/server.key',
      clientCaFile: '/etc/esz/ca.pem',
    });
    assert.equal(c.identity.publicUrl, 'https://127.0.0.1:3000');
    assert.deepEqual(c.identity.certificate, { caFile: '/etc/esz/ca.pem', header: 'x-ssl-client-cert' });
    assert.throws(() => loadConfig({ OIDC_MIN_ACR: 'https://www.spid.gov.it/SpidL1' }), /OIDC_MIN_ACR/);
  });
});
