import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from './helpers/db.js';
import { rows } from '../src/db/client.js';
import { pgErrorOf } from '../src/db/errors.js';

const appendOnly = (e: unknown) => /append-only/.test(pgErrorOf(e)?.message ?? '');

test('migrations apply and the access log refuses UPDATE and DELETE', async () => {
  const database = await openTestDatabase();
  try {
    const t = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from access_log`);
    assert.equal(t[0]?.n, 0);
    await database.db.execute(sql`insert into access_log (at, actor_role, action, person_fiscal_code, correlation_id, prev_hash, hash)
      values (now(), 'ADMIN', 'SEARCH', 'RSSMRA80A01H501U', 'x', ${'0'.repeat(64)}, ${'1'.repeat(64)})`);
    await assert.rejects(database.db.execute(sql`update access_log set action = 'EXPORT'`), appendOnly);
    await assert.rejects(database.db.execute(sql`delete from access_log`), appendOnly);
  } finally {
    await database.close();
  }
});
