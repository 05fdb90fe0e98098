/** The browser's checks of the case forms (features/case-form/validation.ts, uploads.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DATE_FORMAT_PROBLEM,
  checkCaseForm,
  checkRequest,
  documentProblems,
  idsWithErrors,
  issuedOnProblem,
} from '../src/features/case-form/validation';
import { MAX_FILE_BYTES, fileProblem, tooMany } from '../src/features/case-form/uploads';

const TODAY = '2026-03-15';
const FUTURE = 'futura';
const pdf = (name = 'certificato.pdf') => new File([new TextEncoder().encode('%PDF-1.7\n%…')], name);
const png = (name = 'documento.png') =>
  new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])], name);
const jpeg = (name = 'foto.jpg') => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0])], name);

test('a date of issue is gg/mm/aaaa, a real day, not after today', () => {
  assert.equal(issuedOnProblem('15/03/2026', TODAY, FUTURE), null);
  assert.equal(issuedOnProblem(' 01/01/2020 ', TODAY, FUTURE), null);
  assert.equal(issuedOnProblem('16/03/2026', TODAY, FUTURE), FUTURE);
  assert.equal(issuedOnProblem('1/3/2026', TODAY, FUTURE), null, 'typed without leading zeros');
  for (const typed of ['', '2026-03-01', '1/3/26', '31/02/2026', '29/02/2025', '00/01/2026', 'oggi'])
    assert.equal(issuedOnProblem(typed, TODAY, FUTURE), DATE_FORMAT_PROBLEM, typed);
  assert.equal(issuedOnProblem('29/02/2024', TODAY, FUTURE), null);
});

test('files are told by their first bytes, not their names; empty and too heavy files are refused', async () => {
  assert.equal(await fileProblem([pdf(), png(), jpeg()]), null);
  assert.equal(await fileProblem([]), null);
  assert.equal(await fileProblem([png('scansione.pdf')]), null);
  assert.match(
    (await fileProblem([pdf(), new File(['MZ\x90\x00'], 'certificato.pdf')])) ?? '',
    /^Il file «certificato\.pdf» non è un PDF, un'immagine JPEG o PNG/,
  );
  assert.equal(await fileProblem([new File([], 'vuoto.pdf')]), 'Il file «vuoto.pdf» è vuoto.');
  const heavy = new File([new Uint8Array(MAX_FILE_BYTES + 1)], 'grande.pdf');
  assert.equal(
    await fileProblem([heavy]),
    'Il file «grande.pdf» pesa 10,0 MB: ogni documento può pesare al massimo 10 MB.',
  );
  const limit = new Uint8Array(MAX_FILE_BYTES);
  limit.set(new TextEncoder().encode('%PDF-'));
  assert.equal(await fileProblem([new File([limit], 'al-limite.pdf')]), null);
});

test('at most 5 files a case', () => {
  assert.equal(tooMany(5), null);
  assert.equal(tooMany(6), 'Si possono allegare al massimo 5 documenti per pratica (selezionati: 6).');
});

test('documents: a required slot needs its file, the optional one carries the count of all', async () => {
  assert.deepEqual(
    await documentProblems([
      { field: 'certificate', files: [], missing: 'manca' },
      { field: 'documents', files: [] },
    ]),
    { certificate: 'manca' },
  );
  const six = await documentProblems([
    { field: 'certificate', files: [pdf()], missing: 'manca' },
    { field: 'documents', files: [png(), png(), png(), png(), png()] },
  ]);
  assert.deepEqual(six, { documents: tooMany(6) });
  const bad = await documentProblems([
    { field: 'certificate', files: [new File(['ciao'], 'nota.txt')], missing: 'manca' },
    { field: 'documents', files: [new File([], 'vuoto.png')] },
  ]);
  assert.deepEqual(Object.keys(bad).sort(), ['certificate', 'documents']);
  assert.match(bad.certificate!, /«nota\.txt» non è un PDF/);
  assert.equal(bad.documents, 'Il file «vuoto.png» è vuoto.');
});

const specialist = {
  counter: false,
  hasPerson: true,
  hasDiagnosis: true,
  code: '048',
  issuedOn: '10/03/2026',
  certificate: [] as File[],
  documents: [] as File[],
};

test("the specialist's certificate: assistito, diagnosis, code and date; no documents asked", async () => {
  assert.deepEqual(await checkCaseForm(specialist, TODAY), {});
  assert.deepEqual(
    await checkCaseForm(
      { ...specialist, hasPerson: false, hasDiagnosis: false, code: '  ', issuedOn: '20/03/2026' },
      TODAY,
    ),
    {
      beneficiaryFiscalCode: "Cercare l'assistito con «Cerca assistito» prima di inviare.",
      diagnosisCode: "Scegliere la diagnosi dall'elenco.",
      exemptionCode: 'Indicare il codice esenzione.',
      issuedOn: 'La data del certificato non può essere successiva a oggi.',
    },
  );
  assert.deepEqual(await checkCaseForm({ ...specialist, issuedOn: '10/03/26' }, TODAY), {
    issuedOn: DATE_FORMAT_PROBLEM,
  });
});

test("the counter's case: the diagnosis is optional, the scanned certificate required", async () => {
  const counter = { ...specialist, counter: true, hasDiagnosis: false };
  assert.deepEqual(await checkCaseForm(counter, TODAY), {
    certificate: 'Allegare il certificato scansionato.',
  });
  assert.deepEqual(await checkCaseForm({ ...counter, certificate: [pdf()], documents: [jpeg()] }, TODAY), {});
  assert.deepEqual(
    Object.keys(
      await checkCaseForm({ ...counter, certificate: [pdf()], documents: Array(5).fill(png()) }, TODAY),
    ),
    ['documents'],
  );
});

const request = {
  kind: 'PATHOLOGY' as const,
  code: '048',
  issuedOn: '15/03/2026',
  certificate: [pdf()],
  identityDocument: [png()],
  documents: [] as File[],
};

test("the citizen's request: a code, the date, the certificate (or verbale) and an identity document", async () => {
  assert.deepEqual(await checkRequest(request, TODAY), {});
  assert.deepEqual(await checkRequest({ ...request, certificate: [], identityDocument: [] }, TODAY), {
    certificate: 'Allegare il certificato.',
    identityDocument: "Allegare il documento d'identità.",
  });
  assert.deepEqual(await checkRequest({ ...request, code: ' ' }, TODAY), {
    exemptionCode: "Scegliere la malattia dall'elenco.",
  });
  assert.deepEqual(
    await checkRequest(
      { ...request, kind: 'INVALIDITY', code: '', certificate: [], issuedOn: '16/03/2026' },
      TODAY,
    ),
    {
      exemptionCode: 'Indicare il codice esenzione.',
      issuedOn: 'La data non può essere successiva a oggi.',
      certificate: 'Allegare il verbale di invalidità.',
    },
  );
});

test('the first field to focus follows the order of the form, whatever the order of the errors', () => {
  const order = [
    ['exemptionCode', 'codice'],
    ['exemptionCode', 'altro'],
    ['issuedOn', 'data'],
    ['documents', 'documenti'],
  ] as const;
  assert.deepEqual(idsWithErrors({ documents: 'x', exemptionCode: 'y' }, order), [
    'codice',
    'altro',
    'documenti',
  ]);
  assert.deepEqual(idsWithErrors({ notes: 'x' }, order), []);
});
