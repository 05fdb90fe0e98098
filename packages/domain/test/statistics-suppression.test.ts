/**
 * Small cells of the statistics (issue 15 §1): 1–4 people are «< 5»; a cell that, with the others and a
 * total shown elsewhere, would give a small one back is withheld («riservato»).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chartValue,
  suppressCumulative,
  suppressPartition,
  suppressSmall,
  WITHHELD,
  type StatCount,
} from '../src/statistics.js';

test('suppressSmall: 1–4 are suppressed, 0 and 5 or more shown', () => {
  assert.deepEqual([0, 1, 4, 5, 12].map(suppressSmall), [0, null, null, 5, 12]);
});

test('suppressPartition: a lone small cell takes the smallest other non-zero cell with it', () => {
  // the total (13) is on the page in another breakdown: 13 - 6 - 5 would give the 2 back
  assert.deepEqual(suppressPartition([6, 2, 0, 5]), [6, null, 0, WITHHELD]);
  // the smallest non-zero other cell, the first of equals; zeros are never withheld
  assert.deepEqual(suppressPartition([0, 9, 3, 7, 7]), [0, 9, null, WITHHELD, 7]);
  assert.deepEqual(suppressPartition([5, 5, 1]), [WITHHELD, 5, null]);
  // two or more small cells already hide each other; none, nothing to do
  assert.deepEqual(suppressPartition([10, 1, 2, 8]), [10, null, null, 8]);
  assert.deepEqual(suppressPartition([10, 0, 8]), [10, 0, 8]);
  // a small cell alone among zeros is its own total, itself suppressed wherever it is shown
  assert.deepEqual(suppressPartition([0, 3, 0]), [0, null, 0]);
  assert.deepEqual(suppressPartition([]), []);
  // no suppressed cell can be computed from the others and the total
  for (const counts of [
    [6, 2, 0, 5],
    [40, 3, 12, 9, 100],
    [5, 1],
  ]) {
    const out = suppressPartition(counts);
    const hidden = out.filter((c) => typeof c !== 'number').length;
    assert.ok(hidden === 0 || hidden >= 2, JSON.stringify(counts));
  }
});

test('suppressCumulative: a running total 1–4 apart from one shown before it is withheld', () => {
  // within 30, 60, 90 days: 12 - 10 = 2 people end between 31 and 60 days
  assert.deepEqual(suppressCumulative([10, 12, 20]), [10, WITHHELD, 20]);
  // 20 - 10 = 10 (31–90 days) is not small; 20 - 12 is not compared, 12 not being shown
  assert.deepEqual(suppressCumulative([3, 10, 30]), [null, 10, 30]);
  assert.deepEqual(suppressCumulative([0, 0, 7]), [0, 0, 7]);
  assert.deepEqual(suppressCumulative([0, 2, 2]), [0, null, null]);
  assert.deepEqual(suppressCumulative([10, 10, 14]), [10, 10, WITHHELD]);
});

test('charts draw numbers only', () => {
  const cells: StatCount[] = [7, 0, null, WITHHELD];
  assert.deepEqual(cells.map(chartValue), [7, 0, null, null]);
});
