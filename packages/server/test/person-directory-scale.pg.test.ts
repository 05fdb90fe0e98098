/**
 * Issue 13 §4, done when «a person CSV of 100,000 rows imports»: the file of 100,000 generated people
 * (bench/lib/person-file.ts) through the administrator's upload on PostgreSQL — 202 at once, the progress
 * row moving, DONE with 100,000 new people; the same file again leaves them all unchanged. The 5 million
 * rows are measured by bench/person-import.ts.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { personImportsIdle } from '../src/services/directory/person-import-jobs.js';
import { personFileText } from '../../../bench/lib/person-file.js';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { USERS } from './helpers/fixtures.js';

let w: TestWorld;
let admin: Client;
before(async () => {
  w = await startWorld();
  admin = await login(w.app, USERS.admin.username);
});
after(() => w.close());

test('100,000 people through the upload: DONE, then unchanged when loaded again', async () => {
  const text = personFileText(100_000);
  for (const expected of [
    { inserted: 100_000, unchanged: 0 },
    { inserted: 0, unchanged: 100_000 },
  ]) {
    const started = performance.now();
    const res = await admin.req({
      method: 'POST',
      url: '/api/admin/person-imports',
      payload: text,
      headers: { 'content-type': 'text/csv' },
    });
    assert.equal(res.statusCode, 202, res.body);
    await personImportsIdle();
    const done = (
      await admin.req({ method: 'GET', url: `/api/admin/person-imports/${res.json().id}` })
    ).json();
    assert.equal(done.status, 'DONE', done.error);
    assert.deepEqual(
      { inserted: done.inserted, unchanged: done.unchanged, rowsRead: done.rowsRead },
      {
        ...expected,
        rowsRead: 100_000,
      },
    );
    console.log(`100,000 rows: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
});
