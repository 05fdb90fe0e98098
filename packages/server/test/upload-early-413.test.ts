import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { todayInRome } from '@esenzioni/domain';
import { login, type TestWorld } from './helpers/app.js';
import { startPortalWorld } from './helpers/portal-world.js';
import { countRows, PEOPLE, USERS } from './helpers/fixtures.js';

const LIMIT = 1024 * 1024;
let w: TestWorld;
let port = 0;

before(async () => {
  w = await startPortalWorld({ uploadMaxFileBytes: LIMIT });
  await w.app.listen({ host: '127.0.0.1', port: 0 });
  port = (w.app.server.address() as AddressInfo).port;
});
after(() => w.close());

test('an oversized file is answered 413 while the client is still sending it', async () => {
  const counter = await login(w.app, USERS.counter.username);
  const boundary = 'esz-early-413';
  const head =
    [
      ['beneficiaryFiscalCode', PEOPLE.giovanni.fiscalCode],
      ['exemptionCode', '048'],
      ['issuedOn', todayInRome()],
    ]
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('') +
    `--${boundary}\r\nContent-Disposition: form-data; name="certificate"; filename="enorme.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`;
  const req = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/cases',
    headers: {
      cookie: counter.cookie,
      'x-csrf-token': counter.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      // announces 20 MB; only a little more than the limit is ever sent
      'content-length': String(20 * LIMIT),
    },
  });
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
  });
  req.write(head);
  req.write(Buffer.alloc(LIMIT + 64 * 1024, 0x20));
  const outcome = await Promise.race([
    answered,
    new Promise<null>((r) => setTimeout(() => r(null), 5000).unref()),
  ]);
  req.destroy();
  assert.ok(outcome, 'no answer before the body was complete');
  assert.equal(outcome.status, 413);
  assert.equal(JSON.parse(outcome.body).code, 'PAYLOAD_TOO_LARGE');
  assert.equal(await countRows(w.database.db, 'document'), 0);
});
