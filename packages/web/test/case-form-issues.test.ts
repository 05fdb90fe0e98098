/** The server's refusals in the case forms: issues by field, the sentence above the form. */
import type { Problem } from '@esenzioni/domain';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../src/api/client';
import { issuesByField, withoutField } from '../src/features/case-form/issues';
import { submitErrorText } from '../src/features/case-form/submitError';

const problem = (status: number, more: Partial<Problem> = {}): Problem => ({
  type: 'about:blank',
  title: 'Errore',
  status,
  code: 'VALIDATION',
  detail: 'Dettaglio del server.',
  correlationId: 'c-1',
  ...more,
});

test("each of the server's issues goes next to its field; two on one field are read one after the other", () => {
  const e = new ApiError(
    400,
    problem(400, {
      issues: [
        { field: 'issuedOn', message: 'Data futura.' },
        { field: 'exemptionCode', message: 'Codice non assegnabile.' },
        { field: 'issuedOn', message: 'Codice non in vigore in quella data.' },
      ],
    }),
    'x',
  );
  assert.deepEqual(issuesByField(e), {
    issuedOn: 'Data futura. Codice non in vigore in quella data.',
    exemptionCode: 'Codice non assegnabile.',
  });
  assert.deepEqual(issuesByField(new ApiError(409, problem(409), 'x')), {});
  assert.deepEqual(issuesByField(new ApiError(0, null, 'Rete assente')), {});
  assert.deepEqual(issuesByField(new Error('boom')), {});
});

test('editing a field clears its error only, and leaves the errors untouched when it had none', () => {
  const errors = { issuedOn: 'a', notes: 'b' };
  assert.deepEqual(withoutField('issuedOn')(errors), { notes: 'b' });
  assert.equal(withoutField('certificate')(errors), errors);
  assert.deepEqual(errors, { issuedOn: 'a', notes: 'b' });
});

test('the sentence above the form after a refusal', () => {
  const withIssues = problem(400, { issues: [{ field: 'notes', message: 'Troppo lunga.' }] });
  assert.equal(
    submitErrorText(new ApiError(400, withIssues, 'x')),
    'Alcuni dati non sono validi: controllare i campi segnalati.',
  );
  // a refusal of the case itself says why (409 conflict, 422 rule, 429 rate limit...)
  for (const status of [409, 422, 429])
    assert.equal(
      submitErrorText(new ApiError(status, problem(status, { detail: `Motivo ${status}.` }), 'x')),
      `Motivo ${status}.`,
    );
  assert.equal(
    submitErrorText(new ApiError(503, problem(503), 'x')),
    'Il servizio non è al momento disponibile. Riprovare tra qualche minuto.',
  );
  assert.equal(submitErrorText(new ApiError(0, null, 'Connessione assente.')), 'Connessione assente.');
  assert.equal(submitErrorText(new TypeError('x')), 'Si è verificato un errore imprevisto. Riprovare.');
});
