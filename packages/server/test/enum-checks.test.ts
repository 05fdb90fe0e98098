/**
 * Closed vocabularies in the database (migration 0011_enum_checks): every column typed with `enum:` in
 * src/db/schema.ts has a CHECK constraint whose list is exactly its array, and the database refuses any
 * other value. A value added to a domain array without a migration makes the first test fail.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import {
  ACCESS_ACTIONS,
  CASE_STATUSES,
  DECLARANT_TITLES,
  EXEMPTION_FAMILIES,
  INVALIDITY_KINDS,
  INCOME_MEASURES,
  MAIL_STATUSES,
  NOTIFICATION_KINDS,
  REGIONAL_CATEGORIES,
  REJECTION_REASONS,
  ROLES,
  SUBMITTER_TYPES,
} from '@esenzioni/domain';
import { openTestDatabase } from './helpers/db.js';
import { rows, type Database } from '../src/db/client.js';
import { pgErrorOf } from '../src/db/errors.js';
import * as schema from '../src/db/schema.js';

/** Every `enum:` column of the schema: table, column, its values. */
function typedColumns(): Array<{ table: string; column: string; values: readonly string[] }> {
  const out: Array<{ table: string; column: string; values: readonly string[] }> = [];
  for (const t of Object.values(schema)) {
    if (!(t instanceof PgTable)) continue;
    const config = getTableConfig(t);
    for (const c of config.columns) {
      if (c.enumValues && c.enumValues.length > 0)
        out.push({ table: config.name, column: c.name, values: c.enumValues });
    }
  }
  return out;
}

