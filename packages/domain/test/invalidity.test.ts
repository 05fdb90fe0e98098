/**
 * Issue 12 §4 and §8: the invalidity code ↔ verbale rules (docs/domain.md §1.5, the codes'
 * descriptions in data/esenzioni_mds_hl7it.csv) and the scope and services sentence of a code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkInvalidityData,
  invalidityGradeText,
  invalidityRuleOf,
  underEighteenOn,
  type InvalidityInput,
} from '../src/invalidity.js';
import {
  exemptionScopeOf,
  LIST_NOT_LOADED_SENTENCE,
  RELATED_SERVICES_SENTENCE,
  serviceLookupCodes,
  servicesAnswer,
  STANDARD_SERVICES_SENTENCE,
  DENTAL_SERVICES_SENTENCE,
  TOTAL_INVALIDITY_SENTENCE,
} from '../src/exempt-services.js';

const TODAY = '2026-11-30';
const verbale = (over: InvalidityInput): InvalidityInput => ({
  verbaleNumber: 'N-1',
  verbaleDate: '2025-01-10',
  verbaleIssuer: 'Commissione medica',
  ...over,
});
const fieldsOf = (code: string, input: InvalidityInput, birthDate: string | null = null) =>
  checkInvalidityData(code, input, TODAY, birthDate).issues.map((i) => i.field);
const fits = (code: string, input: InvalidityInput, birthDate: string | null = null) =>
  assert.deepEqual(fieldsOf(code, verbale(input), birthDate), [], `${code} ${JSON.stringify(input)}`);
const refused = (code: string, input: InvalidityInput, field: string, birthDate: string | null = null) =>
  assert.deepEqual(fieldsOf(code, verbale(input), birthDate), [field], `${code} ${JSON.stringify(input)}`);

test('percentage codes: the range of each code, bounds included', () => {
  const ranges: Array<[string, string, number, number]> = [
    ['C03', 'CIVIL', 67, 99],
    ['L01', 'WORK', 80, 100],
    ['L02', 'WORK', 67, 79],
    ['L03', 'WORK', 1, 66],
    ['V02', 'TERRORISM_DUTY', 81, 100],
  ];
  for (const [code, kind, min, max] of ranges) {
    fits(code, { invalidityKind: kind, invalidityPercentage: min });
    fits(code, { invalidityKind: kind, invalidityPercentage: max });
    if (min > 1)
      refused(code, { invalidityKind: kind, invalidityPercentage: min - 1 }, 'invalidityPercentage');
    if (max < 100)
      refused(code, { invalidityKind: kind, invalidityPercentage: max + 1 }, 'invalidityPercentage');
    refused(code, { invalidityKind: kind }, 'invalidityPercentage');
  }
});

test('C01 and C02: 100 %, without and with the indennità di accompagnamento', () => {
  fits('C01', { invalidityKind: 'CIVIL', invalidityPercentage: 100, invalidityAccompaniment: false });
  fits('C02', { invalidityKind: 'CIVIL', invalidityPercentage: 100, invalidityAccompaniment: true });
  refused(
    'C01',
    { invalidityKind: 'CIVIL', invalidityPercentage: 100, invalidityAccompaniment: true },
    'invalidityAccompaniment',
  );
  refused('C02', { invalidityKind: 'CIVIL', invalidityPercentage: 100 }, 'invalidityAccompaniment');
  refused('C01', { invalidityKind: 'CIVIL', invalidityPercentage: 99 }, 'invalidityPercentage');
  const msg = checkInvalidityData(
    'C02',
    verbale({ invalidityKind: 'CIVIL', invalidityPercentage: 100 }),
    TODAY,
    null,
  );
  assert.match(msg.issues[0]!.message, /senza indennità il codice è C01/);
});

test('category codes: war G01 I–V, G02 VI–VIII; service S01 I, S02 II–V, S03 VI–VIII; no percentage', () => {
  const ranges: Array<[string, string, number, number]> = [
    ['G01', 'WAR', 1, 5],
    ['G02', 'WAR', 6, 8],
    ['S01', 'SERVICE', 1, 1],
    ['S02', 'SERVICE', 2, 5],
    ['S03', 'SERVICE', 6, 8],
  ];
  for (const [code, kind, min, max] of ranges) {
    fits(code, { invalidityKind: kind, invalidityCategory: min });
    fits(code, { invalidityKind: kind, invalidityCategory: max });
    if (min > 1) refused(code, { invalidityKind: kind, invalidityCategory: min - 1 }, 'invalidityCategory');
    if (max < 8) refused(code, { invalidityKind: kind, invalidityCategory: max + 1 }, 'invalidityCategory');
    refused(code, { invalidityKind: kind }, 'invalidityCategory');
    assert.deepEqual(
      fieldsOf(code, verbale({ invalidityKind: kind, invalidityCategory: min, invalidityPercentage: 50 })),
      ['invalidityPercentage'],
    );
  }
  // a category on a percentage code
  refused(
    'C03',
    { invalidityKind: 'CIVIL', invalidityPercentage: 70, invalidityCategory: 2 },
    'invalidityCategory',
  );
});

test('the kind of the verbale is the code’s kind', () => {
  refused('C03', { invalidityKind: 'WORK', invalidityPercentage: 70 }, 'invalidityKind');
  refused('L01', { invalidityKind: 'CIVIL', invalidityPercentage: 90 }, 'invalidityKind');
  refused('G01', { invalidityKind: 'SERVICE', invalidityCategory: 2 }, 'invalidityKind');
  fits('N01', { invalidityKind: 'L210' });
  refused('N01', { invalidityKind: 'L210', invalidityPercentage: 30 }, 'invalidityPercentage');
  refused('N01', { invalidityKind: 'CIVIL' }, 'invalidityKind');
  fits('C05', { invalidityKind: 'CIVIL' });
  fits('C06', { invalidityKind: 'CIVIL' });
  fits('L04', { invalidityKind: 'WORK' });
  fits('L04', { invalidityKind: 'WORK', invalidityPercentage: 12 });
});

test('V01: victims of terrorism below 80 % and of duty (percentage optional); above 80 % is V02', () => {
  fits('V01', { invalidityKind: 'TERRORISM_DUTY' });
  fits('V01', { invalidityKind: 'TERRORISM_DUTY', invalidityPercentage: 79 });
  refused('V01', { invalidityKind: 'TERRORISM_DUTY', invalidityPercentage: 85 }, 'invalidityPercentage');
  refused('V02', { invalidityKind: 'TERRORISM_DUTY', invalidityPercentage: 80 }, 'invalidityPercentage');
});

test('C04: under 18 on the verbale’s date', () => {
  fits('C04', { invalidityKind: 'CIVIL' }, '2010-06-01');
  refused('C04', { invalidityKind: 'CIVIL' }, 'verbaleDate', '2006-01-10');
  assert.equal(underEighteenOn('2007-01-10', '2025-01-09'), true);
  assert.equal(underEighteenOn('2007-01-10', '2025-01-10'), false);
  // unknown birth date: the district checks the document
  fits('C04', { invalidityKind: 'CIVIL' }, null);
});

test('the verbale: number, date (not in the future) and issuing body are required', () => {
  const r = checkInvalidityData('C03', { invalidityKind: 'CIVIL', invalidityPercentage: 70 }, TODAY, null);
  assert.deepEqual(
    r.issues.map((i) => i.field),
    ['verbaleNumber', 'verbaleDate', 'verbaleIssuer'],
  );
  assert.equal(r.data, null);
  refused(
    'C03',
    { invalidityKind: 'CIVIL', invalidityPercentage: 70, verbaleDate: '2026-12-01' },
    'verbaleDate',
  );
  const ok = checkInvalidityData(
    'c03',
    verbale({ invalidityKind: 'CIVIL', invalidityPercentage: 70, verbaleNumber: '  N-7 ' }),
    TODAY,
    null,
  );
  assert.deepEqual(ok.data, {
    kind: 'CIVIL',
    percentage: 70,
    category: null,
    accompaniment: false,
    verbaleNumber: 'N-7',
    verbaleDate: '2025-01-10',
    issuingBody: 'Commissione medica',
  });
  assert.equal(invalidityGradeText(ok.data!), '70%');
  assert.equal(invalidityGradeText({ percentage: null, category: 7 }), 'categoria VII');
});

test('codes that are not invalidity codes have no rule and no data', () => {
  assert.equal(invalidityRuleOf('048'), null);
  assert.equal(invalidityRuleOf('E01'), null);
  assert.deepEqual(checkInvalidityData('013.250', {}, TODAY, null), { data: null, issues: [] });
});

test('scope: ALL for 048, rare, total invalidity, income; RELATED for G02, L03, L04, S03; LIST for chronic codes', () => {
  assert.equal(exemptionScopeOf('048', 'CHRONIC'), 'ALL');
  assert.equal(exemptionScopeOf('048.191.1', 'CHRONIC'), 'ALL');
  assert.equal(exemptionScopeOf('RF0100', 'RARE'), 'ALL');
  for (const c of [
    'C01',
    'C02',
    'C03',
    'C04',
    'C05',
    'C06',
    'G01',
    'L01',
    'L02',
    'S01',
    'S02',
    'V01',
    'V02',
    'N01',
  ])
    assert.equal(exemptionScopeOf(c, 'INVALIDITY'), 'ALL', c);
  for (const c of ['G02', 'L03', 'L04', 'S03']) assert.equal(exemptionScopeOf(c, 'INVALIDITY'), 'RELATED', c);
  assert.equal(exemptionScopeOf('E01', 'INCOME'), 'ALL');
  assert.equal(exemptionScopeOf('013.250', 'CHRONIC'), 'LIST');
  // the Region's dental codes cover dental care only, at their conditions: never "all services"
  for (const c of ['E09', 'OD1', 'OD2', 'ODO1']) {
    assert.equal(exemptionScopeOf(c, 'DENTAL'), 'LIST', c);
    assert.deepEqual(servicesAnswer(c, 'DENTAL', 0), {
      kind: 'STANDARD',
      scope: 'LIST',
      sentence: DENTAL_SERVICES_SENTENCE,
    });
  }
});

test('services: standard sentences, the related one, a list, or «elenco non ancora caricato»', () => {
  assert.deepEqual(servicesAnswer('048', 'CHRONIC', 0), {
    kind: 'STANDARD',
    scope: 'ALL',
    sentence: STANDARD_SERVICES_SENTENCE,
  });
  assert.equal(servicesAnswer('RN1530', 'RARE', 0).sentence, STANDARD_SERVICES_SENTENCE);
  assert.equal(servicesAnswer('C03', 'INVALIDITY', 0).sentence, TOTAL_INVALIDITY_SENTENCE);
  assert.match(STANDARD_SERVICES_SENTENCE, /^Tutte le prestazioni appropriate/);
  assert.match(TOTAL_INVALIDITY_SENTENCE, /^Tutte le prestazioni appropriate/);
  assert.deepEqual(servicesAnswer('L03', 'INVALIDITY', 0), {
    kind: 'RELATED',
    scope: 'RELATED',
    sentence: RELATED_SERVICES_SENTENCE,
  });
  assert.deepEqual(servicesAnswer('013.250', 'CHRONIC', 0), {
    kind: 'NOT_LOADED',
    scope: 'LIST',
    sentence: LIST_NOT_LOADED_SENTENCE,
  });
  assert.match(LIST_NOT_LOADED_SENTENCE, /^Elenco non ancora caricato/);
  assert.deepEqual(servicesAnswer('013.250', 'CHRONIC', 4), { kind: 'LIST', scope: 'LIST', sentence: null });
  assert.deepEqual(serviceLookupCodes('013.250'), ['013.250', '013']);
  assert.deepEqual(serviceLookupCodes('044'), ['044']);
});
