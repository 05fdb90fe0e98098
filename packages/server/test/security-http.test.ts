/**
 * The HTTP edge (issue 9 §6 and §8): security headers and the CSP the SPA must pass, HSTS only over https,
 * no-store on personal data, /metrics and /api/docs closed in production, the correlation id chosen by the
 * server, a sweep of malformed input over every route of the OpenAPI document (always a 4xx problem+json,
 * never a 5xx), and the request timeout on a stalled body.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { InjectOptions } from 'fastify';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { newCase, PEOPLE } from './helpers/fixtures.js';

let world: TestWorld;
let operator: Client;
let citizen: Client;
let caseNumber: string;

before(async () => {
  world = await startWorld();
  operator = await login(world.app, 'op.torino');
  citizen = await login(world.app, 'citizen');
  caseNumber = await newCase(world.database.db, 'torino');
});
after(async () => world?.close());

const baseConfig = {
  sessionIdleMs: 30 * 60_000,
  sessionMaxMs: 12 * 3_600_000,
  cookieSecure: false as const,
  webDist: '/nonexistent',
  logLevel: 'silent' as const,
};

test('security headers: a strict CSP with no inline script, frame and sniffing protections', async () => {
  const res = await world.app.inject({ method: 'GET', url: '/healthz' });
  const csp = String(res.headers['content-security-policy']);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'(;|$)/, 'scripts only from our own origin');
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /object-src 'none'/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.equal(res.headers['x-frame-options'], 'DENY');
  assert.equal(res.headers['referrer-policy'], 'no-referrer');
  assert.equal(res.headers['strict-transport-security'], undefined, 'no HSTS over plain http');
});

test('HSTS when a trusted TLS proxy says the request came over https', async () => {
  const app = await buildApp({
    db: world.database.db,
    logger: false,
    config: { ...baseConfig, trustProxy: ['loopback'] },
  });
  try {
    const res = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-forwarded-proto': 'https' },
    });
    assert.match(String(res.headers['strict-transport-security']), /max-age=31536000/);
    const plain = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(plain.headers['strict-transport-security'], undefined);
  } finally {
    await app.close();
  }
});

test('personal data is never cacheable: case detail, search, CSV export, citizen pages, errors', async () => {
  const urls: Array<[Client, string]> = [
    [operator, `/api/cases/${caseNumber}`],
    [operator, '/api/cases?view=todo'],
    [operator, '/api/cases/export.csv?view=todo'],
    [citizen, '/api/me/cases'],
    [citizen, '/api/me/exemptions'],
    [citizen, '/api/cases/NON-ESISTE'],
  ];
  for (const [client, url] of urls) {
    const res = await client.req({ method: 'GET', url });
    assert.ok(res.statusCode < 500, `${url}: ${res.statusCode}`);
    assert.equal(res.headers['cache-control'], 'no-store', url);
  }
});

test('the correlation id is the server’s own; a client-chosen one is not stored in the access log', async () => {
  const chosen = 'attacker-chosen-id-0001';
  const res = await operator.req({
    method: 'GET',
    url: `/api/cases/${caseNumber}`,
    headers: { 'x-correlation-id': chosen },
  });
  assert.equal(res.statusCode, 200);
  const id = String(res.headers['x-correlation-id']);
  assert.notEqual(id, chosen);
  assert.match(id, /^[0-9a-f-]{36}$/);
  const r = (await world.database.db.execute(
    sql`select count(*)::int as n from access_log where correlation_id = ${chosen}`,
  )) as unknown as {
    rows: Array<{ n: number }>;
  };
  assert.equal(Number(r.rows[0]?.n), 0);
  const mine = (await world.database.db.execute(
    sql`select count(*)::int as n from access_log where correlation_id = ${id}`,
  )) as unknown as {
    rows: Array<{ n: number }>;
  };
  assert.ok(Number(mine.rows[0]?.n) >= 1, 'the read is logged under the server id');
});

test('production: /metrics needs its token (404 otherwise) and /api/docs is not served unless enabled', async () => {
  const token = 'metrics-token-0123456789';
  const closed = await buildApp({
    db: world.database.db,
    logger: false,
    config: {
      ...baseConfig,
      trustProxy: false,
      exposeApiDocs: false,
      metricsAccess: { kind: 'token', token },
    },
  });
  try {
    assert.equal((await closed.inject({ method: 'GET', url: '/metrics' })).statusCode, 404);
    // percent-encoded, the router still matches /metrics: so must the guard
    assert.equal((await closed.inject({ method: 'GET', url: '/%6Detrics' })).statusCode, 404);
    assert.equal((await closed.inject({ method: 'GET', url: '/%6detrics?x=1' })).statusCode, 404);
    assert.equal(
      (
        await closed.inject({
          method: 'GET',
          url: '/metrics',
          headers: { authorization: 'Bearer wrong-token-0123456789' },
        })
      ).statusCode,
      404,
    );
    const ok = await closed.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /http_request_duration_seconds/);
    assert.equal((await closed.inject({ method: 'GET', url: '/api/docs' })).statusCode, 404);
    assert.equal((await closed.inject({ method: 'GET', url: '/api/docs/json' })).statusCode, 404);
  } finally {
    await closed.close();
  }
  // outside production (the test world's defaults) both are there
  assert.equal((await world.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 200);
  assert.equal((await world.app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode, 200);
});

/** encodeURIComponent refuses lone surrogates: send them as the invalid UTF-8 bytes a hostile client would. */
const encodeLoose = (v: string) =>
  Array.from(v)
    .map((ch) => (/^[\uD800-\uDFFF]$/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch)))
    .join('');
