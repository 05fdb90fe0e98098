/** «Chi presenta la richiesta» at the counter (issue 17 §3): features/case-form/presenterForm.ts. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  EMPTY_PRESENTER,
  presenterFormProblems,
  presenterRequestFields,
} from '../src/features/case-form/presenterForm';

const TODAY = '2026-03-15';
const ADULT = { fiscalCode: 'TRNNLL53H10L219W', birthDate: '1953-06-10' };
const CHILD = { fiscalCode: 'RSSMRA15A01L219Q', birthDate: '2015-01-01' };
const delegation = [new File([new TextEncoder().encode('%PDF-1.7')], 'delega.pdf')];

test('the beneficiary in person: nothing to add, and no written delegation', () => {
  assert.deepEqual(presenterFormProblems(EMPTY_PRESENTER, ADULT, TODAY), {});
  assert.deepEqual(presenterRequestFields(EMPTY_PRESENTER), { presentedBy: 'BENEFICIARY' });
  assert.deepEqual(presenterFormProblems({ ...EMPTY_PRESENTER, delegation }, ADULT, TODAY), {
    delegation: 'La delega scritta si allega solo quando la richiesta è presentata da un delegato.',
  });
});

test('a delegate: named, not the beneficiary, with the written delegation — every problem at once', () => {
  assert.deepEqual(presenterFormProblems({ ...EMPTY_PRESENTER, kind: 'DELEGATE' }, ADULT, TODAY), {
    presenterFiscalCode: 'Indicare il codice fiscale di chi presenta la richiesta.',
    presenterName: 'Indicare nome e cognome di chi presenta la richiesta.',
    delegation: 'Allegare la delega scritta firmata dal beneficiario.',
  });
  assert.deepEqual(
    presenterFormProblems(
      { kind: 'DELEGATE', fiscalCode: 'trnnll53h10l219w', name: 'Nello Trentasei', delegation },
      ADULT,
      TODAY,
    ),
    { presenterFiscalCode: 'Chi presenta la richiesta per un altro non può essere il beneficiario.' },
  );
  assert.deepEqual(
    presenterFormProblems(
      { kind: 'DELEGATE', fiscalCode: 'ABCDEF', name: 'Mario Rossi', delegation },
      ADULT,
      TODAY,
    ),
    { presenterFiscalCode: 'Codice fiscale di chi presenta la richiesta non valido.' },
  );
  const ok = {
    kind: 'DELEGATE' as const,
    fiscalCode: ' rssmra80a01l219m ',
    name: ' Mario Rossi ',
    delegation,
  };
  assert.deepEqual(presenterFormProblems(ok, ADULT, TODAY), {});
  assert.deepEqual(presenterRequestFields(ok), {
    presentedBy: 'DELEGATE',
    presenterFiscalCode: 'RSSMRA80A01L219M',
    presenterName: 'Mario Rossi',
  });
});

test('a parent presents the request only for a minor child; a guardian for anyone', () => {
  const parent = {
    kind: 'PARENT' as const,
    fiscalCode: 'RSSMRA80A01L219M',
    name: 'Mario Rossi',
    delegation: [],
  };
  assert.deepEqual(presenterFormProblems(parent, CHILD, TODAY), {});
  assert.deepEqual(presenterFormProblems(parent, ADULT, TODAY), {
    presentedBy: 'Un genitore presenta la richiesta solo per un figlio minorenne.',
  });
  assert.deepEqual(presenterFormProblems({ ...parent, kind: 'GUARDIAN' }, ADULT, TODAY), {});
});
