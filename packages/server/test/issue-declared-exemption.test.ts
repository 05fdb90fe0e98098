/**
 * The shared primitive of exemptions granted on a self-declaration (issue 12): one transaction writes the
 * case directly VALIDATED (history SUBMITTED then VALIDATED), its registry row, its self_declaration row
 * and the outbox event; a second one for the same code base in force is refused (409), and the
 * database refuses a declarant title outside DECLARANT_TITLES.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { rows, type Database } from '../src/db/client.js';
import { DomainError } from '@esenzioni/domain';
import { findPerson } from '../src/db/repositories/people.js';
import { findExemptionCode } from '../src/db/repositories/catalogue.js';
import {
  DECLARATION_SYSTEM_ACTOR,
  issueDeclaredExemption,
  type DeclaredExemptionInput,
} from '../src/services/cases/issue-declared-exemption.js';
import { openTestDatabase } from './helpers/db.js';
import { PEOPLE } from './helpers/fixtures.js';

let database: Database;
before(async () => {
  database = await openTestDatabase({ fixtures: true });
});
after(() => database.close());

const at = new Date('2026-05-04T09:00:00Z');

async function input(): Promise<DeclaredExemptionInput> {
  const p = (await findPerson(database.db, PEOPLE.torino2.fiscalCode))!;
  const code = (await findExemptionCode(database.db, 'E01'))!;
  return {
    beneficiary: {
      fiscalCode: p.fiscalCode,
      firstName: p.firstName,
      lastName: p.lastName,
      residenceAslId: p.residenceAslId!,
      residenceDistrictId: p.residenceDistrictId,
    },
    submitter: { type: 'CITIZEN', fiscalCode: p.fiscalCode, role: 'CITIZEN' },
    validator: DECLARATION_SYSTEM_ACTOR,
    code,
    validFrom: '2026-05-04',
    validUntil: '2027-03-31',
    at,
    declaration: {
      declarantFiscalCode: p.fiscalCode,
      declarantTitle: 'SELF',
      incomeYear: 2025,
      householdIncomeCents: 2_000_000,
      thresholdCents: 3_615_198,
      dpr445AcceptedAt: at,
    },
  };
}

test('issues a validated case with history, registry row, declaration and event in one go', async () => {
  const i = await input();
  const { id, caseNumber } = await database.db.transaction(async (tx) => issueDeclaredExemption(tx, i));
  const [c] = await rows<{ status: string; valid_from: string; valid_until: string; version: number }>(
    database.db,
    sql`select status, valid_from::text, valid_until::text, version from exemption_case where id = ${id}`,
  );
  assert.deepEqual(c, {
    status: 'VALIDATED',
    valid_from: '2026-05-04',
    valid_until: '2027-03-31',
    version: 2,
  });
  const history = await rows<{ action: string; status: string; actor_fiscal_code: string }>(
    database.db,
    sql`select action, status, actor_fiscal_code from case_history where case_id = ${id} order by id`,
  );
  assert.deepEqual(
    history.map((h) => [h.action, h.status, h.actor_fiscal_code]),
    [
      ['submit', 'SUBMITTED', PEOPLE.torino2.fiscalCode],
      ['validate', 'VALIDATED', 'SISTEMA'],
    ],
  );
  const registry = await rows<{ exemption_code: string; valid_until: string }>(
    database.db,
    sql`select exemption_code, valid_until::text from registry_exemption where case_id = ${id}`,
  );
  assert.deepEqual(registry, [{ exemption_code: 'E01', valid_until: '2027-03-31' }]);
  const decl = await rows<{ declarant_title: string; household_income_cents: string }>(
    database.db,
    sql`select declarant_title, household_income_cents::text from self_declaration where case_id = ${id}`,
  );
  assert.deepEqual(decl, [{ declarant_title: 'SELF', household_income_cents: '2000000' }]);
  const events = await rows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from outbox where payload->>'caseNumber' = ${caseNumber} and payload->>'status' = 'VALIDATED'`,
  );
  assert.equal(events[0]?.n, 1);
});

test('a second one of the same code in force is refused with 409 EXEMPTION_ALREADY_ACTIVE', async () => {
  const i = await input();
  await assert.rejects(
    database.db.transaction(async (tx) => issueDeclaredExemption(tx, i)),
    (e: unknown) => e instanceof DomainError && e.code === 'EXEMPTION_ALREADY_ACTIVE',
  );
});

test('the database refuses a declarant title outside DECLARANT_TITLES', async () => {
  const bad = { ...(await input()), code: (await findExemptionCode(database.db, 'E03'))! };
  bad.declaration = { ...bad.declaration, declarantTitle: 'FRIEND' as never };
  await assert.rejects(
    database.db.transaction(async (tx) => issueDeclaredExemption(tx, bad)),
    /declarant_title/,
  );
});