const queryString = (q: Record<string, string>) =>
  Object.entries(q)
    .map(([k, v]) => `${k}=${encodeLoose(v)}`)
    .join('&');

/** Values that no person types, and values no column can hold. */
const HOSTILE_VALUES = [
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '99999999999999999999999',
  '-1',
  '1e309',
  '%00',
  '../../etc/passwd',
  "' or 1=1 --",
  'Ω'.repeat(5000),
];

test('malformed input on every route answers a 4xx problem+json, never a 5xx', async () => {
  const doc = (await world.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>>;
  };
  const failures: string[] = [];
  let requests = 0;
  for (const [template, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (template === '/api/auth/logout') continue; // would end the session the sweep uses
      const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      for (const value of HOSTILE_VALUES) {
        const path = template.replace(/\{\w+\}/g, encodeLoose(value));
        const qs = queryString(Object.fromEntries(queryNames.map((n) => [n, value])));
        const url = qs ? `${path}?${qs}` : path;
        const payload =
          method === 'get'
            ? undefined
            : {
                value,
                note: value,
                reason: value,
                profileId: value,
                username: value,
                password: value,
                pin: value,
              };
        for (const client of [operator, citizen]) {
          const opts: InjectOptions = {
            method: method.toUpperCase() as InjectOptions['method'],
            url,
            ...(payload ? { payload } : {}),
          };
          const res = await client.req(opts);
          requests++;
          if (res.statusCode >= 500)
            failures.push(
              `${method.toUpperCase()} ${template} ${JSON.stringify(value).slice(0, 30)} → ${res.statusCode}`,
            );
          else if (
            res.statusCode >= 400 &&
            // the FHIR API (issue 14) answers its errors as OperationOutcome, application/fhir+json
            !String(res.headers['content-type']).startsWith(
              template.startsWith('/fhir/') ? 'application/fhir+json' : 'application/problem+json',
            )
          ) {
            failures.push(`${method.toUpperCase()} ${template} → ${res.statusCode} is not problem+json`);
          }
        }
      }
    }
  }
  // a raw NUL in the JSON body of the anonymous login
  const nul = await world.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'op\u0000torino', password: 'x', pin: '1' },
  });
  assert.equal(nul.statusCode, 400, nul.body);
  console.log(
    `malformed-input sweep: ${requests} requests over ${Object.keys(doc.paths).length} paths, ${failures.length} answered 5xx or not problem+json`,
  );
  assert.deepEqual(failures, []);
});

