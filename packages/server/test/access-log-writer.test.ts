import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase } from './helpers/db.js';
import type { Database } from '../src/db/client.js';
import { AccessLogWriter } from '../src/audit/access-log-writer.js';
import { accessRows } from '../src/audit/access-log.js';
import { verifyAccessLog } from '../src/audit/verify.js';
import { countRows } from './helpers/fixtures.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import {
  apiKeyActor as actor,
  fixedTestKeys,
  rowFiscalCode as cf,
  useFixedTestKeys,
} from './helpers/audit-keys.js';
import { legacyRowHash, GENESIS_HASH } from '../src/audit/access-log.js';
import { loadAuditKeys, setAuditKeys } from '../src/audit/keys.js';
import type { AuditKeySettings } from '../src/config.js';

let database: Database;
const keys = useFixedTestKeys();
before(async () => {
  database = await openTestDatabase();
});
after(() => database.close());

test('rows written before keyed hashes (key_id null) keep their plain sha256 and verify as such, ahead of keyed rows', async () => {
  const rows = accessRows(
    actor,
    'REGISTRY_LOOKUP',
    [{ personFiscalCode: cf(900) }, { personFiscalCode: cf(901) }],
    'legacy-1',
  );
  let prev = GENESIS_HASH;
  for (const r of rows) {
    const hash = legacyRowHash(prev, r);
    await database.db
      .execute(sql`insert into access_log (at, actor_api_key_id, actor_role, action, person_fiscal_code, correlation_id, chain, prev_hash, hash)
      values (${r.at.toISOString()}, ${r.actorApiKeyId}, ${r.actorRole}, ${r.action}, ${r.personFiscalCode}, ${r.correlationId}, 15, ${prev}, ${hash})`);
    prev = hash;
  }
  const ok = await verifyAccessLog(database.db);
  assert.ok(ok.ok && ok.legacyRows === 2, JSON.stringify(ok));
});

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
  assert.equal(verified.rows, n + 2);
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
  assert.deepEqual(
    results.map((r) => r.status),
    ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
  );
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

test('HMAC keys rotate: rows keep the id of the key that hashed them and verify with the earlier key kept; without it they do not', async () => {
  const writer = new AccessLogWriter(database.db, 1);
  await writer.append(accessRows(actor, 'SEARCH', [{ personFiscalCode: cf(7) }], 'before-rotation'));
  const next = fixedTestKeys(keys.anchorFile, 'rotated');
  const rotated = { ...next, hmacById: new Map([...next.hmacById, ...keys.hmacById]) };
  setAuditKeys(rotated);
  try {
    await writer.append(accessRows(actor, 'SEARCH', [{ personFiscalCode: cf(8) }], 'after-rotation'));
    const ids = await database.db.execute(
      sql`select correlation_id, key_id from access_log where correlation_id like '%-rotation' order by id`,
    );
    assert.deepEqual(
      (ids as unknown as { rows: Array<{ key_id: string }> }).rows.map((r) => r.key_id),
      [keys.hmac.id, next.hmac.id],
    );
    assert.equal((await verifyAccessLog(database.db, 5000, rotated)).ok, true);
    const withoutOld = await verifyAccessLog(database.db, 5000, next);
    assert.ok(!withoutOld.ok && /chiave HMAC sconosciuta/.test(withoutOld.reason));
  } finally {
    setAuditKeys(keys);
  }
});

test('keys: outside production created once in the key dir (mode 0600) and stable; in production required from the environment; too short refused', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esz-keys-'));
  const settings: AuditKeySettings = {
    production: false,
    hmacKey: undefined,
    hmacPreviousKeys: undefined,
    anchorKey: undefined,
    anchorPublicKeys: undefined,
    keyDir: dir,
    anchorFile: path.join(dir, 'anchors.jsonl'),
  };
  const first = loadAuditKeys(settings);
  const again = loadAuditKeys(settings);
  assert.equal(first.hmac.id, again.hmac.id);
  assert.equal(first.anchorSigner?.id, again.anchorSigner?.id);
  for (const f of ['audit-hmac.key', 'audit-anchor.key'])
    assert.equal(fs.statSync(path.join(dir, f)).mode & 0o777, 0o600, f);
  assert.throws(() => loadAuditKeys({ ...settings, production: true }), /AUDIT_HMAC_KEY/);
  assert.throws(() => loadAuditKeys({ ...settings, hmacKey: 'abcd' }), /almeno 32 byte/);
  const fromEnv = loadAuditKeys({ ...settings, hmacKey: 'ab'.repeat(32) });
  assert.notEqual(fromEnv.hmac.id, first.hmac.id);
  assert.equal(fromEnv.hmac.secret.length, 32);
  fs.rmSync(dir, { recursive: true, force: true });
});
