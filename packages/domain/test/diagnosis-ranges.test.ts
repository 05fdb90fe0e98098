import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  admitsDiagnosis,
  diagnosisCategory,
  diagnosisRangeOf,
  formatDiagnosisRange,
  icdCovers,
  inDiagnosisRange,
  RARE_SECTOR_CHAPTERS,
} from '../src/diagnosis-ranges.js';

test('an ICD part covers itself and its sub-codes only', () => {
  assert.equal(icdCovers('250', '250.01'), true);
  assert.equal(icdCovers('250', '250'), true);
  assert.equal(icdCovers('250', '2500'), false);
  assert.equal(icdCovers('252.0', '252.01'), true);
  assert.equal(icdCovers('252.0', '252.1'), false);
});

test('048 admits the neoplasms 140–239 only', () => {
  const r = diagnosisRangeOf({ code: '048', baseCode: '048' });
  assert.ok(r);
  assert.equal(formatDiagnosisRange(r), '140–239');
  assert.equal(inDiagnosisRange(r, '174.9'), true);
  assert.equal(inDiagnosisRange(r, '140.0'), true);
  assert.equal(inDiagnosisRange(r, '239.9'), true);
  assert.equal(inDiagnosisRange(r, '250.00'), false);
  assert.equal(inDiagnosisRange(r, '139.8'), false);
  assert.equal(inDiagnosisRange(r, 'V10.3'), false, 'a V code is in no numeric chapter');
});

test('a rare-disease code admits the ICD-9-CM chapter of its sector letter', () => {
  const f = diagnosisRangeOf({ code: 'RF0100' });
  assert.deepEqual(f && [f.from, f.to], [320, 389], 'F: nervous system and sense organs');
  assert.equal(inDiagnosisRange(f!, '335.20'), true);
  assert.equal(inDiagnosisRange(f!, '250.00'), false);
  assert.deepEqual(
    ['RCG090', 'RN1530', 'RBG020', 'RA0010'].map((c) => diagnosisRangeOf({ code: c })?.from),
    [240, 740, 140, 1],
  );
  // no O (it reads as a zero); A…Q are the 16 chapters 001–799 in ICD-9-CM order, without gaps
  const letters = Object.keys(RARE_SECTOR_CHAPTERS);
  assert.equal(letters.join(''), 'ABCDEFGHIJKLMNPQ');
  const ranges = Object.values(RARE_SECTOR_CHAPTERS);
  assert.equal(ranges[0]!.from, 1);
  assert.equal(ranges.at(-1)!.to, 799);
  for (let i = 1; i < ranges.length; i++) assert.equal(ranges[i]!.from, ranges[i - 1]!.to + 1);
});

test('a rare disease filed by ICD-9-CM in another chapter admits that diagnosis too', () => {
  assert.equal(admitsDiagnosis({ code: 'RD0081' }, '202.60'), true, 'mastocitosi sistemica');
  assert.equal(admitsDiagnosis({ code: 'RD0081' }, '288.0'), true, 'its own chapter still');
  assert.equal(admitsDiagnosis({ code: 'RD0081' }, '250.00'), false);
  assert.equal(admitsDiagnosis({ code: 'RF0020' }, '277.87'), true, 'Kearns-Sayre');
  assert.equal(admitsDiagnosis({ code: 'RF0020' }, '277.86'), false);
  assert.equal(admitsDiagnosis({ code: 'RP0070' }, '751.62'), true, 'fibrosi epatica congenita');
  assert.equal(admitsDiagnosis({ code: 'RF0100' }, '250.00'), false);
  assert.equal(admitsDiagnosis({ code: '048' }, '174.9'), true);
  assert.equal(admitsDiagnosis({ code: 'R99' }, '250.00'), true, 'no range');
});

test('codes without a range admit any diagnosis: R99, chronic codes, invalidity', () => {
  for (const code of ['R99', '013.250', 'C01', 'RX0100X'])
    assert.equal(diagnosisRangeOf({ code }), null, code);
  assert.equal(diagnosisCategory('V22.0'), null);
  assert.equal(diagnosisCategory('001.1'), 1);
  assert.equal(diagnosisCategory('185'), 185);
});
