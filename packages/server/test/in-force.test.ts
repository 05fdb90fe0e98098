/**
 * The one "in force on date D" rule: the SQL builder (inForceOn, used by every repository query on a
 * date) and the pure function (isInForceOn, domain) agree row by row on a real database, at the
 * boundaries D-1, D, D+1, with an open end and when revoked; and the repository queries built on it
 * (the registry's prepared lookup, the delegation check, the codes in force) answer the same.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { asc, eq } from 'drizzle-orm';
import { isInForceOn } from '@esenzioni/domain';
import type { Database } from '../src/db/client.js';
import { delegation, exemptionCode, registryExemption } from '../src/db/schema.js';
import { inForceOn } from '../src/db/repositories/in-force.js';
import { exemptionsInForce } from '../src/db/repositories/registry.js';
import { hasActiveDelegation } from '../src/db/repositories/delegations.js';
import { assignableCodesOfCategory } from '../src/db/repositories/catalogue.js';
import { openTestDatabase } from './helpers/db.js';

const D = '2026-03-15';
const DAY_BEFORE = '2026-03-14';
const DAY_AFTER = '2026-03-16';
const REVOKED_AT = new Date('2026-03-01T09:00:00Z');

/** One row per boundary case: [label, validFrom, validUntil, revoked]. */
const SHAPES: Array<[string, string, string | null, boolean]> = [
  ['ended the day before D', '2025-01-01', DAY_BEFORE, false],
  ['ends on D', '2025-01-01', D, false],
  ['ends the day after D', '2025-01-01', DAY_AFTER, false],
  ['starts on D', D, '2027-01-01', false],
  ['starts the day after D', DAY_AFTER, '2027-01-01', false],
  ['starts the day before D, open end', DAY_BEFORE, null, false],
  ['starts on D and ends on D', D, D, false],
  ['open end, revoked', '2025-01-01', null, true],
  ['ends on D, revoked', '2025-01-01', D, true],
];
const FC = 'RSSMRA80A01L219M';
/** registry codes and delegates are named by the shape's index */
const code = (i: number) => `ZZ${i}`;
const delegate = (i: number) => `DLGDLG80A01L21${String(i).padStart(2, '0')}`;

let database: Database;
before(async () => {
  database = await openTestDatabase();
  const db = database.db;
  await db.insert(registryExemption).values(
    SHAPES.map(([, validFrom, validUntil, revoked], i) => ({
      fiscalCode: FC,
      exemptionCode: code(i),
      family: 'CHRONIC' as const,
      validFrom,
      validUntil,
      revokedAt: revoked ? REVOKED_AT : null,
    })),
  );
  await db.insert(delegation).values(
    SHAPES.map(([, validFrom, validUntil, revoked], i) => ({
      delegatorFiscalCode: FC,
      delegateFiscalCode: delegate(i),
      validFrom,
      validUntil,
      createdByFiscalCode: FC,
      createdByRole: 'CITIZEN' as const,
      revokedAt: revoked ? REVOKED_AT : null,
    })),
  );
  // catalogue codes cannot be revoked: the not revoked shapes only, ICD-9 category 999
  await db.insert(exemptionCode).values(
    SHAPES.flatMap(([, validFrom, validUntil, revoked], i) =>
      revoked
        ? []
        : [
            {
              code: code(i),
              baseCode: 'ZZ',
              icd9Code: `999.${i}`,
              description: `prova ${i}`,
              family: 'CHRONIC' as const,
              typeCode: 'X',
              typeLabel: 'prova',
              validFrom,
              validUntil,
              assignable: true,
              status: 'active',
              source: 'test',
            },
          ],
    ),
  );
});
after(() => database.close());

/** The shapes the pure rule says are in force on `on` (catalogue: the not revoked ones only). */
const expected = (on: string, catalogue = false) =>
  SHAPES.flatMap(([, validFrom, validUntil, revoked], i) =>
    (!catalogue || !revoked) &&
    isInForceOn(on, { validFrom, validUntil, revokedAt: revoked ? REVOKED_AT : null })
      ? [code(i)]
      : [],
  );

describe('inForceOn (SQL) agrees with isInForceOn (domain) on every boundary', () => {
  test('the pure rule itself: on D, in force = ends on D or later, started on D or before, not revoked', () => {
    assert.deepEqual(expected(D), [code(1), code(2), code(3), code(5), code(6)]);
    assert.deepEqual(expected(DAY_BEFORE), [code(0), code(1), code(2), code(5)]);
    assert.deepEqual(expected(DAY_AFTER), [code(2), code(3), code(4), code(5)]);
  });

  for (const on of [DAY_BEFORE, D, DAY_AFTER]) {
    test(`registry rows on ${on}: the builder, and the registry's prepared lookup`, async () => {
      const rows = await database.db
        .select({ code: registryExemption.exemptionCode })
        .from(registryExemption)
        .where(inForceOn(registryExemption, on))
        .orderBy(asc(registryExemption.exemptionCode));
      assert.deepEqual(
        rows.map((r) => r.code),
        expected(on),
      );
      const looked = await exemptionsInForce(database.db, FC, on);
      assert.deepEqual(
        looked.map((r) => r.code),
        expected(on),
      );
    });

    test(`delegations on ${on}: the builder and hasActiveDelegation`, async () => {
      const rows = await database.db
        .select({ delegate: delegation.delegateFiscalCode })
        .from(delegation)
        .where(inForceOn(delegation, on))
        .orderBy(asc(delegation.delegateFiscalCode));
      const want = SHAPES.flatMap((_, i) => (expected(on).includes(code(i)) ? [delegate(i)] : []));
      assert.deepEqual(
        rows.map((r) => r.delegate),
        want,
      );
      for (let i = 0; i < SHAPES.length; i++) {
        assert.equal(
          await hasActiveDelegation(database.db, FC, delegate(i), on),
          want.includes(delegate(i)),
          `${SHAPES[i]![0]} on ${on}`,
        );
      }
    });

    test(`catalogue codes on ${on}: the builder without a revocation column, and the codes suggested`, async () => {
      const rows = await database.db
        .select({ code: exemptionCode.code })
        .from(exemptionCode)
        .where(inForceOn(exemptionCode, on))
        .orderBy(asc(exemptionCode.code));
      assert.deepEqual(
        rows.map((r) => r.code),
        expected(on, true),
      );
      const suggested = await assignableCodesOfCategory(database.db, '999', on);
      assert.deepEqual(
        suggested.map((r) => r.code),
        expected(on, true),
      );
    });
  }

  test('a revoked row is out whatever its dates, in SQL as in the pure rule', async () => {
    const [row] = await database.db
      .select()
      .from(registryExemption)
      .where(eq(registryExemption.exemptionCode, code(7)));
    assert.ok(row?.revokedAt);
    assert.equal(isInForceOn(D, row), false);
    const inSql = await database.db
      .select({ id: registryExemption.id })
      .from(registryExemption)
      .where(inForceOn(registryExemption, D));
    assert.ok(!inSql.some((r) => r.id === row.id));
  });
});
