/**
 * Regional codes (issue 12 §6): the file's notations and the rules of the page's codes — dental income
 * ranges (E09 ≤ 8.000 €, OD1 8.000–13.000 €, OD2 13.000–20.000 €), ODO1's conditions, ages (E07/E08 under
 * 6 or over 65, E10 up to 18 or from 55), six months from the permit (E06) or the card (E07/E08), E10's
 * limits by household size.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ageRuleMet,
  birthdayOn,
  describeAgeRule,
  parseAgeRule,
  parseHouseholdLimits,
  parseRegionalCode,
  parseRegionalDuration,
  regionalRuleIssues,
  regionalValidity,
  type RegionalCode,
  type RegionalCodeText,
} from '../src/regional.js';
import { formatEuroCents } from '../src/income.js';

const base: RegionalCodeText = {
  code: 'XX',
  family: 'OTHER',
  category: 'DENTAL_SOCIAL',
  description: 'd',
  issuedBy: 'COUNTER',
  identifiers: 'CF',
  documents: 'Attestazione ISEE|Documento',
  duration: 'CUTOFF',
  age: null,
  incomeMeasure: null,
  incomeOverCents: null,
  incomeMaxCents: null,
  incomeMaxInclusive: true,
  householdLimits: null,
  conditions: null,
  copayCapCents: null,
  discountPercent: null,
  notes: '',
};
const code = (over: Partial<RegionalCodeText>): RegionalCode => parseRegionalCode({ ...base, ...over });

const E09 = code({ code: 'E09', incomeMeasure: 'ISEE', incomeMaxCents: 800000 });
const OD1 = code({
  code: 'OD1',
  incomeMeasure: 'ISEE',
  incomeOverCents: 800000,
  incomeMaxCents: 1300000,
  copayCapCents: 3615,
});
const OD2 = code({
  code: 'OD2',
  incomeMeasure: 'ISEE',
  incomeOverCents: 1300000,
  incomeMaxCents: 2000000,
  discountPercent: 20,
});
const fields = (rc: RegionalCode, f: Parameters<typeof regionalRuleIssues>[1], today = '2026-11-30') =>
  regionalRuleIssues(rc, f, today).map((i) => i.field);

describe('dental income ranges, in cents, bounds as the page writes them', () => {
  test('E09 up to 8.000,00 € included', () => {
    assert.deepEqual(fields(E09, { birthDate: null, incomeCents: 800000 }), []);
    assert.deepEqual(fields(E09, { birthDate: null, incomeCents: 800001 }), ['incomeCents']);
  });
  test('OD1 over 8.000,00 € and up to 13.000,00 €; refused outside, with the rule and the figure', () => {
    assert.deepEqual(fields(OD1, { birthDate: null, incomeCents: 800001 }), []);
    assert.deepEqual(fields(OD1, { birthDate: null, incomeCents: 1300000 }), []);
    const [below] = regionalRuleIssues(OD1, { birthDate: null, incomeCents: 800000 }, '2026-11-30');
    assert.match(
      below?.message ?? '',
      /OD1 richiede ISEE oltre 8\.000,00 € e fino a 13\.000,00 €: dichiarato 8\.000,00 €/,
    );
    const [above] = regionalRuleIssues(OD1, { birthDate: null, incomeCents: 1300001 }, '2026-11-30');
    assert.match(above?.message ?? '', /dichiarato 13\.000,01 €, oltre il limite/);
    assert.deepEqual(fields(OD1, { birthDate: null }), ['incomeCents']);
  });
  test('OD2 over 13.000,00 € and up to 20.000,00 €', () => {
    assert.deepEqual(fields(OD2, { birthDate: null, incomeCents: 1300001 }), []);
    assert.deepEqual(fields(OD2, { birthDate: null, incomeCents: 2000001 }), ['incomeCents']);
    assert.equal(OD2.discountPercent, 20);
    assert.equal(OD1.copayCapCents, 3615);
  });
  test('an exclusive upper bound ("inferiore a 36.151,98 €") refuses the bound itself', () => {
    const e05 = code({ incomeMeasure: 'HOUSEHOLD', incomeMaxCents: 3615198, incomeMaxInclusive: false });
    assert.deepEqual(fields(e05, { birthDate: null, incomeCents: 3615197 }), []);
    assert.deepEqual(fields(e05, { birthDate: null, incomeCents: 3615198 }), ['incomeCents']);
  });
});

test('ODO1: one condition of the list must be declared', () => {
  const odo1 = code({
    code: 'ODO1',
    category: 'DENTAL_HEALTH',
    conditions: 'HIV=HIV positivo|TRANSPLANT=Trapianto',
  });
  assert.deepEqual(fields(odo1, { birthDate: null, condition: 'HIV' }), []);
  assert.deepEqual(fields(odo1, { birthDate: null, condition: 'DIABETES' }), ['condition']);
  assert.deepEqual(fields(odo1, { birthDate: null }), ['condition']);
});

describe('ages', () => {
  const under6orOver65 = parseAgeRule('<6|>65');
  test('under 6: up to the day before the 6th birthday; over 65: from the day after the 65th birthday', () => {
    assert.equal(ageRuleMet(under6orOver65, '2020-12-01', '2026-11-30'), true);
    assert.equal(ageRuleMet(under6orOver65, '2020-12-01', '2026-12-01'), false);
    assert.equal(ageRuleMet(under6orOver65, '1961-11-30', '2026-11-30'), false); // the 65th birthday
    assert.equal(ageRuleMet(under6orOver65, '1961-11-29', '2026-11-30'), true);
    assert.equal(describeAgeRule(under6orOver65), 'meno di 6 anni o più di 65 anni');
  });
  test('E10: up to 18 (before the 19th birthday) or from 55', () => {
    const e10 = parseAgeRule('<=18|>=55');
    assert.equal(ageRuleMet(e10, '2007-12-01', '2026-11-30'), true); // 18
    assert.equal(ageRuleMet(e10, '2007-11-30', '2026-11-30'), false); // 19 today
    assert.equal(ageRuleMet(e10, '1971-11-30', '2026-11-30'), true); // 55 today
    assert.equal(ageRuleMet(e10, '1971-12-01', '2026-11-30'), false);
  });
  test('a range with & (E05: from 6 to 65)', () => {
    const e05 = parseAgeRule('>=6&<=65');
    assert.equal(ageRuleMet(e05, '2020-11-30', '2026-11-30'), true);
    assert.equal(ageRuleMet(e05, '2020-12-01', '2026-11-30'), false);
  });
  test('29 February: the birthday of a common year is 1 March', () => {
    assert.equal(birthdayOn('2020-02-29', 1), '2021-03-01');
  });
  test('a code with an age rule needs the birth date', () => {
    const e08 = code({
      code: 'E08',
      identifiers: 'STP',
      age: '<6|>65',
      duration: 'MONTHS:6:CARD',
      documents: 'Tesserino STP',
    });
    assert.deepEqual(fields(e08, { birthDate: null, cardIssuedOn: '2026-10-01' }), ['birthDate']);
    assert.deepEqual(fields(e08, { birthDate: '1950-01-01', cardIssuedOn: '2026-10-01' }), []);
    assert.deepEqual(fields(e08, { birthDate: '1990-01-01', cardIssuedOn: '2026-10-01' }), ['birthDate']);
  });
});

describe('durations', () => {
  const e06 = code({ code: 'E06', category: 'FOREIGN', duration: 'MONTHS:6:PERMIT' });
  test('E06: six months from the permit, refused once they are over or with a future permit', () => {
    assert.deepEqual(fields(e06, { birthDate: null, permitIssuedOn: '2026-06-01' }), []);
    assert.deepEqual(regionalValidity(e06, { birthDate: null, permitIssuedOn: '2026-06-01' }, '2026-11-30'), {
      validFrom: '2026-11-30',
      validUntil: '2026-11-30',
    });
    const [over] = regionalRuleIssues(e06, { birthDate: null, permitIssuedOn: '2026-05-29' }, '2026-11-30');
    assert.match(over?.message ?? '', /6 mesi .* il periodo è terminato il 28\/11\/2026/);
    assert.deepEqual(fields(e06, { birthDate: null, permitIssuedOn: '2026-12-01' }), ['permitIssuedOn']);
    assert.deepEqual(fields(e06, { birthDate: null }), ['permitIssuedOn']);
  });
  test('CUTOFF: to 31 March of the following year (or the configured cut-off), capped by the catalogue', () => {
    assert.equal(regionalValidity(OD1, { birthDate: null }, '2026-11-30').validUntil, '2027-03-31');
    assert.equal(regionalValidity(OD1, { birthDate: null }, '2026-01-10').validUntil, '2027-03-31');
    assert.equal(
      regionalValidity(OD1, { birthDate: null }, '2026-01-10', { cutoff: '06-30' }).validUntil,
      '2027-06-30',
    );
    assert.equal(
      regionalValidity(OD1, { birthDate: null }, '2026-01-10', { catalogValidUntil: '2026-12-31' })
        .validUntil,
      '2026-12-31',
    );
  });
  test('BIRTHDAY:6 ends the day before the 6th birthday', () => {
    const x23 = code({ code: 'X23', category: 'MINOR', duration: 'BIRTHDAY:6', age: '<6' });
    assert.equal(regionalValidity(x23, { birthDate: '2022-03-15' }, '2026-11-30').validUntil, '2028-03-14');
  });
  test('notations', () => {
    assert.deepEqual(parseRegionalDuration('MONTHS:12'), { kind: 'MONTHS', months: 12, from: 'ISSUE' });
    assert.throws(() => parseRegionalDuration('MONTHS:0'), /durata non valida/);
    assert.throws(() => parseRegionalDuration('YEARS'), /durata non valida/);
    assert.throws(() => parseAgeRule('6+'), /età non valida/);
    assert.throws(() => parseHouseholdLimits('1-3:100|5-:200'), /sovrapposti o con buchi/);
    assert.throws(() => code({ identifiers: 'PASSPORT' }), /identificativo non valido/);
    assert.throws(() => code({ incomeMaxCents: 100 }), /misura del reddito/);
    assert.throws(() => code({ family: 'CHRONIC' }), /famiglia non valido/);
    assert.equal(formatEuroCents(3615), '36,15 €');
    assert.equal(formatEuroCents(3615198), '36.151,98 €');
  });
});

test('E10: the limit depends on the fiscal household size', () => {
  const e10 = code({
    code: 'E10',
    family: 'INCOME',
    category: 'INCOME',
    age: '<=18|>=55',
    incomeMeasure: 'HOUSEHOLD',
    householdLimits: '1-3:4400000|4:4900000|5-:5400000',
  });
  const f = (householdSize: number, incomeCents: number) =>
    fields(e10, { birthDate: '1960-01-01', householdSize, incomeCents });
  assert.deepEqual(f(3, 4400000), []);
  assert.deepEqual(f(3, 4400001), ['incomeCents']);
  assert.deepEqual(f(4, 4900000), []);
  assert.deepEqual(f(7, 5400000), []);
  assert.deepEqual(f(7, 5400001), ['incomeCents']);
  assert.deepEqual(fields(e10, { birthDate: '1960-01-01', incomeCents: 1 }), ['householdSize']);
});
