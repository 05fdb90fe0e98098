/**
 * The shared rows of a case (db/repositories/case-rows.ts): the validity the bulk writers compute in
 * SQL is the domain's issuedUntil, day for day; a case row derived from its history carries the
 * state, version, last actor, notes and validity the product leaves.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { issuedUntil, type DurationUnit } from '@esenzioni/domain';
import { openTestDatabase } from './helpers/db.js';
import { rows } from '../src/db/client.js';
import {
  caseRowOf,
  insertSelectSql,
  registryRowOf,
  validUntilSql,
  type CaseFacts,
} from '../src/db/repositories/case-rows.js';
import { registryExemption } from '../src/db/schema.js';

test('validUntilSql is issuedUntil in SQL (month ends, leap days, catalogue end, no duration)', async () => {
  const database = await openTestDatabase();
  try {
    const starts = [
      '2024-01-31',
      '2024-02-29',
      '2023-03-31',
      '2024-12-31',
      '2025-06-15',
      '2024-01-25',
      '2024-03-01',
    ];
    const durations: Array<[number, DurationUnit] | null> = [
      null,
      [1, 'MONTHS'],
      [13, 'MONTHS'],
      [1, 'YEARS'],
      [5, 'YEARS'],
      [30, 'DAYS'],
      [1, 'DAYS'],
      [10, 'DAYS'],
    ];
    const ends = [null, '9999-12-31', '2025-03-01', '2030-01-01'];
    const cases = starts.flatMap((from) => durations.flatMap((d) => ends.map((end) => ({ from, d, end }))));
    const values = sql.join(
      cases.map(
        (c, i) =>
          sql`(${i}::int, ${c.from}::date, ${c.d?.[0] ?? null}::int, ${c.d?.[1] ?? null}::varchar, ${c.end}::date, null::int)`,
      ),
      sql`, `,
    );
    const got = await rows<{ i: number; until: string | null }>(
      database.db,
      sql`select k.i, (${sql.raw(validUntilSql('k.valid_from', 'k', 'k'))})::text as until
            from (values ${values}) as k(i, valid_from, max_amount, unit, valid_until, min_amount)
           order by k.i`,
    );
    assert.equal(got.length, cases.length);
    for (const r of got) {
      const c = cases[r.i];
      assert.ok(c);
      const expected = issuedUntil(
        c.from,
        c.d ? { code: 'X', minAmount: null, maxAmount: c.d[0], unit: c.d[1], fromBirth: false } : null,
        c.end,
      );
      assert.equal(
        r.until,
        expected,
        `${c.from} + ${c.d?.join(' ') ?? 'no duration'}, catalogue end ${c.end}`,
      );
    }
  } finally {
    await database.close();
  }
});

test('a case row is derived from its history; its registry row from the validated row', () => {
  const facts: CaseFacts = {
    caseNumber: '202601030100000001',
    beneficiary: {
      fiscalCode: 'RSSMRA80A01H501U',
      firstName: 'Niccolò',
      lastName: "D'Àvila",
      aslId: '010301',
      districtId: null,
    },
    submitter: { type: 'DOCTOR', fiscalCode: 'AAAAAA00A11B000J' },
    code: {
      code: '048',
      family: 'CHRONIC',
      validUntil: null,
      duration: { code: '048', minAmount: null, maxAmount: 5, unit: 'YEARS', fromBirth: false },
    },
    rejectionReason: 'OTHER',
  };
  const at = (iso: string) => new Date(iso);
  const submitted = {
    at: at('2026-01-10T09:00:00Z'),
    actorFiscalCode: 'AAAAAA00A11B000J',
    actorRole: 'SPECIALIST' as const,
    action: 'submit' as const,
    status: 'SUBMITTED' as const,
    beneficiaryNote: 'Prima nota',
  };
  const row = caseRowOf(facts, [
    submitted,
    {
      at: at('2026-01-11T09:00:00Z'),
      actorFiscalCode: 'LBRCRD53H10D205E',
      actorRole: 'DISTRICT_OPERATOR',
      action: 'takeCharge',
      status: 'IN_PROGRESS',
    },
    {
      // 23:30 UTC on the 12th is already the 13th in Rome: validity starts on the Rome day
      at: at('2026-01-12T23:30:00Z'),
      actorFiscalCode: 'LBRCRD53H10D205E',
      actorRole: 'DISTRICT_OPERATOR',
      action: 'validate',
      status: 'VALIDATED',
      internalNote: 'Verificato',
    },
  ]);
  assert.equal(row.status, 'VALIDATED');
  assert.equal(row.version, 3);
  assert.equal(row.beneficiaryFirstNameKey, 'NICCOLO');
  assert.equal(row.beneficiaryLastNameKey, "D'AVILA");
  assert.equal(row.validFrom, '2026-01-13');
  assert.equal(row.validUntil, '2031-01-12');
  assert.equal(row.rejectionReason, null, 'a reason only on a rejected case');
  assert.equal(row.beneficiaryNote, 'Prima nota');
  assert.equal(row.internalNote, 'Verificato');
  assert.equal(row.lastActorRole, 'DISTRICT_OPERATOR');
  assert.deepEqual(registryRowOf({ ...row, id: 7 }), {
    fiscalCode: 'RSSMRA80A01H501U',
    exemptionCode: '048',
    family: 'CHRONIC',
    validFrom: '2026-01-13',
    validUntil: '2031-01-12',
    caseId: 7,
    aslId: '010301',
  });
  const open = caseRowOf(facts, [submitted]);
  assert.equal(open.status, 'SUBMITTED');
  assert.equal(open.version, 1);
  assert.equal(open.validFrom, null);
  assert.equal(registryRowOf({ ...open, id: 8 }), null);
  assert.throws(() => caseRowOf(facts, []), /submission/);
});

test('insertSelectSql names the columns from the schema and refuses an unknown one', () => {
  const text = insertSelectSql(
    registryExemption,
    { fiscalCode: 'p.fc', exemptionCode: "'E01'", family: "'INCOME'", validFrom: 'current_date' },
    'from p',
  );
  assert.match(text, /^insert into registry_exemption \(fiscal_code, exemption_code, family, valid_from\)/);
  assert.match(text, /p\.fc as fiscal_code/);
  assert.throws(
    () =>
      insertSelectSql(
        registryExemption,
        // @ts-expect-error not a column
        { fiscalCode: 'x', exemptionCode: 'x', family: 'x', validFrom: 'x', nope: 'x' },
        'from p',
      ),
    /no column nope/,
  );
});
