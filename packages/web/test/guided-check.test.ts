/**
 * «Quale esenzione posso chiedere?» (issue 13 §5): the rules of the guided check, pure, with the limits
 * of data/income-thresholds.csv (E01 36.151,98 €; E02/E04 8.263,31 €, 11.362,05 € with the spouse,
 * + 516,46 € per dependent child).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  candidateExemptions,
  EMPTY_ANSWERS,
  incomeBands,
  type Answers,
} from '../src/features/public/guidedCheck';

const THRESHOLDS = [
  { code: 'E01', baseCents: 3615198, spouseCents: null, perChildCents: null },
  { code: 'E02', baseCents: 826331, spouseCents: 1136205, perChildCents: 51646 },
  { code: 'E04', baseCents: 826331, spouseCents: 1136205, perChildCents: 51646 },
];
const check = (a: Partial<Answers>) => candidateExemptions({ ...EMPTY_ANSWERS, ...a }, THRESHOLDS);
const codes = (a: Partial<Answers>) => check(a).candidates.flatMap((c) => c.codes);

test('E01: under 6 or over 65 with the household income below 36.151,98 €', () => {
  assert.deepEqual(codes({ age: 3, incomeBand: 'UNDER_E01' }), ['E01']);
  assert.deepEqual(codes({ age: 70, incomeBand: 'UNDER_E02' }), ['E01']);
  assert.deepEqual(codes({ age: 6, incomeBand: 'UNDER_E01' }), []);
  assert.deepEqual(codes({ age: 64, incomeBand: 'UNDER_E01' }), []);
  assert.deepEqual(codes({ age: 70, incomeBand: 'OVER_E01' }), []);
  assert.match(check({ age: 70, incomeBand: 'UNDER_E01' }).candidates[0]!.reason, /36\.151,98 €/);
});

test('E02: unemployed (not a first-job seeker) below the E02 limit of the household', () => {
  assert.deepEqual(codes({ age: 40, employment: 'UNEMPLOYED', incomeBand: 'UNDER_E02' }), ['E02']);
  assert.deepEqual(codes({ age: 40, employment: 'UNEMPLOYED', incomeBand: 'UNDER_E01' }), []);
  const first = check({ age: 25, employment: 'FIRST_JOB', incomeBand: 'UNDER_E02' });
  assert.deepEqual(first.candidates, []);
  assert.ok(first.notes.some((n) => /primo lavoro/.test(n)));
  const withFamily = check({
    age: 40,
    employment: 'UNEMPLOYED',
    spouse: true,
    dependentChildren: 2,
    incomeBand: 'UNDER_E02',
  });
  // 11.362,05 + 2 × 516,46 = 12.394,97
  assert.match(withFamily.candidates[0]!.reason, /12\.394,97 €/);
});

test('E03 with the assegno sociale whatever the income; E04 with the minimum pension over 60', () => {
  assert.deepEqual(codes({ age: 68, pension: 'SOCIAL', incomeBand: 'OVER_E01' }), ['E03']);
  assert.deepEqual(codes({ age: 62, pension: 'MINIMUM', incomeBand: 'UNDER_E02' }), ['E04']);
  assert.deepEqual(codes({ age: 60, pension: 'MINIMUM', incomeBand: 'UNDER_E02' }), []);
  assert.deepEqual(codes({ age: 70, pension: 'MINIMUM', incomeBand: 'UNDER_E02' }), ['E01', 'E04']);
});

test('an unknown income keeps the income codes, marked to be verified', () => {
  const r = check({ age: 70, incomeBand: 'UNKNOWN' });
  assert.deepEqual(
    r.candidates.map((c) => [c.family, c.toVerify]),
    [['INCOME', true]],
  );
});

test('pathology, rare disease, invalidity and pregnancy; none for people outside the regional service but pregnancy', () => {
  const families = (a: Partial<Answers>) => check(a).candidates.map((c) => c.family);
  assert.deepEqual(families({ chronicDisease: true, rareDisease: true, invalidityVerbale: true }), [
    'CHRONIC',
    'RARE',
    'INVALIDITY',
  ]);
  assert.deepEqual(families({ pregnant: true }), ['PREGNANCY']);
  const foreign = check({ residence: 'NO_SSN', chronicDisease: true, pregnant: true });
  assert.deepEqual(
    foreign.candidates.map((c) => c.family),
    ['PREGNANCY'],
  );
  assert.ok(foreign.notes.some((n) => /STP o ENI/.test(n)));
  const none = check({ age: 40, incomeBand: 'OVER_E01' });
  assert.deepEqual(none.candidates, []);
  assert.equal(none.notes.length, 1);
});

test('the income bands quote the household limits', () => {
  assert.deepEqual(
    incomeBands(THRESHOLDS, { spouse: true, dependentChildren: 1 }).map((b) => b.label),
    ['Meno di 11.878,51 €', 'Da 11.878,51 € a meno di 36.151,98 €', '36.151,98 € o più', 'Non so'],
  );
});
