/**
 * Small cells of the statistics (issue 15 §1): 1–4 people are «< 5»; a cell that, with the others and a
 * total shown elsewhere, would give a small one back is withheld («riservato»).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chartValue,
  orderByShownCount,
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

test('suppressPartition: the smallest other non-zero cells are withheld with a «< 5», whatever the values', () => {
  // the total (13) is on the page in another breakdown: 13 - 6 - 5 would give the 2 back; and with the 6
  // shown, a withheld cell below it could only be 5: the 6 goes too
  assert.deepEqual(suppressPartition([6, 2, 0, 5]), [WITHHELD, null, 0, WITHHELD]);
  assert.deepEqual(suppressPartition([9, 2, 0, 5]), [9, null, 0, WITHHELD]);
  // cells of equal value go together (so a withheld cell is below every non-zero cell shown); zeros stay
  assert.deepEqual(suppressPartition([0, 9, 3, 7, 7]), [0, 9, null, WITHHELD, WITHHELD]);
  assert.deepEqual(suppressPartition([10, 1, 2, 8]), [10, null, null, WITHHELD]);
  assert.deepEqual(suppressPartition([10, 0, 8]), [10, 0, 8]);
  assert.deepEqual(suppressPartition([]), []);
});

test('protectBreakdown: withholds until no small cell can be computed from the total and the bounds', () => {
  // 4 + a withheld 8 = 12 (both 8s go together) leaves 4 + 8 + 8 = 20: the 4 is 1 to 4
  assert.deepEqual(protectBreakdown([4, 8, 8, 20]), {
    cells: [null, WITHHELD, WITHHELD, 20],
    exposed: false,
  });
  // 1 + 1 + 7 = 9 with the withheld 7 below 20: 1 + 1 + 7, 1 + 2 + 6, 2 + 2 + 5… all possible
  assert.deepEqual(protectBreakdown([1, 1, 7, 20]), { cells: [null, null, WITHHELD, 20], exposed: false });
  // 1 + 5 = 6 with nothing else to withhold (a withheld cell is at least 5): exposed
  assert.deepEqual(protectBreakdown([1, 0, 5, 0]), { cells: [null, 0, WITHHELD, 0], exposed: true });
  assert.deepEqual(protectBreakdown([4, 4, 0, 0]), { cells: [null, null, 0, 0], exposed: true });
  assert.deepEqual(protectBreakdown([5, 5, 1]), { cells: [WITHHELD, WITHHELD, null], exposed: true });
  // a small cell alone is its own total, itself «< 5» wherever it is shown
  assert.deepEqual(protectBreakdown([0, 3, 0]), { cells: [0, null, 0], exposed: true });
  assert.deepEqual(protectBreakdown([7, 0, 12]), { cells: [7, 0, 12], exposed: false });
});

test('protectBreakdown against an observer who knows the rule and tries every value the total allows (exhaustive)', () => {
  // every breakdown of up to 4 cells of 0–9 or 20. The observer knows the total, the cells shown, 1–4 for
  // «< 5», 5 up to one less than the smallest non-zero cell shown (or the total) for a withheld cell, and
  // the rule: a candidate counts only if protectBreakdown would have answered the same cells for it
  const values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 20];
  let checked = 0;
  let exposedCount = 0;
  const visit = (counts: number[]): void => {
    if (counts.length > 0) {
      const { cells, exposed } = protectBreakdown(counts);
      const shownNonZero = counts.filter((n, i) => typeof cells[i] === 'number' && n > 0);
      const hidden = cells.flatMap((c, i) => (typeof c === 'number' ? [] : [i]));
      const hiddenSum = hidden.reduce((a, i) => a + counts[i]!, 0);
      const cap = Math.min(shownNonZero.length ? Math.min(...shownNonZero) - 1 : hiddenSum, hiddenSum);
      const possible = hidden.map(() => new Set<number>());
      const walk = (k: number, sum: number, chosen: number[]): void => {
        if (k === hidden.length) {
          if (sum !== hiddenSum) return;
          const candidate = [...counts];
          chosen.forEach((v, j) => (candidate[hidden[j]!] = v));
          if (JSON.stringify(protectBreakdown(candidate).cells) !== JSON.stringify(cells)) return;
          chosen.forEach((v, j) => possible[j]!.add(v));
          return;
        }
        const [lo, hi] = cells[hidden[k]!] === null ? [1, 4] : [5, cap];
        for (let v = lo; v <= hi && sum + v <= hiddenSum; v++) walk(k + 1, sum + v, [...chosen, v]);
      };
      walk(0, 0, []);
      // the true counts are among what the observer finds possible
      hidden.forEach((i, j) => assert.ok(possible[j]!.has(counts[i]!), JSON.stringify(counts)));
      const pinned = hidden.some((i, j) => cells[i] === null && possible[j]!.size < 2);
      if (!exposed) assert.equal(pinned, false, `${JSON.stringify(counts)} → ${JSON.stringify(cells)}`);
      if (exposed) exposedCount++;
      checked++;
    }
    if (counts.length < 4) for (const v of values) visit([...counts, v]);
  };
  visit([]);
  assert.ok(checked > 10_000, `${checked} breakdowns`);
  assert.ok(exposedCount < checked / 10, `${exposedCount} of ${checked} exposed`);
});

test('protectPair: an exposed breakdown hides the total in the other one', () => {
  // one district: open cases 4 and 4 by age, 8 in the district's row
  assert.deepEqual(protectPair([4, 4, 0, 0], [8]), [[null, null, 0, 0], [WITHHELD]]);
  assert.deepEqual(protectPair([9, 2, 0, 5], [8, 8]), [
    [9, null, 0, WITHHELD],
    [8, 8],
  ]);
  // both exposed: the months say at least 4, the reasons at most 4; the second hides its «< 5» too
  assert.deepEqual(protectPair([1, 1, 1, 1], [4, 0, 0, 0]), [
    [null, null, null, null],
    [WITHHELD, 0, 0, 0],
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

test('rows ranked by count: the hidden ones last, by code', () => {
  // 20, 2 and 1 exemptions: listed 20, Z99, A01 they would say Z99 > A01
  const rows: Array<{ code: string; count: StatCount }> = [
    { code: 'X10', count: 20 },
    { code: 'Z99', count: null },
    { code: 'B02', count: 20 },
    { code: 'A01', count: null },
    { code: 'C03', count: WITHHELD },
    { code: 'D04', count: 7 },
  ];
  assert.deepEqual(
    orderByShownCount(rows).map((r) => r.code),
    ['B02', 'X10', 'D04', 'A01', 'C03', 'Z99'],
  );
});

test('charts draw numbers only', () => {
  const cells: StatCount[] = [7, 0, null, WITHHELD];
  assert.deepEqual(cells.map(chartValue), [7, 0, null, null]);
});
