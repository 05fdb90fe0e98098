/**
 * The income self-declaration form (issue 12 §1): amounts typed in euro become cents, the code's own
 * facts are sent (E02 unemployment, E03 assegno sociale, E04 pension), the titolare only for E02–E04,
 * and what is missing is said before sending.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_INCOME_FORM, incomeFacts } from '../src/features/income/incomeForm';

test('E02 with spouse and two children: 12.394,96 € becomes 1239496 cents with the unemployment facts', () => {
  const r = incomeFacts(
    {
      ...EMPTY_INCOME_FORM,
      code: 'E02',
      holder: 'rssmra80a01l219m',
      income: '12.394,96',
      hasSpouse: true,
      children: '2',
      unemployedRegistered: true,
      dpr445Accepted: true,
    },
    2025,
  );
  assert.deepEqual(r, {
    ok: true,
    facts: {
      exemptionCode: 'E02',
      holderFiscalCode: 'RSSMRA80A01L219M',
      incomeYear: 2025,
      householdIncomeCents: 1_239_496,
      hasSpouse: true,
      dependentChildren: 2,
      unemployedRegistered: true,
      firstJobSeeker: false,
      dpr445Accepted: true,
    },
  });
});

test('E01 sends no titolare; E03 needs no income figure', () => {
  const e01 = incomeFacts(
    { ...EMPTY_INCOME_FORM, code: 'E01', holder: 'X', income: '100', dpr445Accepted: true },
    2025,
  );
  assert.ok(e01.ok && !('holderFiscalCode' in e01.facts));
  const e03 = incomeFacts(
    { ...EMPTY_INCOME_FORM, code: 'E03', socialAllowance: true, dpr445Accepted: true },
    2025,
  );
  assert.ok(e03.ok && e03.facts.householdIncomeCents === 0 && e03.facts.socialAllowance === true);
});

test('what is missing or wrong is said before sending', () => {
  const r = incomeFacts({ ...EMPTY_INCOME_FORM, income: '12,394.96', children: '-1' }, 2025);
  assert.equal(r.ok, false);
  assert.deepEqual(Object.keys(r.ok ? {} : r.errors).sort(), [
    'dependentChildren',
    'dpr445Accepted',
    'exemptionCode',
    'householdIncomeCents',
  ]);
});
