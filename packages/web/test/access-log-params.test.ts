/**
 * The filter of "Chi ha consultato i miei dati" in the address (features/citizen/accessLogParams.ts):
 * what a link or a hand-edited address gives, and the links the page and its pager make.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  KIND_CHOICES,
  KIND_LABELS,
  hrefOf,
  readParams,
  type AccessLogParams,
} from '../src/features/citizen/accessLogParams';

const read = (q: string) => readParams(new URLSearchParams(q));

describe('reading the address', () => {
  test("no parameters: the staff's reads, no dates, page 1", () => {
    assert.deepEqual(read(''), { kind: 'OPERATOR', from: '', to: '', page: 1 });
  });

  test('tipo: the Italian slug of each choice; anything else is the default', () => {
    assert.equal(read('tipo=personale').kind, 'OPERATOR');
    assert.equal(read('tipo=automatiche').kind, 'MACHINE');
    assert.equal(read('tipo=cittadini').kind, 'CITIZEN');
    assert.equal(read('tipo=tutti').kind, 'ALL');
    for (const t of ['OPERATOR', 'ALL', 'Tutti', 'tutte', ''])
      assert.equal(read(`tipo=${t}`).kind, 'OPERATOR', t);
  });

  test('dal / al: YYYY-MM-DD only, otherwise no date', () => {
    assert.deepEqual(read('dal=2026-01-01&al=2026-01-31'), {
      kind: 'OPERATOR',
      from: '2026-01-01',
      to: '2026-01-31',
      page: 1,
    });
    for (const d of ['01/01/2026', '2026-1-1', '2026-01-01T00:00', 'ieri'])
      assert.deepEqual([read(`dal=${d}`).from, read(`al=${d}`).to], ['', ''], d);
  });

  test('pagina: a number from 1, fractions rounded down; anything else is page 1', () => {
    assert.equal(read('pagina=3').page, 3);
    assert.equal(read('pagina=2.9').page, 2);
    for (const p of ['0', '-4', 'due', '', '0.5']) assert.equal(read(`pagina=${p}`).page, 1, p);
  });
});

describe('the links', () => {
  test('the default filter is the bare page', () => {
    assert.equal(hrefOf({ kind: 'OPERATOR', from: '', to: '', page: 1 }), '/cittadino/accessi');
  });

  test('only what differs from the default, in the order tipo, dal, al, pagina', () => {
    assert.equal(
      hrefOf({ kind: 'MACHINE', from: '2026-01-01', to: '2026-01-31', page: 3 }),
      '/cittadino/accessi?tipo=automatiche&dal=2026-01-01&al=2026-01-31&pagina=3',
    );
    assert.equal(hrefOf({ kind: 'OPERATOR', from: '', to: '', page: 2 }), '/cittadino/accessi?pagina=2');
  });

  test('every choice makes a link that reads back as itself', () => {
    for (const kind of KIND_CHOICES) {
      const p: AccessLogParams = { kind, from: '2025-12-01', to: '2025-12-31', page: 4 };
      const href = hrefOf(p);
      assert.deepEqual(readParams(new URL(href, 'http://x').searchParams), p, href);
    }
  });

  test('every choice has a label', () => {
    for (const kind of KIND_CHOICES) assert.ok(KIND_LABELS[kind].length > 0, kind);
  });
});
