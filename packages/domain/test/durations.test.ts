/**
 * The duration rules of issue 11 (src/durations.ts): lookup exact code → base code, the span of a
 * duration (maximum, else minimum; UNLIMITED none), the end of an issued exemption capped by the
 * catalogue, leap days, and 040 counted from birth (the day before the third birthday).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CODE_DURATION_UNITS,
  codeDurationProblem,
  durationSpan,
  issuedUntil,
  lastDayFromBirth,
  pastBirthLimit,
  pickDuration,
  type CodeDuration,
} from '../src/durations.js';
import { OPEN_END } from '../src/validity.js';

const dur = (over: Partial<CodeDuration> = {}): CodeDuration => ({
  code: 'X',
  minAmount: null,
  maxAmount: 1,
  unit: 'YEARS',
  fromBirth: false,
  ...over,
});
/** 040 as data/exemption-durations.csv has it: 3 years from birth */
const D040 = dur({ code: '040', maxAmount: 3, fromBirth: true });

describe('pickDuration: the exact code, then its base code, then none', () => {
  const rows = [
    dur({ code: '013', maxAmount: 5 }),
    dur({ code: '013.250', maxAmount: 2 }),
    dur({ code: 'E01' }),
  ];
  test('the exact code wins over its base code', () => {
    assert.equal(pickDuration('013.250', '013', rows)?.maxAmount, 2);
  });
  test('a sub-code without its own row takes its base code’s', () => {
    assert.equal(pickDuration('013.251', '013', rows)?.code, '013');
  });
  test('neither: null (the catalogue end alone decides)', () => {
    assert.equal(pickDuration('048', '048', rows), null);
    assert.equal(pickDuration('054.720.0', '054', rows), null);
    assert.equal(pickDuration('054.720.0', null, rows), null);
  });
});

describe('durationSpan', () => {
  test('the maximum, else the minimum', () => {
    assert.deepEqual(durationSpan(dur({ minAmount: 2, maxAmount: 5 })), { amount: 5, unit: 'YEARS' });
    assert.deepEqual(durationSpan(dur({ minAmount: 2, maxAmount: null, unit: 'MONTHS' })), {
      amount: 2,
      unit: 'MONTHS',
    });
  });
  test('UNLIMITED has no span', () => {
    assert.equal(durationSpan(dur({ unit: 'UNLIMITED', maxAmount: null })), null);
    assert.deepEqual(CODE_DURATION_UNITS, ['DAYS', 'MONTHS', 'YEARS', 'UNLIMITED']);
  });
});

describe('codeDurationProblem', () => {
  test('accepts a maximum, a minimum, both in order, and UNLIMITED alone', () => {
    assert.equal(codeDurationProblem(dur()), null);
    assert.equal(codeDurationProblem(dur({ minAmount: 1, maxAmount: null })), null);
    assert.equal(codeDurationProblem(dur({ minAmount: 1, maxAmount: 3 })), null);
    assert.equal(codeDurationProblem(dur({ unit: 'UNLIMITED', maxAmount: null })), null);
  });
  test('refuses minimum above maximum, no amount, zero or fractional, UNLIMITED with amounts or from birth', () => {
    assert.match(codeDurationProblem(dur({ minAmount: 4, maxAmount: 3 })) ?? '', /minima non può superare/);
    assert.match(codeDurationProblem(dur({ maxAmount: null })) ?? '', /Indicare/);
    assert.match(codeDurationProblem(dur({ maxAmount: 0 })) ?? '', /intero da 1/);
    assert.match(codeDurationProblem(dur({ maxAmount: 1.5 })) ?? '', /intero da 1/);
    assert.match(codeDurationProblem(dur({ unit: 'UNLIMITED', maxAmount: 2 })) ?? '', /senza scadenza/);
    assert.match(
      codeDurationProblem(dur({ unit: 'UNLIMITED', maxAmount: null, fromBirth: true })) ?? '',
      /nascita/,
    );
  });
});

