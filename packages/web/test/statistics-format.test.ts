/**
 * The Italian formats of the statistics dashboard (features/statistics/statFormat.ts): counts with the
 * thousands dot, a suppressed cell «< 5», a withheld one «riservato», months in Italian, lead-time days or «—».
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { suppressSmall, WITHHELD } from '@esenzioni/domain/statistics';
import {
  formatCount,
  formatDays,
  formatMonthLong,
  formatMonthShort,
} from '../src/features/statistics/statFormat';

test('counts: thousands with a dot, 1–4 suppressed as «< 5», 0 shown', () => {
  assert.equal(formatCount(1234567), '1.234.567');
  assert.equal(formatCount(0), '0');
  assert.equal(formatCount(null), '< 5');
  // a cell of 5 or more withheld so that no small cell can be computed back: not «< 5», which would be false
  assert.equal(formatCount(WITHHELD), 'riservato');
  assert.deepEqual([0, 1, 4, 5, 12].map(suppressSmall), [0, null, null, 5, 12]);
  assert.deepEqual(
    [0, 1, 4, 5].map((n) => formatCount(suppressSmall(n))),
    ['0', '< 5', '< 5', '5'],
  );
});

test('months and days in Italian', () => {
  assert.equal(formatMonthLong('2025-01'), 'gennaio 2025');
  assert.equal(formatMonthLong('2024-12'), 'dicembre 2024');
  assert.match(formatMonthShort('2025-08'), /^ago 2025$/);
  assert.equal(formatDays(null), '—');
  // Italian groups from five digits (CLDR minimumGroupingDigits 2): 1200, 12.000
  assert.equal(formatDays(1200), '1200');
  assert.equal(formatDays(12000), '12.000');
});
