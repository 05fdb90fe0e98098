import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase } from './helpers/db.js';
import type { Database } from '../src/db/client.js';
import { AccessLogWriter } from '../src/audit/access-log-writer.js';
import { accessRows } from '../src/audit/access-log.js';
import { verifyAccessLog } from '../src/audit/verify.js';
import type { Actor } from '../src/auth/actor.js';
import { countRows } from './helpers/fixtures.js';

let database: Database;
before(async () => {
  database = await openTestDatabase();
});
after(() => database.close());

const actor = {
  userId: null,
  fiscalCode: null,
  apiKeyId: 7,
  role: 'GP',
  aslId: null,
  districtId: null,
} as unknown as Actor;

// valid-shaped codes (the writer does not check them; the column is varchar(16))
const cf = (i: number) => `RSSMRA80A01L${String(i).padStart(3, '0')}X`;

test('reads arriving while a batch commits are written together, each resolved only once its row is committed, and the chains verify', async () => {
  const writer = new AccessLogWriter(database.db, database.kind === 'postgres' ? 4 : 1);
  const n = 120;
  const seen: number[] = [];
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      await writer.append(accessRows(actor, 'REGISTRY_LOOKUP', [{ personFiscalCode: cf(i) }], `batch-${i}`));
      // resolved means committed: the row is visible to any other connection now
      seen.push(await countRows(database.db, 'access_log', `correlation_id = 'batch-${i}'`));
    }),
  );
  assert.deepEqual([...new Set(seen)], [1]);
  assert.equal(await countRows(database.db, 'access_log', `correlation_id like 'batch-%'`), n);
  assert.equal(writer.stats.rows, n);
  assert.ok(writer.stats.batches <= 10, `${writer.stats.batches} transactions for ${n} reads`);
  assert.ok(writer.stats.largestBatch >= 100);
  const verified = await verifyAccessLog(database.db);
  assert.equal(verified.ok, true);
  assert.equal(verified.rows, n);
});

test('one row the database refuses fails only its own read; the others in the batch are written', async () => {
  const writer = new AccessLogWriter(database.db, 1);
  const before = await countRows(database.db, 'access_log');
  const results = await Promise.allSettled([
    writer.append(accessRows(actor, 'REGISTRY_LOOKUP', [{ personFiscalCode: cf(1) }], 'iso-0')),
    writer.append(accessRows(actor, 'REGISTRY_LOOKUP', [{ personFiscalCode: cf(2) }], 'iso-1')),
    writer.append(accessRows(actor, 'REGISTRY_LOOKUP', [{ personFiscalCode: 'X'.repeat(40) }], 'iso-bad')),
    writer.append(accessRows(actor, 'REGISTRY_LOOKUP', [{ personFiscalCode: cf(3) }], 'iso-2')),
  ]);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  assert.equal(await countRows(database.db, 'access_log'), before + 3);
  assert.equal(await countRows(database.db, 'access_log', `correlation_id = 'iso-bad'`), 0);
  assert.equal((await verifyAccessLog(database.db)).ok, true);
});

test('a read of thousands of rows (an export) is written in chunks within one transaction; drain waits for everything queued', async () => {
  const writer = new AccessLogWriter(database.db, 1);
  const big = Array.from({ length: 6000 }, (_, i) => ({ personFiscalCode: cf(i % 1000), caseNumber: null }));
  const pending = writer.append(accessRows(actor, 'EXPORT', big, 'export-1'));
  const small = writer.append(accessRows(actor, 'SEARCH', [{ personFiscalCode: cf(5) }], 'after-export'));
  await writer.drain();
  await Promise.all([pending, small]);
  assert.equal(await countRows(database.db, 'access_log', `correlation_id = 'export-1'`), 6000);
  assert.equal(await countRows(database.db, 'access_log', `correlation_id = 'after-export'`), 1);
  assert.equal((await verifyAccessLog(database.db)).ok, true);
  await writer.drain(); // idle: resolves at once
});
