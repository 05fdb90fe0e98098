/**
 * issue 16 §1: drain, then stop. On SIGTERM main.ts sets the app's Readiness to draining: /readyz answers
 * 503 (HAProxy's check takes the process out) while every other route keeps answering; then app.close()
 * lets a request already in flight finish (and answers 503 to one arriving on a kept-alive connection)
 * before the database is closed. A real listening server: close semantics are the HTTP server's.
 * The real processes behind HAProxy (SIGTERM with no request lost) are `npm run test:cluster`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { Readiness } from '../src/http/health.js';
import type { Database } from '../src/db/client.js';
import { openTestDatabase } from './helpers/db.js';
import { TEST_APP_CONFIG } from './helpers/app.js';

let database: Database;
let app: FastifyInstance;
let base: string;
const readiness = new Readiness();
let releaseSlow: () => void = () => undefined;
let slowStarted: () => void = () => undefined;
const started = new Promise<void>((r) => (slowStarted = r));

before(async () => {
  database = await openTestDatabase();
  app = await buildApp({
    db: database.db,
    logger: false,
    readiness,
    config: TEST_APP_CONFIG,
  });
  // a request that is still being answered when the shutdown starts
  app.get('/test/slow', async () => {
    slowStarted();
    await new Promise<void>((r) => (releaseSlow = r));
    return { done: true };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
after(async () => {
  await app.close();
  await database.close();
});

/** GET over one kept-alive connection of `agent` (HAProxy's connections are kept alive too). */
function get(agent: http.Agent, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { agent }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

test('draining: /readyz answers 503 while the other routes still answer; close waits for the request in flight', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const other = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    assert.equal((await get(agent, '/readyz')).status, 200);
    await get(other, '/healthz'); // a kept-alive connection, idle when the server closes

    readiness.draining = true;
    const ready = await get(agent, '/readyz');
    assert.equal(ready.status, 503);
    assert.equal(JSON.parse(ready.body).status, 'draining');
    // still serving: the load balancer has not noticed yet, requests keep coming for a moment
    assert.equal((await get(agent, '/healthz')).status, 200);
    assert.equal(
      (await get(agent, '/api/auth/me')).status,
      401,
      'the API answers (401: no session), not 503',
    );

    const slow = get(new http.Agent({ keepAlive: false }), '/test/slow');
    await started;
    let closed = false;
    const closing = app.close().then(() => (closed = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(closed, false, 'close waits for the request in flight');
    releaseSlow();
    const answer = await slow;
    assert.equal(answer.status, 200, 'the request in flight is answered, not cut');
    assert.deepEqual(JSON.parse(answer.body), { done: true });
    await closing;
    assert.equal(closed, true);
  } finally {
    agent.destroy();
    other.destroy();
  }
});
