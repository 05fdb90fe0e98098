/**
 * Case number = year (4) + ASL id (6) + yearly progressive per ASL (8) — docs/domain.md §2.4, GLOSSARY.md.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CASE_NUMBER_PATTERN,
  MAX_PROGRESSIVE,
  formatCaseNumber,
  parseCaseNumber,
} from '../src/case-number.js';

/** mulberry32: small seeded PRNG, so a failure can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('examples', () => {
  test('202401021100000023 = 2024 / 010211 (ASL CN2) / 23rd case', () => {
    assert.deepEqual(parseCaseNumber('202401021100000023'), { year: 2024, aslId: '010211', progressive: 23 });
    assert.equal(formatCaseNumber(2024, '010211', 23), '202401021100000023');
  });

  test('202201030100000002 = 2022 / 010301 (Città di Torino) / 2nd case (docs/domain.md §2.4)', () => {
    assert.deepEqual(parseCaseNumber('202201030100000002'), { year: 2022, aslId: '010301', progressive: 2 });
  });

  test('extremes of the progressive', () => {
    assert.equal(formatCaseNumber(2024, '010211', 1), '202401021100000001');
    assert.equal(formatCaseNumber(2024, '010211', MAX_PROGRESSIVE), '202401021199999999');
    assert.equal(MAX_PROGRESSIVE, 99_999_999);
    assert.deepEqual(parseCaseNumber('202401021199999999'), {
      year: 2024,
      aslId: '010211',
      progressive: 99_999_999,
    });
  });

  test('leading zeros of the ASL id are kept (it is a string, not a number)', () => {
    assert.equal(formatCaseNumber(2024, '000001', 5), '202400000100000005');
    assert.equal(parseCaseNumber('202400000100000005')?.aslId, '000001');
  });
});

describe('formatCaseNumber rejects', () => {
  const bad: [string, number, string, number][] = [
    ['ASL id of 5 digits', 2024, '01021', 1],
    ['ASL id of 7 digits', 2024, '0102111', 1],
    ['ASL id with a letter', 2024, '01021A', 1],
    ['ASL id with spaces', 2024, ' 10211', 1],
    ['empty ASL id', 2024, '', 1],
    ['progressive 0', 2024, '010211', 0],
    ['negative progressive', 2024, '010211', -1],
    ['progressive 100,000,000 (would need 9 digits)', 2024, '010211', 100_000_000],
    ['fractional progressive', 2024, '010211', 1.5],
    ['NaN progressive', 2024, '010211', Number.NaN],
    ['year of 3 digits', 999, '010211', 1],
    ['year of 5 digits', 10_000, '010211', 1],
    ['fractional year', 2024.5, '010211', 1],
  ];
  for (const [why, year, asl, progressive] of bad) {
    test(why, () => {
      assert.throws(() => formatCaseNumber(year, asl, progressive), RangeError);
    });
  }

  test('messages are Italian', () => {
    assert.throws(() => formatCaseNumber(2024, 'X', 1), /ASL non valida: X/);
    assert.throws(() => formatCaseNumber(2024, '010211', 0), /progressivo non valido: 0/);
    assert.throws(() => formatCaseNumber(99, '010211', 1), /anno non valido: 99/);
  });
});

describe('parseCaseNumber rejects', () => {
  const bad: [string, string][] = [
    ['17 digits', '20240102110000002'],
    ['19 digits', '2024010211000000231'],
    ['empty', ''],
    ['a letter', '2024010211000000A3'],
    ['a leading space', ' 202401021100000023'],
    ['a trailing newline', '202401021100000023\n'],
    ['separators', '2024-010211-00000023'],
    ['a full-width digit', '２02401021100000023'],
    ['progressive 0', '202401021100000000'],
    ['year 0000 (format cannot produce it)', '000001021100000023'],
    ['year 0999 (format cannot produce it)', '099901021100000023'],
  ];
  for (const [why, input] of bad) {
    test(`${why}: ${JSON.stringify(input)}`, () => {
      assert.equal(parseCaseNumber(input), null);
    });
  }

  test('the pattern is anchored', () => {
    assert.equal(CASE_NUMBER_PATTERN.test('x202401021100000023'), false);
    assert.equal(CASE_NUMBER_PATTERN.test('202401021100000023x'), false);
  });
});

describe('property: format and parse are inverse', () => {
  const SEED = 20240102;
  const RUNS = 5000;

  test(`${RUNS} random (year, ASL, progressive) (seed ${SEED}) round-trip`, () => {
    const rand = mulberry32(SEED);
    const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
    for (let i = 0; i < RUNS; i++) {
      const year = int(1000, 9999);
      const aslId = String(int(0, 999_999)).padStart(6, '0');
      // half of the runs near the edges of the progressive range
      const progressive =
        rand() < 0.5 ? int(1, MAX_PROGRESSIVE) : pick(rand, [1, 2, 9, 10, 99_999_998, MAX_PROGRESSIVE]);
      const label = `${year} ${aslId} ${progressive}`;
      const text = formatCaseNumber(year, aslId, progressive);
      assert.equal(text.length, 18, label);
      assert.match(text, /^\d{18}$/, label);
      assert.equal(text.slice(0, 4), String(year), label);
      assert.equal(text.slice(4, 10), aslId, label);
      assert.deepEqual(parseCaseNumber(text), { year, aslId, progressive }, label);
    }
  });

  test('numbers of the same ASL and year sort as their progressives (string order = numeric order)', () => {
    const rand = mulberry32(SEED + 1);
    const progressives = Array.from({ length: 200 }, () => 1 + Math.floor(rand() * MAX_PROGRESSIVE));
    const texts = progressives.map((p) => formatCaseNumber(2024, '010211', p));
    const byText = [...texts].sort();
    const byNumber = [...progressives].sort((a, b) => a - b).map((p) => formatCaseNumber(2024, '010211', p));
    assert.deepEqual(byText, byNumber);
  });
});

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)] as T;
}