test('a NUL or lone surrogate in a search filter is a 400 naming the field', async () => {
  const res = await operator.req({
    method: 'GET',
    url: `/api/cases?${queryString({ view: 'todo', lastName: 'ROS\u0000SI' })}`,
  });
  assert.equal(res.statusCode, 400);
  const body = res.json() as { code: string; issues?: Array<{ field: string }> };
  assert.equal(body.code, 'VALIDATION_FAILED');
  assert.equal(body.issues?.[0]?.field, 'lastName');
  const lone = await operator.req({
    method: 'GET',
    url: `/api/people/${encodeLoose('\uD800' + PEOPLE.torino.fiscalCode)}`,
  });
  assert.ok(lone.statusCode >= 400 && lone.statusCode < 500, String(lone.statusCode));
});

test('a stalled request body is answered 408 and closed once the request timeout passes', async () => {
  const app = await buildApp({
    db: world.database.db,
    logger: false,
    config: { ...baseConfig, trustProxy: false, requestTimeoutMs: 150 },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const port = (app.server.address() as net.AddressInfo).port;
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        // promises 1,000 bytes, sends 10, then nothing
        socket.write(
          'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"usernam',
        );
      });
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
      socket.setTimeout(10_000, () => {
        socket.destroy();
        reject(new Error('the server kept the stalled request open'));
      });
    });
    const ms = Date.now() - started;
    console.log(`stalled body: answered and closed after ${ms} ms (request timeout 150 ms)`);
    assert.match(answer, /^HTTP\/1\.1 408/);
    assert.ok(ms < 5_000);
  } finally {
    await app.close();
  }
});

test('CSV exports are rate limited per user: 429 problem+json with Retry-After, other users unaffected', async () => {
  const { EXPORTS_PER_MINUTE } = await import('../src/routes/cases/work.js');
  const heavy = await login(world.app, 'op.torino');
  let limited: Awaited<ReturnType<Client['req']>> | undefined;
  for (let i = 0; i <= EXPORTS_PER_MINUTE + 1 && !limited; i++) {
    const res = await heavy.req({ method: 'GET', url: '/api/cases/export.csv?view=todo' });
    if (res.statusCode === 429) limited = res;
    else assert.equal(res.statusCode, 200, res.body);
  }
  assert.ok(limited, 'the export is limited');
  assert.equal(limited.json().code, 'RATE_LIMITED');
  assert.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After is set');
  const other = await login(world.app, 'op.bra');
  assert.equal((await other.req({ method: 'GET', url: '/api/cases/export.csv?view=todo' })).statusCode, 200);
});

test('TRUST_PROXY trusts named proxies only: a client cannot choose its address with X-Forwarded-For', async () => {
  assert.deepEqual(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, ['loopback']);
  assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16' }).trustProxy, [
    '10.0.0.5',
    '10.1.0.0/16',
  ]);
  assert.equal(loadConfig({}).trustProxy, false);
  assert.throws(() => loadConfig({ TRUST_PROXY: 'everyone' }), /TRUST_PROXY/);
  // the proxy on 127.0.0.1 appends the client's real address to whatever the client sent
  const app = await buildApp({
    db: world.database.db,
    logger: false,
    config: { ...baseConfig, trustProxy: ['loopback'] },
  });
  app.get('/api/test-ip', async (req) => ({ ip: req.ip }));
  try {
    const res = await app.inject({
      method: 'GET',
      url: '/api/test-ip',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' },
    });
    assert.equal(
      res.json().ip,
      '198.51.100.7',
      'the address the trusted proxy saw, not the one the client wrote',
    );
  } finally {
    await app.close();
  }
});

test('case submissions are rate limited per user (each may carry files to inspect): 429 RATE_LIMITED', async () => {
  const { SUBMISSIONS_PER_MINUTE } = await import('../src/uploads/multipart-form.js');
  const specialist = await login(world.app, 'spec');
  let limited = 0;
  for (let i = 0; i <= SUBMISSIONS_PER_MINUTE; i++) {
    const res = await specialist.req({ method: 'POST', url: '/api/cases', payload: {} });
    if (res.statusCode === 429) limited++;
    else assert.equal(res.statusCode, 400, res.body);
  }
  assert.equal(limited, 1, 'the request past the limit');
  const other = await login(world.app, 'spec2');
  assert.equal(
    (await other.req({ method: 'POST', url: '/api/cases', payload: {} })).statusCode,
    400,
    'other users are not limited',
  );
});
