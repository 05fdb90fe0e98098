/**
 * Income exemptions E01–E04 on a self-declaration (docs/domain.md §1.1–1.2), every rule of the page and
 * its boundaries: "inferiore a" is strict (equal to the limit is refused), ages are exact ("più di 65
 * anni" from the day after the 65th birthday), figures in cents, validity to the cut-off of the
 * following year with a regional extension that never applies to E02.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  birthdayAt,
  checkIncomeDeclaration,
  formatEuroCents,
  incomeLimitCents,
  incomeValidity,
  incompatibleHeld,
  isOverAge,
  isUnderAge,
  isValidCutoff,
  parseEuroToCents,
  thresholdOn,
  type IncomeDeclarationFacts,
  type IncomeThreshold,
} from '../src/index.js';

const T: IncomeThreshold[] = [
  { code: 'E01', validFrom: '2002-01-01', baseCents: 3_615_198, spouseCents: null, perChildCents: null },
  { code: 'E02', validFrom: '2002-01-01', baseCents: 826_331, spouseCents: 1_136_205, perChildCents: 51_646 },
  { code: 'E04', validFrom: '2002-01-01', baseCents: 826_331, spouseCents: 1_136_205, perChildCents: 51_646 },
];
const on = '2026-05-04';
const base = (over: Partial<IncomeDeclarationFacts>): IncomeDeclarationFacts => ({
  code: 'E02',
  on,
  beneficiaryBirthDate: '1980-01-01',
  householdIncomeCents: 0,
  hasSpouse: false,
  dependentChildren: 0,
  unemployedRegistered: true,
  ...over,
});
const check = (f: IncomeDeclarationFacts) => checkIncomeDeclaration(f, thresholdOn(T, f.code, f.on));
const rules = (f: IncomeDeclarationFacts) => {
  const r = check(f);
  return r.ok ? [] : r.failures.map((x) => x.rule);
};

describe('E02: unemployed, 8.263,31 €, 11.362,05 € with spouse, + 516,46 € per child, "inferiore a"', () => {
  const family = { hasSpouse: true, dependentChildren: 2 };
  test('spouse and two children: the limit is 11.362,05 + 2 × 516,46 = 12.394,97 €', () => {
    assert.equal(incomeLimitCents(T[1]!, true, 2), 1_239_497);
    const r = check(base({ ...family, householdIncomeCents: 1_239_496 }));
    assert.deepEqual(r, { ok: true, thresholdCents: 1_239_497 });
  });
  test('12.394,97 € (equal to the limit) is refused: "inferiore a" is strict', () => {
    const r = check(base({ ...family, householdIncomeCents: 1_239_497 }));
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.failures[0]!.message : '', /inferiore a 12\.394,97 €.*pari alla soglia/);
  });
  test('one euro above (12.395,97 €) is refused naming the rule and the figure', () => {
    const r = check(base({ ...family, householdIncomeCents: 1_239_597 }));
    assert.equal(r.ok, false);
    const msg = !r.ok ? r.failures[0]!.message : '';
    assert.match(
      msg,
      /^E02: il reddito familiare dichiarato \(12\.395,97 €\) deve essere inferiore a 12\.394,97 €/,
    );
    assert.match(msg, /11\.362,05 € con il coniuge \+ 2 × 516,46 € per i figli a carico/);
    assert.match(msg, /la supera di 1,00 €/);
  });
  test('without spouse the base 8.263,31 €: 8.263,30 passes, 8.263,31 is refused', () => {
    assert.equal(check(base({ householdIncomeCents: 826_330 })).ok, true);
    assert.deepEqual(rules(base({ householdIncomeCents: 826_331 })), ['INCOME']);
  });
  test('children without spouse: 8.263,31 + 516,46 per child', () => {
    assert.equal(incomeLimitCents(T[1]!, false, 3), 826_331 + 3 * 51_646);
    assert.equal(
      check(base({ dependentChildren: 3, householdIncomeCents: 826_331 + 3 * 51_646 - 1 })).ok,
      true,
    );
  });
  test('a first-job seeker (inoccupato) is not unemployed; not registered at the Centro per l’impiego either', () => {
    assert.deepEqual(rules(base({ firstJobSeeker: true })), ['FIRST_JOB_SEEKER']);
    assert.deepEqual(rules(base({ unemployedRegistered: false })), ['UNEMPLOYMENT']);
  });
});

describe('E01: under 6 or over 65, income below 36.151,98 €', () => {
  const e01 = (birth: string, income = 0) =>
    base({ code: 'E01', beneficiaryBirthDate: birth, householdIncomeCents: income });
  test('age boundaries are exact: the day before the 6th birthday passes, the birthday does not', () => {
    assert.equal(check(e01('2020-05-05')).ok, true); // turns 6 tomorrow
    assert.deepEqual(rules(e01('2020-05-04')), ['AGE']); // 6 today
  });
  test('"più di 65 anni": on the 65th birthday refused, the day after accepted', () => {
    assert.deepEqual(rules(e01('1961-05-04')), ['AGE']);
    assert.equal(check(e01('1961-05-03')).ok, true);
  });
  test('the refusal says from when the person is over 65', () => {
    const r = check(e01('1961-05-04'));
    assert.match(!r.ok ? r.failures[0]!.message : '', /li supera dal 05\/05\/2026/);
  });
  test('income: 36.151,97 passes, 36.151,98 refused; spouse and children do not raise E01', () => {
    assert.equal(check(e01('1950-01-01', 3_615_197)).ok, true);
    assert.deepEqual(rules(e01('1950-01-01', 3_615_198)), ['INCOME']);
    assert.deepEqual(rules({ ...e01('1950-01-01', 3_615_198), hasSpouse: true, dependentChildren: 4 }), [
      'INCOME',
    ]);
  });
  test('no birth date: refused on age', () => {
    assert.deepEqual(rules({ ...e01('1950-01-01'), beneficiaryBirthDate: null }), ['AGE']);
  });
});

describe('E03 and E04', () => {
  test('E03 needs the assegno sociale and no income figure', () => {
    assert.deepEqual(rules(base({ code: 'E03', unemployedRegistered: false })), ['SOCIAL_ALLOWANCE']);
    assert.deepEqual(check(base({ code: 'E03', socialAllowance: true, householdIncomeCents: 99_999_999 })), {
      ok: true,
      thresholdCents: null,
    });
  });
  test('E04: minimum pension, the titolare over 60, E02 figures', () => {
    const e04 = (holder: string, income: number) =>
      base({
        code: 'E04',
        minimumPension: true,
        beneficiaryBirthDate: '2010-01-01',
        holderBirthDate: holder,
        householdIncomeCents: income,
        hasSpouse: true,
      });
    assert.equal(check(e04('1966-05-03', 1_136_204)).ok, true);
    assert.deepEqual(rules(e04('1966-05-04', 1_136_204)), ['AGE']); // 60 today, not more
    assert.deepEqual(rules(e04('1950-01-01', 1_136_205)), ['INCOME']);
    assert.deepEqual(rules({ ...e04('1950-01-01', 0), minimumPension: false }), ['MINIMUM_PENSION']);
  });
  test('every failing rule is listed', () => {
    assert.deepEqual(
      rules(base({ code: 'E04', beneficiaryBirthDate: '1990-01-01', householdIncomeCents: 2_000_000 })),
      ['MINIMUM_PENSION', 'AGE', 'INCOME'],
    );
  });
});

describe('thresholds by date', () => {
  test('the row in force on the declaration date; none before the first', () => {
    const rows = [
      ...T,
      {
        code: 'E02',
        validFrom: '2027-01-01',
        baseCents: 900_000,
        spouseCents: 1_200_000,
        perChildCents: 60_000,
      },
    ];
    assert.equal(thresholdOn(rows, 'E02', '2026-12-31')?.baseCents, 826_331);
    assert.equal(thresholdOn(rows, 'E02', '2027-01-01')?.baseCents, 900_000);
    assert.equal(thresholdOn(rows, 'E02', '2001-12-31'), undefined);
    assert.deepEqual(rules(base({ on: '2001-12-31' })), ['THRESHOLD']);
  });
});

describe('validity: to the cut-off of the following year', () => {
  const rule = { cutoff: '03-31' };
  test('declared in May or in January: 31 March of the following year', () => {
    assert.deepEqual(incomeValidity('E01', '2026-05-04', rule), {
      validFrom: '2026-05-04',
      validUntil: '2027-03-31',
    });
    assert.equal(incomeValidity('E01', '2026-01-15', rule).validUntil, '2027-03-31');
  });
  test('the cut-off is configuration', () => {
    assert.equal(incomeValidity('E02', '2026-05-04', { cutoff: '06-30' }).validUntil, '2027-06-30');
    assert.equal(isValidCutoff('02-29'), true);
    assert.equal(isValidCutoff('02-30'), false);
    assert.equal(isValidCutoff('3-31'), false);
  });
  test('a regional extension applies to E01, E03, E04, never to E02', () => {
    const ext = { cutoff: '03-31', extendedUntil: '2027-09-30' };
    for (const c of ['E01', 'E03', 'E04'] as const)
      assert.equal(incomeValidity(c, '2026-05-04', ext).validUntil, '2027-09-30');
    assert.equal(incomeValidity('E02', '2026-05-04', ext).validUntil, '2027-03-31');
    // an extension earlier than the normal end changes nothing
    assert.equal(
      incomeValidity('E01', '2026-05-04', { cutoff: '03-31', extendedUntil: '2026-12-31' }).validUntil,
      '2027-03-31',
    );
  });
});

describe('helpers', () => {
  test('euro cents formatted and parsed the Italian way', () => {
    assert.equal(formatEuroCents(1_239_497), '12.394,97 €');
    assert.equal(formatEuroCents(100), '1,00 €');
    assert.equal(parseEuroToCents('12.394,96'), 1_239_496);
    assert.equal(parseEuroToCents('12394,9'), 1_239_490);
    assert.equal(parseEuroToCents('12394.96'), 1_239_496);
    assert.equal(parseEuroToCents('12394'), 1_239_400);
    assert.equal(parseEuroToCents('12,394.96'), null);
    assert.equal(parseEuroToCents('abc'), null);
  });
  test('birthdays: 29 February in a common year is 1 March', () => {
    assert.equal(birthdayAt('1960-02-29', 65), '2025-03-01');
    assert.equal(isUnderAge('2020-05-05', 6, '2026-05-04'), true);
    assert.equal(isOverAge('1961-05-04', 65, '2026-05-05'), true);
  });
  test('one income exemption at a time; other families are compatible', () => {
    assert.equal(
      incompatibleHeld([
        { code: '048', family: 'CHRONIC' },
        { code: 'C01', family: 'INVALIDITY' },
      ]),
      undefined,
    );
    assert.equal(
      incompatibleHeld([
        { code: '048', family: 'CHRONIC' },
        { code: 'E10', family: 'INCOME' },
      ])?.code,
      'E10',
    );
  });
});
