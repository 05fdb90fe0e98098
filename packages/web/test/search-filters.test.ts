/**
 * The search filters of the home page (features/cases-search/filters.ts): URL ↔ filters, the checks
 * made before any request, the API query, and the server's 400 issues put back on their fields.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FISCAL_CODE_MESSAGES } from '@esenzioni/domain/fiscal-code';
import { ApiError } from '../src/api/client';
import {
  TEXT_FIELDS,
  apiParams,
  emptyFilters,
  fieldIssues,
  filtersFromUrl,
  filtersToUrl,
  hasFilters,
  pageFromUrl,
  validateFilters,
  type Filters,
} from '../src/features/cases-search/filters';

const CF = 'RSSMRA80A01L219M';
const url = (q: string) => new URLSearchParams(q);
const filters = (over: Partial<Filters> = {}): Filters => ({ ...emptyFilters('todo'), ...over });

describe('from the URL', () => {
  test('no parameters: the todo view, every filter empty, page 1', () => {
    assert.deepEqual(filtersFromUrl(url('')), emptyFilters('todo'));
    assert.equal(pageFromUrl(url('')), 1);
    assert.equal(hasFilters(filtersFromUrl(url(''))), false);
  });

  test('the view is todo unless it says closed', () => {
    assert.equal(filtersFromUrl(url('view=closed')).view, 'closed');
    for (const v of ['todo', 'CLOSED', 'all', ''])
      assert.equal(filtersFromUrl(url(`view=${v}`)).view, 'todo', v);
  });

  test('every filter is read as written; unknown parameters are ignored', () => {
    const f = filtersFromUrl(
      url(
        'view=closed&status=VALIDATED&family=CHRONIC&exemptionCode=048&createdFrom=01/02/2025&createdTo=28/02/2025' +
          `&lastName=Rossi&firstName=Mario&fiscalCode=${CF}&other=x`,
      ),
    );
    assert.deepEqual(f, {
      view: 'closed',
      status: 'VALIDATED',
      family: 'CHRONIC',
      exemptionCode: '048',
      createdFrom: '01/02/2025',
      createdTo: '28/02/2025',
      lastName: 'Rossi',
      firstName: 'Mario',
      fiscalCode: CF,
    });
    assert.equal(hasFilters(f), true);
  });

  test('a date of a hand-made link (YYYY-MM-DD) is shown as gg/mm/aaaa; anything else is kept for the check to flag', () => {
    const f = filtersFromUrl(url('createdFrom=2025-03-05&createdTo=5 marzo'));
    assert.equal(f.createdFrom, '05/03/2025');
    assert.equal(f.createdTo, '5 marzo');
    assert.ok(validateFilters(f).createdTo);
  });

  test('a status of the other view (or no status at all) is dropped: the todo view has no VALIDATED', () => {
    assert.equal(filtersFromUrl(url('status=VALIDATED')).status, '');
    assert.equal(filtersFromUrl(url('view=closed&status=IN_PROGRESS')).status, '');
    assert.equal(filtersFromUrl(url('status=DELETED')).status, '');
    assert.equal(filtersFromUrl(url('status=IN_PROGRESS')).status, 'IN_PROGRESS');
    for (const s of ['CANCELLED', 'REJECTED', 'VALIDATED'])
      assert.equal(filtersFromUrl(url(`view=closed&status=${s}`)).status, s);
  });

  test('page: a whole number from 1, else 1', () => {
    assert.equal(pageFromUrl(url('page=3')), 3);
    for (const p of ['0', '-2', '1.5', 'due', '', 'Infinity'])
      assert.equal(pageFromUrl(url(`page=${p}`)), 1, p);
  });
});

describe('to the URL', () => {
  test('only the filters that are set, trimmed; the fiscal code in its canonical form; page only past 1', () => {
    const sp = filtersToUrl(
      filters({
        lastName: '  Rossi ',
        firstName: '   ',
        fiscalCode: 'rssmra 80a01 l219m',
        exemptionCode: '048',
      }),
      1,
    );
    assert.equal(sp.toString(), `view=todo&exemptionCode=048&lastName=Rossi&fiscalCode=${CF}`);
    assert.equal(filtersToUrl(emptyFilters('closed'), 4).toString(), 'view=closed&page=4');
  });

  test('a round trip keeps every filter and the page', () => {
    const f = filters({
      view: 'closed',
      status: 'REJECTED',
      exemptionCode: '013.250',
      createdFrom: '01/01/2025',
      createdTo: '31/12/2025',
      lastName: "D'Amico",
      firstName: 'Anna Maria',
      fiscalCode: CF,
    });
    const sp = filtersToUrl(f, 7);
    assert.deepEqual(filtersFromUrl(sp), f);
    assert.equal(pageFromUrl(sp), 7);
  });

  test('TEXT_FIELDS are every filter but the view', () => {
    assert.deepEqual(
      [...TEXT_FIELDS].sort(),
      Object.keys(emptyFilters('todo'))
        .filter((k) => k !== 'view')
        .sort(),
    );
  });
});

describe('checks before any request', () => {
  test('empty filters are valid', () => {
    assert.deepEqual(validateFilters(emptyFilters('todo')), {});
  });

  test('dates: gg/mm/aaaa of a real day; "da" not after "a"', () => {
    assert.deepEqual(validateFilters(filters({ createdFrom: '01/02/2025', createdTo: '28/02/2025' })), {});
    assert.deepEqual(validateFilters(filters({ createdFrom: '05/03/2025', createdTo: '05/03/2025' })), {});
    // as people type them (issue 17 §6): no leading zeros, dashes or dots
    for (const ok of ['1/2/2025', '01-02-2025', '1.2.2025'])
      assert.deepEqual(validateFilters(filters({ createdFrom: ok, createdTo: '28/02/2025' })), {}, ok);
    for (const bad of ['2025-02-01', '1/2/25', '30/02/2025', '31/04/2025', 'ieri']) {
      const e = validateFilters(filters({ createdFrom: bad, createdTo: bad }));
      assert.match(e.createdFrom ?? '', /^Data non valida: usare il formato gg\/mm\/aaaa/, bad);
      assert.match(e.createdTo ?? '', /^Data non valida/, bad);
    }
    assert.deepEqual(validateFilters(filters({ createdFrom: '29/02/2024' })), {}, 'a leap day');
    assert.deepEqual(validateFilters(filters({ createdFrom: '02/03/2025', createdTo: '01/03/2025' })), {
      createdFrom: 'La data "da" non può essere successiva alla data "a".',
    });
  });

  test('the fiscal code, when given, must be a valid one (spaces and case do not matter)', () => {
    assert.deepEqual(validateFilters(filters({ fiscalCode: ' rssmra80a01l219m ' })), {});
    assert.deepEqual(validateFilters(filters({ fiscalCode: 'RSSMRA80' })), {
      fiscalCode: FISCAL_CODE_MESSAGES.LENGTH,
    });
    assert.deepEqual(validateFilters(filters({ fiscalCode: 'RSSMRA80A01L219X' })), {
      fiscalCode: FISCAL_CODE_MESSAGES.CHECK_CHARACTER,
    });
  });

  test('lengths: code at most 20 characters, names at most 100 (after trimming)', () => {
    assert.deepEqual(
      validateFilters(
        filters({
          exemptionCode: 'X'.repeat(20),
          lastName: 'A'.repeat(100),
          firstName: ` ${'B'.repeat(100)} `,
        }),
      ),
      {},
    );
    assert.deepEqual(
      Object.keys(
        validateFilters(
          filters({ exemptionCode: 'X'.repeat(21), lastName: 'A'.repeat(101), firstName: 'B'.repeat(101) }),
        ),
      ).sort(),
      ['exemptionCode', 'firstName', 'lastName'],
    );
  });

  test('every wrong field at once', () => {
    const e = validateFilters(filters({ createdFrom: 'x', createdTo: 'y', fiscalCode: '123' }));
    assert.deepEqual(Object.keys(e).sort(), ['createdFrom', 'createdTo', 'fiscalCode']);
  });
});

describe('the API query', () => {
  test('unset filters are left out; dates in ISO; names trimmed; code upper-cased; fiscal code canonical', () => {
    assert.deepEqual(
      apiParams(
        filters({
          view: 'closed',
          status: 'VALIDATED',
          family: 'RARE',
          exemptionCode: ' rb0 ',
          createdFrom: '01/02/2025',
          createdTo: '28/02/2025',
          lastName: ' Rossi ',
          firstName: 'Mario',
          fiscalCode: 'rssmra80a01l219m',
        }),
        2,
        50,
      ),
      {
        view: 'closed',
        status: 'VALIDATED',
        family: 'RARE',
        exemptionCode: 'RB0',
        createdFrom: '2025-02-01',
        createdTo: '2025-02-28',
        lastName: 'Rossi',
        firstName: 'Mario',
        fiscalCode: CF,
        page: '2',
        pageSize: '50',
      },
    );
    assert.deepEqual(apiParams(emptyFilters('todo'), 1), {
      view: 'todo',
      status: undefined,
      family: undefined,
      exemptionCode: undefined,
      createdFrom: undefined,
      createdTo: undefined,
      lastName: undefined,
      firstName: undefined,
      fiscalCode: undefined,
      page: '1',
      pageSize: undefined,
    });
  });

  test('"Tutte" (the code field\'s choice of every code) means no code filter', () => {
    for (const code of ['TUTTE', 'tutte', ' Tutte '])
      assert.equal(apiParams(filters({ exemptionCode: code }), 1).exemptionCode, undefined, code);
  });
});

describe("the server's 400 issues, on their fields", () => {
  const problem = (issues: Array<{ field: string; message: string }>) => ({
    type: 'about:blank',
    title: 'Richiesta non valida',
    status: 400,
    code: 'VALIDATION_FAILED',
    detail: 'x',
    issues,
  });

  test('query.<field> goes to its filter; the first message of a field wins; unknown fields are left out', () => {
    const e = new ApiError(
      400,
      problem([
        { field: 'query.exemptionCode', message: 'Codice esenzione sconosciuto.' },
        { field: 'exemptionCode', message: 'secondo messaggio' },
        { field: 'lastName', message: 'Cognome troppo lungo.' },
        { field: 'query.view', message: 'vista' },
        { field: 'page', message: 'pagina' },
      ]) as never,
      'x',
    );
    assert.deepEqual(fieldIssues(e), {
      exemptionCode: 'Codice esenzione sconosciuto.',
      lastName: 'Cognome troppo lungo.',
    });
  });

  test('anything but a 400 of the API gives no field message', () => {
    const issues = [{ field: 'lastName', message: 'm' }];
    assert.deepEqual(fieldIssues(new ApiError(409, problem(issues) as never, 'x')), {});
    assert.deepEqual(fieldIssues(new ApiError(400, null, 'x')), {});
    assert.deepEqual(fieldIssues(new Error('rete')), {});
    assert.deepEqual(fieldIssues({ status: 400, problem: problem(issues) }), {}, 'not an ApiError');
  });
});