/** The CHECK constraints of the public schema, with the quoted values of their definition. */
async function checkLists(database: Database): Promise<Map<string, string[]>> {
  const found = await rows<{ name: string; def: string }>(
    database.db,
    sql`select c.conname as name, pg_get_constraintdef(c.oid) as def
          from pg_constraint c join pg_namespace n on n.oid = c.connamespace
         where c.contype = 'c' and n.nspname = 'public'`,
  );
  return new Map(found.map((r) => [r.name, [...r.def.matchAll(/'([^']*)'/g)].map((m) => m[1] ?? '')]));
}

const refusedBy = (constraint: string) => (e: unknown) => {
  const pg = pgErrorOf(e);
  assert.equal(pg?.code, '23514', `check_violation expected, got ${pg?.code} ${pg?.message}`);
  assert.match(pg.message, new RegExp(constraint));
  return true;
};

test('closed vocabularies: each enum column has its CHECK, equal to its array; other values are refused', async (t) => {
  const database = await openTestDatabase();
  try {
    await t.test('the schema types the columns with the domain arrays', () => {
      const byColumn = new Map(typedColumns().map((c) => [`${c.table}.${c.column}`, c.values]));
      const expected: Record<string, readonly string[]> = {
        'exemption_case.status': CASE_STATUSES,
        'case_history.status': CASE_STATUSES,
        'exemption_case.family': EXEMPTION_FAMILIES,
        'exemption_code.family': EXEMPTION_FAMILIES,
        'registry_exemption.family': EXEMPTION_FAMILIES,
        'exemption_case.submitter_type': SUBMITTER_TYPES,
        'exemption_case.rejection_reason': REJECTION_REASONS,
        'exemption_case.last_actor_role': ROLES,
        'user_profile.role': ROLES,
        'case_history.actor_role': ROLES,
        'access_log.actor_role': ROLES,
        'delegation.created_by_role': ROLES,
        'access_log.action': ACCESS_ACTIONS,
        'notification.kind': NOTIFICATION_KINDS,
        'mail_outbox.status': MAIL_STATUSES,
        'case_history.action': schema.HISTORY_ACTIONS,
        'document.kind': schema.DOCUMENT_KINDS,
        'exemption_duration.unit': schema.DURATION_UNITS,
        'login_attempt.outcome': schema.LOGIN_OUTCOMES,
        'access_log.outcome': schema.ACCESS_OUTCOMES,
        'self_declaration.declarant_title': DECLARANT_TITLES,
        'family_document.family': EXEMPTION_FAMILIES,
        'regional_code.category': REGIONAL_CATEGORIES,
        'regional_code.income_measure': INCOME_MEASURES,
        'invalidity_data.kind': INVALIDITY_KINDS,
      };
      for (const [column, values] of Object.entries(expected))
        assert.deepEqual(byColumn.get(column), values, `${column} is typed with its array`);
    });

    await t.test('every enum column has a CHECK constraint listing exactly its values', async () => {
      const lists = await checkLists(database);
      const columns = typedColumns();
      assert.ok(columns.length >= 20, `${columns.length} typed columns`);
      for (const { table, column, values } of columns) {
        const name = `${table}_${column}_check`;
        assert.ok(lists.has(name), `constraint ${name} exists (a migration adds it)`);
        assert.deepEqual(
          [...(lists.get(name) ?? [])].sort(),
          [...values].sort(),
          `${name} lists the values of the array: change both in a migration`,
        );
      }
    });

    await t.test('the database refuses a value outside the vocabulary', async () => {
      const db = database.db;
      await db.execute(
        sql`insert into login_attempt (username, success, outcome) values ('mario', false, 'BAD_CREDENTIALS')`,
      );
      await assert.rejects(
        db.execute(
          sql`insert into login_attempt (username, success, outcome) values ('mario', false, 'MAYBE')`,
        ),
        refusedBy('login_attempt_outcome_check'),
      );
      await assert.rejects(
        db.execute(sql`insert into access_log (at, actor_role, action, person_fiscal_code, correlation_id, prev_hash, hash)
          values (now(), 'ADMIN', 'PEEK', 'RSSMRA80A01H501U', 'x', ${'0'.repeat(64)}, ${'1'.repeat(64)})`),
        refusedBy('access_log_action_check'),
      );
      await assert.rejects(
        db.execute(sql`insert into access_log (at, actor_role, action, person_fiscal_code, correlation_id, prev_hash, hash)
          values (now(), 'ROOT', 'SEARCH', 'RSSMRA80A01H501U', 'x', ${'0'.repeat(64)}, ${'1'.repeat(64)})`),
        refusedBy('access_log_actor_role_check'),
      );
      await assert.rejects(
        db.execute(sql`insert into mail_outbox (event_id, recipient_fiscal_code, to_address, subject, body, status)
          values (1, 'RSSMRA80A01H501U', 'a@example.invalid', 's', 'b', 'LOST')`),
        refusedBy('mail_outbox_status_check'),
      );
      await db.execute(
        sql`insert into asl (id, region_code, code, name) values ('010999', '010', '999', 'PROVA')`,
      );
      const [c] = await rows<{ id: number }>(
        db,
        sql`insert into exemption_case (case_number, asl_id, beneficiary_fiscal_code, beneficiary_first_name,
              beneficiary_last_name, beneficiary_first_name_key, beneficiary_last_name_key, submitter_type,
              submitter_fiscal_code, exemption_code, family, status, submitted_at, updated_at)
            values ('202601099900000001', '010999', 'RSSMRA80A01H501U', 'MARIO', 'ROSSI', 'MARIO', 'ROSSI', 'DOCTOR',
              'AAAAAA00A11B000J', '026.252.0', 'CHRONIC', 'SUBMITTED', now(), now())
            returning id::int as id`,
      );
      assert.ok(c);
      await assert.rejects(
        db.execute(sql`update exemption_case set status = 'ARCHIVED' where id = ${c.id}`),
        refusedBy('exemption_case_status_check'),
      );
      await assert.rejects(
        db.execute(sql`update exemption_case set rejection_reason = 'BECAUSE' where id = ${c.id}`),
        refusedBy('exemption_case_rejection_reason_check'),
      );
      await assert.rejects(
        db.execute(sql`insert into case_history (case_id, at, actor_fiscal_code, actor_role, action, status)
          values (${c.id}, now(), 'AAAAAA00A11B000J', 'SPECIALIST', 'SUBMIT', 'SUBMITTED')`),
        refusedBy('case_history_action_check'),
      );
      // a NULL passes: the nullable columns stay nullable
      await db.execute(
        sql`update exemption_case set rejection_reason = null, last_actor_role = null where id = ${c.id}`,
      );
    });
  } finally {
    await database.close();
  }
});
