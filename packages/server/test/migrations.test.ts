import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from './helpers/db.js';
import { rows } from '../src/db/client.js';
import { pgErrorOf } from '../src/db/errors.js';

const appendOnly = (e: unknown) => /append-only/.test(pgErrorOf(e)?.message ?? '');

test('migrations apply: the access log refuses UPDATE and DELETE, cases carry their autovacuum settings and covering search indexes', async () => {
  const database = await openTestDatabase({ template: false });
  try {
    const t = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from access_log`);
    assert.equal(t[0]?.n, 0);
    await database.db
      .execute(sql`insert into access_log (at, actor_role, action, person_fiscal_code, correlation_id, prev_hash, hash)
      values (now(), 'ADMIN', 'SEARCH', 'RSSMRA80A01H501U', 'x', ${'0'.repeat(64)}, ${'1'.repeat(64)})`);
    await assert.rejects(database.db.execute(sql`update access_log set action = 'EXPORT'`), appendOnly);
    await assert.rejects(database.db.execute(sql`delete from access_log`), appendOnly);
    // 0005: cases are vacuumed after 1 % of changed rows, so index-only search scans stay index-only
    const [options] = await rows<{ reloptions: string[] | string }>(
      database.db,
      sql`select reloptions from pg_class where relname = 'exemption_case'`,
    );
    const set = String(options?.reloptions);
    for (const o of [
      'autovacuum_vacuum_scale_factor=0.01',
      'autovacuum_vacuum_insert_scale_factor=0.01',
      'autovacuum_analyze_scale_factor=0.01',
    ])
      assert.ok(set.includes(o), `${o} in ${set}`);
    // 0004/0006: the covering search indexes exist with their columns
    const defs = (
      await rows<{ d: string }>(
        database.db,
        sql`select indexdef as d from pg_indexes where tablename = 'exemption_case'`,
      )
    )
      .map((r) => r.d)
      .join('\n');
    assert.match(
      defs,
      /exemption_case_asl_base_code_idx .*\(asl_id, exemption_base_code, submitted_at, status\)/,
    );
    assert.match(
      defs,
      /exemption_case_asl_lastname_idx .*\(asl_id, beneficiary_last_name_key text_pattern_ops, status, submitted_at, id\)/,
    );
    assert.match(
      defs,
      /exemption_case_closed_idx .*\(asl_id, submitted_at, id, beneficiary_last_name_key\) WHERE/,
    );
  } finally {
    await database.close();
  }
});
