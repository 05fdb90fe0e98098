/**
 * Issue 16 §7: the web app's files are sent compressed. The build step (packages/web/scripts/precompress.mjs)
 * writes .br and .gz copies; the server (http/web.ts) picks one by Accept-Encoding with Content-Encoding
 * and Vary, sends hashed assets with a year-long immutable Cache-Control and index.html with no-cache.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import type { Database } from '../src/db/client.js';
import { openTestDatabase } from './helpers/db.js';

const PRECOMPRESS = path.join(import.meta.dirname, '..', '..', 'web', 'scripts', 'precompress.mjs');
const JS = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, label: "riga ${i}" }`).join(', ')}];\n`;
const HTML = `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>Esenzioni</title>${'<link rel="modulepreload" href="/assets/app-3f9a1c.js">'.repeat(20)}</head><body><div id="root"></div></body></html>\n`;

let dist: string;
let database: Database;
let app: FastifyInstance;

before(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'esz-web-dist-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), HTML);
  fs.writeFileSync(path.join(dist, 'assets', 'app-3f9a1c.js'), JS);
  fs.writeFileSync(path.join(dist, 'assets', 'tiny-0a1b2c.js'), 'export {};\n');
  execFileSync(process.execPath, [PRECOMPRESS, dist], { stdio: 'pipe' });
  database = await openTestDatabase();
  app = await buildApp({
    db: database.db,
    logger: false,
    config: {
      sessionIdleMs: 30 * 60_000,
      sessionMaxMs: 12 * 3_600_000,
      cookieSecure: false,
      trustProxy: false,
      webDist: dist,
      logLevel: 'silent',
    },
  });
});
after(async () => {
  await app?.close();
  await database?.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

describe('build step: precompress.mjs', () => {
  test('writes .br and .gz copies that decompress to the file; none for a file too small to gain', () => {
    const file = path.join(dist, 'assets', 'app-3f9a1c.js');
    assert.equal(brotliDecompressSync(fs.readFileSync(`${file}.br`)).toString(), JS);
    assert.equal(gunzipSync(fs.readFileSync(`${file}.gz`)).toString(), JS);
    assert.ok(fs.statSync(`${file}.br`).size < JS.length / 3);
    assert.equal(fs.existsSync(path.join(dist, 'assets', 'tiny-0a1b2c.js.br')), false);
  });
});

describe('static files by Accept-Encoding', () => {
  test('br preferred: brotli body, Content-Encoding br, Vary, immutable year-long cache', async () => {
    const res = await get('/assets/app-3f9a1c.js', 'gzip, deflate, br');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-encoding'], 'br');
    assert.match(String(res.headers['content-type']), /javascript/);
    assert.match(String(res.headers.vary), /accept-encoding/i);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(brotliDecompressSync(res.rawPayload).toString(), JS);
  });

  test('gzip only: gzip body', async () => {
    const res = await get('/assets/app-3f9a1c.js', 'gzip');
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(res.rawPayload).toString(), JS);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  test('no Accept-Encoding (or identity): the file as it is', async () => {
    for (const ae of [undefined, 'identity']) {
      const res = await get('/assets/app-3f9a1c.js', ae);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-encoding'], undefined);
      assert.equal(res.payload, JS);
    }
  });

  test('a file without compressed copies is sent as it is, still with the asset cache', async () => {
    const res = await get('/assets/tiny-0a1b2c.js', 'br, gzip');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-encoding'], undefined);
    assert.equal(res.payload, 'export {};\n');
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  test('index.html (/, and the SPA fallback of a client route): compressed, no-cache, not immutable', async () => {
    for (const url of ['/', '/index.html', '/pratiche/2026-010-000001']) {
      const res = await get(url, 'br');
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['content-encoding'], 'br', url);
      assert.match(String(res.headers['content-type']), /text\/html/, url);
      assert.equal(res.headers['cache-control'], 'no-cache', url);
      assert.equal(brotliDecompressSync(res.rawPayload).toString(), HTML, url);
    }
    const plain = await get('/pratiche', undefined);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.payload, HTML);
    assert.equal(plain.headers['cache-control'], 'no-cache');
  });

  test('the API is not answered by the fallback', async () => {
    const res = await get('/api/nothing-here', 'br');
    assert.equal(res.statusCode, 404);
    assert.match(String(res.headers['content-type']), /problem\+json/);
  });
});
