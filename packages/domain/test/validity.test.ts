/**
 * Validity of an issued exemption (docs/domain.md §1.3) and the date helpers used by the UI.
 * Convention of the code: the exemption holds up to the day before the anniversary; an anniversary
 * that does not exist (31 → a 30-day month, 29 February → a common year) falls on the last day of
 * that month, as art. 2963 c.c. does for terms.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  OPEN_END,
  computeValidUntil,
  formatItalianDate,
  isInForceOn,
  parseItalianDate,
  todayInRome,
  type DurationUnit,
  type ExemptionDuration,
  validityState,
} from '../src/validity.js';

const months = (amount: number): ExemptionDuration => ({ amount, unit: 'MONTHS' });
const years = (amount: number): ExemptionDuration => ({ amount, unit: 'YEARS' });
const days = (amount: number): ExemptionDuration => ({ amount, unit: 'DAYS' });

describe('computeValidUntil', () => {
  test('no duration and an open catalogue end → open-ended (null)', () => {
    assert.equal(computeValidUntil('2024-01-31', null, null), null);
    assert.equal(computeValidUntil('2024-01-31', null, OPEN_END), null);
    assert.equal(OPEN_END, '9999-12-31');
  });

  test('no duration → the catalogue end', () => {
    assert.equal(computeValidUntil('2024-01-31', null, '2024-12-31'), '2024-12-31');
  });

  test('12 months from 2024-01-31 → 2025-01-30', () => {
    assert.equal(computeValidUntil('2024-01-31', months(12), null), '2025-01-30');
    assert.equal(computeValidUntil('2024-01-31', months(12), OPEN_END), '2025-01-30');
  });

  test('months: the day before the same day of the target month', () => {
    assert.equal(computeValidUntil('2024-03-15', months(1), null), '2024-04-14');
    assert.equal(computeValidUntil('2024-12-15', months(1), null), '2025-01-14'); // across the year
    assert.equal(computeValidUntil('2024-01-01', months(1), null), '2024-01-31');
    assert.equal(computeValidUntil('2024-01-01', months(36), null), '2026-12-31');
  });

  test('months: a day that the target month lacks: the period ends on its last day (issue 11)', () => {
    assert.equal(computeValidUntil('2024-01-31', months(1), null), '2024-02-29'); // no 31 Feb: ends 29 Feb
    assert.equal(computeValidUntil('2023-01-31', months(1), null), '2023-02-28');
    assert.equal(computeValidUntil('2024-03-31', months(1), null), '2024-04-30'); // no 31 Apr
    assert.equal(computeValidUntil('2024-02-01', months(1), null), '2024-02-29');
  });

  test('years across 29 February', () => {
    assert.equal(computeValidUntil('2023-03-01', years(1), null), '2024-02-29'); // ends on the leap day
    assert.equal(computeValidUntil('2024-02-29', years(1), null), '2025-02-28'); // 29/02 + 1 year ends on 28/02
    assert.equal(computeValidUntil('2024-02-29', years(4), null), '2028-02-28'); // anniversary exists
    assert.equal(computeValidUntil('2024-02-28', years(1), null), '2025-02-27');
    assert.equal(computeValidUntil('2024-03-01', years(1), null), '2025-02-28');
    // 12 months and 1 year agree
    for (const from of ['2023-03-01', '2024-02-29', '2024-01-31', '2024-07-15']) {
      assert.equal(computeValidUntil(from, months(12), null), computeValidUntil(from, years(1), null), from);
    }
  });

  test('days: the last of N days counting the first', () => {
    assert.equal(computeValidUntil('2024-01-01', days(1), null), '2024-01-01');
    assert.equal(computeValidUntil('2024-01-01', days(10), null), '2024-01-10');
    assert.equal(computeValidUntil('2024-02-20', days(10), null), '2024-02-29');
    assert.equal(computeValidUntil('2023-12-25', days(366), null), '2024-12-24');
  });

  test('capped by the catalogue end of the code', () => {
    assert.equal(computeValidUntil('2024-01-31', months(12), '2024-06-30'), '2024-06-30');
    assert.equal(computeValidUntil('2024-01-31', months(12), '2025-01-30'), '2025-01-30'); // equal
    assert.equal(computeValidUntil('2024-01-31', months(12), '2025-01-31'), '2025-01-30'); // later: duration wins
  });

  test('a duration of 0 or less, or fractional, is refused (it would end before it starts)', () => {
    for (const d of [days(0), months(-1), years(0), months(1.5), days(Number.NaN)]) {
      assert.throws(() => computeValidUntil('2024-01-31', d, null), RangeError, JSON.stringify(d));
    }
    assert.throws(() => computeValidUntil('2024-01-31', months(0), null), /durata non valida: 0 MONTHS/);
  });

  test('an unknown unit (read from the database as text) is refused, not treated as 0', () => {
    const bad = { amount: 12, unit: 'M' as DurationUnit };
    assert.throws(() => computeValidUntil('2024-01-31', bad, null), /unità di durata non valida: M/);
  });
});

describe('isInForceOn / validityState: the one "in force on date D" rule (all bounds inclusive)', () => {
  const row = (validFrom: string, validUntil: string | null, revokedAt: Date | null = null) => ({
    validFrom,
    validUntil,
    revokedAt,
  });

  test('closed interval: D-1 before, D the first day, D the last day, D+1 after', () => {
    const r = row('2024-01-31', '2025-01-30');
    assert.equal(isInForceOn('2024-01-30', r), false);
    assert.equal(validityState(r, '2024-01-30'), 'NOT_YET_VALID');
    assert.equal(isInForceOn('2024-01-31', r), true); // first day
    assert.equal(isInForceOn('2024-07-01', r), true);
    assert.equal(isInForceOn('2025-01-30', r), true); // last day
    assert.equal(isInForceOn('2025-01-31', r), false);
    assert.equal(validityState(r, '2025-01-31'), 'EXPIRED');
  });

  test('a one-day row', () => {
    const r = row('2024-02-29', '2024-02-29');
    assert.equal(isInForceOn('2024-02-29', r), true);
    assert.equal(isInForceOn('2024-02-28', r), false);
    assert.equal(isInForceOn('2024-03-01', r), false);
  });

  test('open-ended (null)', () => {
    const r = row('2024-01-31', null);
    assert.equal(isInForceOn('2024-01-30', r), false);
    assert.equal(isInForceOn('2024-01-31', r), true);
    assert.equal(isInForceOn('9999-12-31', r), true);
    assert.equal(validityState(r, '9999-12-31'), 'ACTIVE');
  });

  test('revoked: never in force, whatever the dates; rows without revokedAt (catalogue codes) are not revoked', () => {
    const r = row('2024-01-31', null, new Date('2024-06-01T10:00:00Z'));
    for (const d of ['2024-01-30', '2024-01-31', '2024-06-01', '2030-01-01']) {
      assert.equal(isInForceOn(d, r), false, d);
      assert.equal(validityState(r, d), 'REVOKED', d);
    }
    assert.equal(isInForceOn('2024-02-01', { validFrom: '2024-01-31', validUntil: OPEN_END }), true);
  });

  test('agrees with computeValidUntil at the boundary', () => {
    const until = computeValidUntil('2024-01-31', months(12), null);
    assert.equal(isInForceOn('2025-01-30', row('2024-01-31', until)), true);
    assert.equal(isInForceOn('2025-01-31', row('2024-01-31', until)), false);
  });
});

describe('todayInRome', () => {
  const cases: [string, string, string][] = [
    ['2026-06-30T22:30:00Z', '2026-07-01', 'summer (UTC+2): 00:30 in Rome is already tomorrow'],
    ['2026-06-30T21:59:59Z', '2026-06-30', 'summer: 23:59:59 in Rome'],
    ['2026-06-30T22:00:00Z', '2026-07-01', 'summer: midnight in Rome'],
    ['2026-01-31T22:59:59Z', '2026-01-31', 'winter (UTC+1): 23:59:59 in Rome'],
    ['2026-01-31T23:00:00Z', '2026-02-01', 'winter: midnight in Rome'],
    ['2025-12-31T23:00:00Z', '2026-01-01', 'new year in Rome, still old year in UTC'],
    ['2024-02-28T23:30:00Z', '2024-02-29', 'leap day'],
    ['2026-03-29T00:30:00Z', '2026-03-29', 'night of the switch to summer time'],
    ['2026-10-25T22:59:00Z', '2026-10-25', 'day of the switch back: already UTC+1'],
    ['2026-10-25T23:00:00Z', '2026-10-26', 'day after the switch back'],
  ];
  for (const [instant, expected, why] of cases) {
    test(`${instant} → ${expected} (${why})`, () => {
      assert.equal(todayInRome(new Date(instant)), expected);
    });
  }

  test('format is YYYY-MM-DD', () => {
    assert.match(todayInRome(), /^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('formatItalianDate / parseItalianDate', () => {
  test('format YYYY-MM-DD → gg/mm/aaaa', () => {
    assert.equal(formatItalianDate('2024-02-29'), '29/02/2024');
    assert.equal(formatItalianDate('2024-01-05'), '05/01/2024');
  });

  test('format of nothing is the empty string', () => {
    assert.equal(formatItalianDate(null), '');
    assert.equal(formatItalianDate(undefined), '');
    assert.equal(formatItalianDate(''), '');
  });

  test('parse gg/mm/aaaa → YYYY-MM-DD', () => {
    assert.equal(parseItalianDate('29/02/2024'), '2024-02-29');
    assert.equal(parseItalianDate('31/12/2025'), '2025-12-31');
    assert.equal(parseItalianDate(' 05/01/2024 '), '2024-01-05'); // surrounding spaces
  });

  test('parse is lenient with what people type: no leading zeros, dashes or dots', () => {
    assert.equal(parseItalianDate('1/1/2022'), '2022-01-01');
    assert.equal(parseItalianDate('01-01-2022'), '2022-01-01');
    assert.equal(parseItalianDate('5.3.2024'), '2024-03-05');
    assert.equal(parseItalianDate('29-2-2024'), '2024-02-29');
  });

  const notDates: [string, string][] = [
    ['31/02/2024', '31 February'],
    ['30/02/2024', '30 February'],
    ['29/02/2023', '29 February of a common year'],
    ['31/04/2024', '31 April'],
    ['00/01/2024', 'day 0'],
    ['01/13/2024', 'month 13'],
    ['01/00/2024', 'month 0'],
    ['31/2/2024', '31 February without leading zero'],
    ['2024-02-01', 'ISO form'],
    ['01-02/2024', 'two different separators'],
    ['001/02/2024', 'three-digit day'],
    ['01/02/24', 'two-digit year'],
    ['', 'empty'],
    ['oggi', 'a word'],
  ];
  for (const [text, why] of notDates) {
    test(`parse ${JSON.stringify(text)} → null (${why})`, () => {
      assert.equal(parseItalianDate(text), null);
    });
  }

  test('round trip over every day of 2023 and 2024', () => {
    const start = Date.UTC(2023, 0, 1);
    for (let i = 0; i < 731; i++) {
      const iso = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
      assert.equal(parseItalianDate(formatItalianDate(iso)), iso, iso);
    }
  });
});
