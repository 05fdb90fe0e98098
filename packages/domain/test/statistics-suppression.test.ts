/**
 * Small cells of the statistics (issue 15 §1): 1–4 people are «< 5»; a cell that, with the others and a
 * total shown elsewhere, would give a small one back is withheld («riservato»).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chartValue,
  protectBreakdown,
  protectPair,
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
  // two small cells that hide each other (1 or 2 each, summing to 3): nothing more to do
  assert.deepEqual(suppressPartition([10, 1, 2, 8]), [10, null, null, 8]);
  assert.deepEqual(suppressPartition([10, 0, 8]), [10, 0, 8]);
  assert.deepEqual(suppressPartition([]), []);
});

test('protectBreakdown: withholds until no small cell can be computed from the total and the bounds', () => {
  // 4 + a withheld cell of 5 to 8 (the smallest shown being 8) = 12 would give 4: the other 8 goes too
  assert.deepEqual(protectBreakdown([4, 8, 8, 20]), {
    cells: [null, WITHHELD, WITHHELD, 20],
    exposed: false,
  });
  // two small cells summing to 2 are 1 and 1: the 10 is withheld
  assert.deepEqual(protectBreakdown([1, 1, 0, 10]), { cells: [null, null, 0, WITHHELD], exposed: false });
  // 1 + 5 = 6 with nothing else to withhold (a withheld cell is at least 5): exposed
  assert.deepEqual(protectBreakdown([1, 0, 5, 0]), { cells: [null, 0, WITHHELD, 0], exposed: true });
  assert.deepEqual(protectBreakdown([4, 4, 0, 0]), { cells: [null, null, 0, 0], exposed: true });
  assert.deepEqual(protectBreakdown([5, 5, 1]), { cells: [WITHHELD, WITHHELD, null], exposed: true });
  // a small cell alone is its own total, itself «< 5» wherever it is shown
  assert.deepEqual(protectBreakdown([0, 3, 0]), { cells: [0, null, 0], exposed: true });
  assert.deepEqual(protectBreakdown([7, 0, 12]), { cells: [7, 0, 12], exposed: false });
});

test('protectBreakdown against an observer who tries every value the total allows (exhaustive)', () => {
  // every breakdown of up to 4 cells of 0–9 or 20: the observer knows the total, the cells shown, 1–4 for
  // «< 5» and, for a withheld cell, 5 up to the smallest non-zero cell shown (or the total)
  const values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 20];
  let checked = 0;
  const visit = (counts: number[]): void => {
    if (counts.length > 0) {
      const { cells, exposed } = protectBreakdown(counts);
      const total = counts.reduce((a, b) => a + b, 0);
      const shownNonZero = counts.filter((n, i) => typeof cells[i] === 'number' && n > 0);
      const cap = shownNonZero.length ? Math.min(...shownNonZero) : total;
      const hidden = cells.flatMap((c, i) => (typeof c === 'number' ? [] : [i]));
      const hiddenSum = hidden.reduce((a, i) => a + counts[i]!, 0);
      const possible = hidden.map(() => new Set<number>());
      const walk = (k: number, sum: number, chosen: number[]): void => {
        if (k === hidden.length) {
          if (sum === hiddenSum) chosen.forEach((v, j) => possible[j]!.add(v));
          return;
        }
        const range = cells[hidden[k]!] === null ? [1, 4] : [5, cap];
        for (let v = range[0]!; v <= range[1]! && sum + v <= hiddenSum; v++)
          walk(k + 1, sum + v, [...chosen, v]);
      };
      walk(0, 0, []);
      const pinned = hidden.some((i, j) => cells[i] === null && possible[j]!.size < 2);
      assert.equal(pinned, exposed, `${JSON.stringify(counts)} → ${JSON.stringify(cells)}`);
      // the true counts are among what the observer finds possible
      hidden.forEach((i, j) => assert.ok(possible[j]!.has(counts[i]!), JSON.stringify(counts)));
      checked++;
    }
    if (counts.length < 4) for (const v of values) visit([...counts, v]);
  };
  visit([]);
  assert.ok(checked > 10_000, `${checked} breakdowns`);
});

test('protectPair: when one breakdown is exposed, the other withholds every cell (the total is hidden)', () => {
  // one district: open cases 4 and 4 by age, 8 in the district's row
  assert.deepEqual(protectPair([4, 4, 0, 0], [8]), [[null, null, 0, 0], [WITHHELD]]);
  assert.deepEqual(protectPair([6, 2, 0, 5], [8, 5]), [
    [6, null, 0, WITHHELD],
    [8, 5],
  ]);
  assert.deepEqual(protectPair([0, 0], [0]), [[0, 0], [0]]);
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
