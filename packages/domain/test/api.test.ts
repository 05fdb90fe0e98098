/**
 * The Zod schemas of the HTTP contract (api.ts): bad input is refused with Italian messages, good input
 * is normalized.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { z } from 'zod';
import { caseSearchQuery, isoDate, notesBody, rejectBody, registryQuery, actionBody } from '../src/api.js';
import { NOTE_MAX_LENGTH, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, REJECTION_REASONS } from '../src/enums.js';

interface Issue {
  path: string;
  message: string;
}

/** Parses and asserts failure; returns the issues as `path: message`. */
function issuesOf(schema: z.ZodType, input: unknown): Issue[] {
  const r = schema.safeParse(input);
  assert.equal(r.success, false, `expected ${JSON.stringify(input)} to be refused`);
  return (r.error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/** Parses and asserts success; returns the data. */
function dataOf<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  assert.ok(
    r.success,
    `expected ${JSON.stringify(input)} to be accepted: ${JSON.stringify(r.error?.issues)}`,
  );
  return r.data;
}

/** Zod's own English messages start like this; none should reach a person. */
const ENGLISH = /^(Invalid|Expected|Too (big|small)|Required)/i;

function assertItalian(issues: Issue[]): void {
  assert.ok(issues.length > 0);
  for (const i of issues) assert.doesNotMatch(i.message, ENGLISH, `${i.path}: ${i.message}`);
}

// ------------------------------------------------------------------ caseSearchQuery

describe('caseSearchQuery: refused', () => {
  test('createdFrom after createdTo', () => {
    assert.deepEqual(issuesOf(caseSearchQuery, { createdFrom: '2024-03-01', createdTo: '2024-02-29' }), [
      { path: 'createdFrom', message: 'La data "da" non può essere successiva alla data "a".' },
    ]);
  });

  test(`pageSize ${PAGE_SIZE_MAX + 1}`, () => {
    assert.equal(PAGE_SIZE_MAX, 100);
    assert.deepEqual(issuesOf(caseSearchQuery, { pageSize: '101' }), [
      { path: 'pageSize', message: 'Al massimo 100 risultati per pagina.' },
    ]);
  });

  test('pageSize 0 and page 0', () => {
    assert.deepEqual(issuesOf(caseSearchQuery, { pageSize: '0' }), [
      { path: 'pageSize', message: 'Almeno 1 risultato per pagina.' },
    ]);
    assert.deepEqual(issuesOf(caseSearchQuery, { page: '0' }), [
      { path: 'page', message: 'La pagina parte da 1.' },
    ]);
  });

  test('page 1.5', () => {
    assert.deepEqual(issuesOf(caseSearchQuery, { page: '1.5' }), [
      { path: 'page', message: 'Pagina non valida.' },
    ]);
  });

  test('a date that does not exist: 2024-13-01, 2023-02-29', () => {
    assert.deepEqual(issuesOf(caseSearchQuery, { createdFrom: '2024-13-01' }), [
      { path: 'createdFrom', message: 'Data inesistente.' },
    ]);
    assert.deepEqual(issuesOf(caseSearchQuery, { createdTo: '2023-02-29' }), [
      { path: 'createdTo', message: 'Data inesistente.' },
    ]);
  });

  test('a date in Italian form 01/02/2024: the format is explained', () => {
    const issues = issuesOf(caseSearchQuery, { createdFrom: '01/02/2024' });
    assert.ok(
      issues.some(
        (i) => i.path === 'createdFrom' && i.message === 'Data non valida: usare il formato AAAA-MM-GG.',
      ),
      JSON.stringify(issues),
    );
    assertItalian(issues);
  });

  test('bad fiscal code: the message says what is wrong', () => {
    assert.deepEqual(issuesOf(caseSearchQuery, { fiscalCode: 'RSSMRA80A01H501X' }), [
      { path: 'fiscalCode', message: 'Il carattere di controllo del codice fiscale non è corretto.' },
    ]);
    assert.deepEqual(issuesOf(caseSearchQuery, { fiscalCode: 'RSSMRA80' }), [
      { path: 'fiscalCode', message: 'Il codice fiscale deve essere di 16 caratteri.' },
    ]);
    assert.deepEqual(issuesOf(caseSearchQuery, { fiscalCode: 'RSSMRA80A31H501-' }), [
      { path: 'fiscalCode', message: 'Il codice fiscale può contenere solo lettere e cifre.' },
    ]);
  });

  test('exemption code and names longer than allowed', () => {
    assert.equal(issuesOf(caseSearchQuery, { exemptionCode: 'X'.repeat(21) })[0]?.path, 'exemptionCode');
    assert.equal(issuesOf(caseSearchQuery, { lastName: 'X'.repeat(101) })[0]?.path, 'lastName');
  });
});

describe('caseSearchQuery: accepted', () => {
  test('nothing → defaults page=1, pageSize=20, view=todo', () => {
    assert.equal(PAGE_SIZE_DEFAULT, 20);
    assert.deepEqual(dataOf(caseSearchQuery, {}), { view: 'todo', page: 1, pageSize: 20 });
  });

  test('empty strings of a submitted search form become undefined', () => {
    const data = dataOf(caseSearchQuery, {
      status: '',
      exemptionCode: '',
      createdFrom: '',
      createdTo: '',
      lastName: '',
      firstName: '',
      fiscalCode: '',
      sort: '',
    });
    assert.deepEqual(data, {
      view: 'todo',
      status: undefined,
      exemptionCode: undefined,
      createdFrom: undefined,
      createdTo: undefined,
      lastName: undefined,
      firstName: undefined,
      fiscalCode: undefined,
      page: 1,
      pageSize: 20,
      sort: undefined,
    });
  });

  test('a full query: numbers coerced, text trimmed, fiscal code normalized', () => {
    const data = dataOf(caseSearchQuery, {
      view: 'closed',
      status: 'VALIDATED',
      exemptionCode: ' 048 ',
      createdFrom: '2024-02-29',
      createdTo: '2024-02-29', // same day is fine
      lastName: ' Rossi ',
      firstName: 'Mario',
      fiscalCode: ' rssmra80a01h501u ',
      page: '3',
      pageSize: '100',
      sort: '-submittedAt',
    });
    assert.deepEqual(data, {
      view: 'closed',
      status: 'VALIDATED',
      exemptionCode: '048',
      createdFrom: '2024-02-29',
      createdTo: '2024-02-29',
      lastName: 'Rossi',
      firstName: 'Mario',
      fiscalCode: 'RSSMRA80A01H501U',
      page: 3,
      pageSize: 100,
      sort: '-submittedAt',
    });
  });

  test('an omocodic fiscal code is accepted', () => {
    assert.equal(dataOf(caseSearchQuery, { fiscalCode: 'RSSMRA80A01H50MM' }).fiscalCode, 'RSSMRA80A01H50MM');
  });
});

describe('caseSearchQuery: blank fields and Italian messages', () => {
  test('empty page / pageSize (a form with blank fields) fall back to the defaults', () => {
    assert.deepEqual(dataOf(caseSearchQuery, { page: '', pageSize: '' }), {
      view: 'todo',
      page: 1,
      pageSize: 20,
    });
  });

  test('non-numeric or fractional pageSize gets an Italian message', () => {
    assertItalian(issuesOf(caseSearchQuery, { pageSize: 'abc' }));
    assertItalian(issuesOf(caseSearchQuery, { pageSize: '1.5' }));
  });

  test('unknown view, status or sort gets an Italian message', () => {
    assertItalian(issuesOf(caseSearchQuery, { view: 'all' }));
    assertItalian(issuesOf(caseSearchQuery, { status: 'OPEN' }));
    assertItalian(issuesOf(caseSearchQuery, { sort: 'name' }));
  });

  test('a malformed date gets one message, not a format error plus "Data inesistente"', () => {
    assert.deepEqual(issuesOf(caseSearchQuery, { createdTo: '01/02/2024' }), [
      { path: 'createdTo', message: 'Data non valida: usare il formato AAAA-MM-GG.' },
    ]);
  });

  test('malformed dates do not also produce the "da" after "a" error', () => {
    const issues = issuesOf(caseSearchQuery, { createdFrom: '2024-13-01', createdTo: '01/02/2024' });
    assert.ok(!issues.some((i) => i.message.startsWith('La data "da"')), JSON.stringify(issues));
  });
});

// ------------------------------------------------------------------ isoDate

describe('isoDate', () => {
  test('accepts real dates, including 29 February of leap years', () => {
    for (const d of ['2024-02-29', '2000-02-29', '1999-12-31', '2024-01-01'])
      assert.equal(dataOf(isoDate, d), d);
  });
  test('refuses impossible or malformed dates', () => {
    for (const d of [
      '2024-13-01',
      '2024-02-30',
      '1900-02-29',
      '2024-00-10',
      '2024-1-1',
      '20240101',
      '2024-01-01T00:00:00Z',
    ]) {
      assertItalian(issuesOf(isoDate, d));
    }
  });
});

// ------------------------------------------------------------------ rejectBody

describe('rejectBody', () => {
  const REASON_MESSAGE =
    'Scegliere una motivazione: Requisiti non sufficienti, Documentazione non corretta, Documentazione insufficiente o Altro.';

  test('without reason', () => {
    assert.deepEqual(issuesOf(rejectBody, {}), [{ path: 'reason', message: REASON_MESSAGE }]);
    assert.deepEqual(issuesOf(rejectBody, { reason: '' }), [{ path: 'reason', message: REASON_MESSAGE }]);
  });

  test('unknown reason', () => {
    assert.deepEqual(issuesOf(rejectBody, { reason: 'WRONG_OFFICE' }), [
      { path: 'reason', message: REASON_MESSAGE },
    ]);
    // codes are exact: the Italian label is not a reason code
    assert.deepEqual(issuesOf(rejectBody, { reason: 'Altro' }), [
      { path: 'reason', message: REASON_MESSAGE },
    ]);
  });

  test('every reason is accepted; notes are trimmed', () => {
    for (const reason of REJECTION_REASONS) assert.deepEqual(dataOf(rejectBody, { reason }), { reason });
    assert.deepEqual(
      dataOf(rejectBody, { reason: 'OTHER', beneficiaryNote: '  manca il certificato ', internalNote: 'x' }),
      {
        reason: 'OTHER',
        beneficiaryNote: 'manca il certificato',
        internalNote: 'x',
      },
    );
  });

  test('a note too long', () => {
    assert.deepEqual(
      issuesOf(rejectBody, { reason: 'OTHER', internalNote: 'a'.repeat(NOTE_MAX_LENGTH + 1) }),
      [{ path: 'internalNote', message: 'La nota può contenere al massimo 2000 caratteri.' }],
    );
  });
});

// ------------------------------------------------------------------ notesBody

describe('notesBody', () => {
  test(`a note of ${NOTE_MAX_LENGTH + 1} characters`, () => {
    assert.equal(NOTE_MAX_LENGTH, 2000);
    assert.deepEqual(issuesOf(notesBody, { beneficiaryNote: 'a'.repeat(2001) }), [
      { path: 'beneficiaryNote', message: 'La nota può contenere al massimo 2000 caratteri.' },
    ]);
    assert.deepEqual(issuesOf(notesBody, { internalNote: 'è'.repeat(2001) }), [
      { path: 'internalNote', message: 'La nota può contenere al massimo 2000 caratteri.' },
    ]);
  });

  test(`a note of exactly ${NOTE_MAX_LENGTH} characters is accepted`, () => {
    assert.equal(dataOf(notesBody, { internalNote: 'a'.repeat(2000) }).internalNote?.length, 2000);
  });

  test('no notes at all, or only blank ones', () => {
    const expected = [
      { path: 'beneficiaryNote', message: 'Inserire almeno una nota (beneficiario o interna).' },
    ];
    assert.deepEqual(issuesOf(notesBody, {}), expected);
    assert.deepEqual(issuesOf(notesBody, { beneficiaryNote: '', internalNote: '' }), expected);
    assert.deepEqual(issuesOf(notesBody, { beneficiaryNote: '   ', internalNote: '\n\t' }), expected);
  });

  test('one note is enough; it is trimmed', () => {
    assert.deepEqual(dataOf(notesBody, { internalNote: '  verificare il verbale  ' }), {
      internalNote: 'verificare il verbale',
    });
    assert.deepEqual(dataOf(notesBody, { beneficiaryNote: 'Portare il certificato allo sportello.' }), {
      beneficiaryNote: 'Portare il certificato allo sportello.',
    });
  });

  test('a note that is not text gets an Italian message', () => {
    assertItalian(issuesOf(notesBody, { internalNote: 5 }));
  });
});

// ------------------------------------------------------------------ other bodies

describe('actionBody and registryQuery', () => {
  test('actionBody: optional, with optional trimmed notes', () => {
    assert.equal(dataOf(actionBody, undefined), undefined);
    assert.deepEqual(dataOf(actionBody, {}), {});
    assert.deepEqual(dataOf(actionBody, { internalNote: ' ok ' }), { internalNote: 'ok' });
    assert.equal(issuesOf(actionBody, { beneficiaryNote: 'a'.repeat(2001) })[0]?.path, 'beneficiaryNote');
  });

  test('registryQuery: fiscal code required and checked, date optional', () => {
    assert.deepEqual(issuesOf(registryQuery, { fiscalCode: '' }), [
      { path: 'fiscalCode', message: 'Inserire il codice fiscale.' },
    ]);
    assert.deepEqual(dataOf(registryQuery, { fiscalCode: 'frnsst75d50a717n', date: '' }), {
      fiscalCode: 'FRNSST75D50A717N',
      date: undefined,
    });
    assert.equal(
      issuesOf(registryQuery, { fiscalCode: 'FRNSST75D50A717N', date: '2024-02-30' })[0]?.message,
      'Data inesistente.',
    );
  });

  test('registryQuery without fiscal code gets an Italian message', () => {
    assertItalian(issuesOf(registryQuery, {}));
  });
});
