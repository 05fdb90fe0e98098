/**
 * Memory under an upload storm (issue 9): 8 concurrent maximum-size uploads (5 files of ~10 MB) on a
 * listening server, RSS of this process sampled before, during and after. Its own file, so that no
 * other test's memory is in the figure.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { inspectUpload } from '../src/uploads/inspect-upload.js';
import { login, type Client, type TestWorld } from './helpers/app.js';
import { startPortalWorld } from './helpers/portal-world.js';
import { PDF_BYTES, PEOPLE, USERS, countRows } from './helpers/fixtures.js';
import { JPEG_BYTES } from './helpers/uploads.js';
import { validPdfOfSize } from './helpers/hostile-pdfs.js';
import { caseFields, upload, type FilePart } from './helpers/upload-stream.js';

// PostgreSQL only: scripts/test-server.sh runs *.pg.test.ts in its PostgreSQL pass, never on PGlite
if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL: this file needs a PostgreSQL server');

const MB = 1024 * 1024;

describe('8 concurrent maximum-size uploads', () => {
  let w: TestWorld;
  let port = 0;
  let counter: Client;

  before(async () => {
    w = await startPortalWorld();
    await w.app.listen({ host: '127.0.0.1', port: 0 });
    port = (w.app.server.address() as AddressInfo).port;
    counter = await login(w.app, USERS.counter.username);
    await inspectUpload('warm.pdf', { bytes: PDF_BYTES });
  });
  after(() => w.close());

  test('RSS stays under 400 MB (5 files of ~10 MB each, PDF and JPEG)', async () => {
    const size = 10 * MB - 8 * 1024;
    const certificate = validPdfOfSize(size);
    const fill = Buffer.alloc(256 * 1024, 0x5a);
    const jpeg = (i: number): FilePart => ({
      name: 'documents',
      filename: `scansione-${i}.jpg`,
      head: JPEG_BYTES,
      size,
      fill,
    });
    const pairs: Array<[keyof typeof PEOPLE, string]> = (
      ['torino', 'torino2', 'lucia', 'giovanni'] as const
    ).flatMap((p) => [
      [p, '048'],
      [p, 'C01'],
    ]);
    const rss = () => process.memoryUsage().rss / MB;
    const before = rss();
    let peak = before;
    let peakDetail = process.memoryUsage();
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      if (m.rss / MB > peak) [peak, peakDetail] = [m.rss / MB, m];
    }, 20);
    const t0 = performance.now();
    const answers = await Promise.all(
      pairs.map(([who, code]) =>
        upload(port, counter, '/api/cases', caseFields(who, code), [
          { name: 'certificate', filename: 'certificato.pdf', head: certificate },
          ...[1, 2, 3, 4].map(jpeg),
        ]),
      ),
    );
    clearInterval(sampler);
    peak = Math.max(peak, rss());
    const afterRss = rss();
    console.log(
      `upload storm: 8 × 5 × ${(size / MB).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s; RSS before ${before.toFixed(0)} MB, peak ${peak.toFixed(0)} MB, after ${afterRss.toFixed(0)} MB`,
    );
    console.log(
      `at the peak (MB): ${Object.entries(peakDetail)
        .map(([k, v]) => `${k} ${Math.round(v / MB)}`)
        .join(', ')}`,
    );
    for (const a of answers) assert.equal(a.status, 201, a.body.slice(0, 300));
    assert.equal(await countRows(w.database.db, 'document'), 40);
    assert.ok(peak < 400, `peak RSS ${peak.toFixed(0)} MB`);
  });
});