describe('issuedUntil: the end of an exemption issued on a day', () => {
  test('no duration: the catalogue end, or open-ended', () => {
    assert.equal(issuedUntil('2025-03-13', null, null), null);
    assert.equal(issuedUntil('2025-03-13', null, OPEN_END), null);
    assert.equal(issuedUntil('2025-03-13', null, '2026-01-31'), '2026-01-31');
  });
  test('E02 validated on 13/03/2025 with one year ends on 12/03/2026 (issue 11: not "senza scadenza")', () => {
    assert.equal(issuedUntil('2025-03-13', dur({ code: 'E02' }), null), '2026-03-12');
  });
  test('the duration capped by the catalogue end', () => {
    assert.equal(issuedUntil('2025-03-13', dur({ maxAmount: 5 }), '2027-12-31'), '2027-12-31');
    assert.equal(issuedUntil('2025-03-13', dur({ maxAmount: 5 }), '2035-12-31'), '2030-03-12');
  });
  test('UNLIMITED: only the catalogue end', () => {
    const u = dur({ unit: 'UNLIMITED', maxAmount: null });
    assert.equal(issuedUntil('2025-03-13', u, null), null);
    assert.equal(issuedUntil('2025-03-13', u, '2027-12-31'), '2027-12-31');
  });
  test('days, months', () => {
    assert.equal(issuedUntil('2025-03-13', dur({ unit: 'DAYS', maxAmount: 30 }), null), '2025-04-11');
    assert.equal(issuedUntil('2025-03-13', dur({ unit: 'MONTHS', maxAmount: 6 }), null), '2025-09-12');
    assert.equal(issuedUntil('2025-01-01', dur({ unit: 'MONTHS', maxAmount: 12 }), null), '2025-12-31');
  });
  test('leap days: 29/02 + 1 year ends on 28/02; a month-end the target month lacks ends on its last day', () => {
    assert.equal(issuedUntil('2024-02-29', dur(), null), '2025-02-28');
    assert.equal(issuedUntil('2024-02-29', dur({ maxAmount: 4 }), null), '2028-02-28'); // 29/02/2028 exists
    assert.equal(issuedUntil('2023-03-01', dur(), null), '2024-02-29'); // the year holds the leap day
    assert.equal(issuedUntil('2024-02-28', dur(), null), '2025-02-27');
    assert.equal(issuedUntil('2024-02-29', dur({ unit: 'MONTHS', maxAmount: 12 }), null), '2025-02-28');
    assert.equal(issuedUntil('2024-01-31', dur({ unit: 'MONTHS', maxAmount: 1 }), null), '2024-02-29');
    assert.equal(issuedUntil('2025-01-31', dur({ unit: 'MONTHS', maxAmount: 1 }), null), '2025-02-28');
    assert.equal(issuedUntil('2024-02-20', dur({ unit: 'DAYS', maxAmount: 10 }), null), '2024-02-29');
  });
  test('040 counted from birth: the day before the third birthday, whatever the validation day', () => {
    assert.equal(issuedUntil('2025-06-01', D040, null, '2024-05-10'), '2027-05-09');
    assert.equal(issuedUntil('2026-01-20', D040, null, '2024-05-10'), '2027-05-09');
    // capped by the catalogue end like any other
    assert.equal(issuedUntil('2025-06-01', D040, '2026-12-31', '2024-05-10'), '2026-12-31');
  });
  test('040 for a child born on 29/02: the third birthday falls on 01/03, so it ends on 28/02', () => {
    assert.equal(issuedUntil('2024-03-10', D040, null, '2024-02-29'), '2027-02-28');
    assert.equal(lastDayFromBirth(D040, '2024-02-29'), '2027-02-28');
  });
  test('040 without a birth date cannot be computed (the server always supplies one)', () => {
    assert.throws(() => issuedUntil('2025-06-01', D040, null, null), RangeError);
  });
});

describe('pastBirthLimit: 040 is refused once its last day is past', () => {
  test('a 73-year-old: its last day is 70 years ago', () => {
    assert.equal(pastBirthLimit(D040, '1952-04-15', '2025-06-01'), '1955-04-14');
  });
  test('the last day itself is still allowed; the day after is not', () => {
    assert.equal(pastBirthLimit(D040, '2022-06-01', '2025-05-31'), null);
    assert.equal(pastBirthLimit(D040, '2022-06-01', '2025-06-01'), '2025-05-31');
  });
  test('not counted from birth, or no duration: never past', () => {
    assert.equal(pastBirthLimit(dur(), '1952-04-15', '2025-06-01'), null);
    assert.equal(pastBirthLimit(null, '1952-04-15', '2025-06-01'), null);
    assert.equal(lastDayFromBirth(dur(), '1952-04-15'), null);
  });
});
