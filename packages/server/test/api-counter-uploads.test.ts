import { after, before, describe, test } from 'node:test';
import { C01_VERBALE } from './helpers/invalidity.js';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { todayInRome } from '@esenzioni/domain';
import { login, type Client, type TestWorld } from './helpers/app.js';
import { startPortalWorld } from './helpers/portal-world.js';
import { countRows, PDF_BYTES, PEOPLE, USERS } from './helpers/fixtures.js';
import { validPdfOfSize } from './helpers/hostile-pdfs.js';
import {
  EXE_BYTES,
  JPEG_BYTES,
  PDF_WITH_ESCAPED_LAUNCH,
  PDF_WITH_JAVASCRIPT,
  PNG_BYTES,
  bigPdf,
  fields,
  multipartBody,
  pdf,
  pdfWithCompressedJavaScript,
  type FormPart,
} from './helpers/uploads.js';

let w: TestWorld;
let counter: Client;
const MB = 1024 * 1024;

before(async () => {
  w = await startPortalWorld();
  counter = await login(w.app, USERS.counter.username);
});
after(() => w.close());

const caseFields = (over: Record<string, string> = {}) =>
  fields({
    beneficiaryFiscalCode: PEOPLE.giovanni.fiscalCode,
    exemptionCode: '013.250',
    diagnosisCode: '250.00',
    issuedOn: todayInRome(),
    ...over,
  });
const post = (c: Client, parts: FormPart[]) => {
  const { payload, headers } = multipartBody(parts);
  return c.req({ method: 'POST', url: '/api/cases', payload, headers });
};
const stored = async () => ({
  cases: await countRows(w.database.db, 'exemption_case'),
  documents: await countRows(w.database.db, 'document'),
  outbox: await countRows(w.database.db, 'outbox'),
});

describe('refused uploads store nothing', () => {
  const refusals: Array<[string, () => FormPart[], number, string]> = [
    [
      'an .exe renamed .pdf (magic bytes)',
      () => [...caseFields(), { name: 'certificate', file: pdf('certificato.pdf', EXE_BYTES) }],
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'an 11 MB file',
      () => [...caseFields(), { name: 'certificate', file: pdf('scansione.pdf', bigPdf(11 * MB)) }],
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      '6 files',
      () => [
        ...caseFields(),
        { name: 'certificate', file: pdf() },
        ...Array.from({ length: 5 }, (_, i) => ({ name: 'documents', file: pdf(`doc${i}.pdf`) })),
      ],
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'a PDF with /JavaScript',
      () => [
        ...caseFields(),
        { name: 'certificate', file: pdf() },
        { name: 'documents', file: pdf('modulo.pdf', PDF_WITH_JAVASCRIPT) },
      ],
      400,
      'DOCUMENT_UNSAFE',
    ],
    [
      'a PDF with an escaped /Launch',
      () => [...caseFields(), { name: 'certificate', file: pdf('x.pdf', PDF_WITH_ESCAPED_LAUNCH) }],
      400,
      'DOCUMENT_UNSAFE',
    ],
    [
      'a PDF with JavaScript in a compressed stream',
      () => [...caseFields(), { name: 'certificate', file: pdf('x.pdf', pdfWithCompressedJavaScript()) }],
      400,
      'DOCUMENT_UNSAFE',
    ],
    ['no certificate', () => [...caseFields(), { name: 'documents', file: pdf() }], 400, 'DOCUMENT_REQUIRED'],
    [
      'an unknown file field',
      () => [...caseFields(), { name: 'certificate', file: pdf() }, { name: 'virus', file: pdf() }],
      400,
      'VALIDATION_FAILED',
    ],
    [
      'valid files, but a rule broken inside the transaction (resident of another ASL)',
      () => [
        ...caseFields({ beneficiaryFiscalCode: PEOPLE.bra.fiscalCode }),
        { name: 'certificate', file: pdf() },
        { name: 'documents', file: pdf('b.pdf') },
      ],
      400,
      'PERSON_UNKNOWN',
    ],
    [
      'a certificate dated in the future',
      () => [...caseFields({ issuedOn: '2999-01-01' }), { name: 'certificate', file: pdf() }],
      400,
      'CERTIFICATE_DATE_IN_FUTURE',
    ],
  ];
  for (const [what, parts, status, code] of refusals) {
    test(what, async () => {
      const before = await stored();
      const res = await post(counter, parts());
      assert.equal(res.statusCode, status, res.body);
      assert.equal(res.json().code, code, res.body);
      assert.ok(res.json().detail.length > 15);
      assert.deepEqual(await stored(), before);
    });
  }

  test('a refused file is named by its own form field, so the form can show the message next to it', async () => {
    const exe = await post(counter, [
      ...caseFields(),
      { name: 'certificate', file: pdf('certificato.pdf', EXE_BYTES) },
    ]);
    assert.equal(exe.json().issues[0].field, 'certificate');
    const js = await post(counter, [
      ...caseFields(),
      { name: 'certificate', file: pdf() },
      { name: 'documents', file: pdf('m.pdf', PDF_WITH_JAVASCRIPT) },
    ]);
    assert.equal(js.json().issues[0].field, 'documents');
  });

  test('a file of exactly the maximum size is accepted; one byte more is not', async () => {
    const small = await startPortalWorld({ uploadMaxFileBytes: 4096, uploadMaxFiles: 2 });
    try {
      const c = await login(small.app, USERS.counter.username);
      const ok = multipartBody([
        ...caseFields(),
        { name: 'certificate', file: pdf('a.pdf', validPdfOfSize(4096)) },
      ]);
      assert.equal((await c.req({ method: 'POST', url: '/api/cases', ...ok })).statusCode, 201);
      const big = multipartBody([
        ...caseFields({ exemptionCode: '048', diagnosisCode: '' }),
        { name: 'certificate', file: pdf('a.pdf', bigPdf(4097)) },
      ]);
      const res = await c.req({ method: 'POST', url: '/api/cases', ...big });
      assert.equal(res.statusCode, 413);
      assert.match(res.json().detail, /al massimo/);
      const three = multipartBody([
        ...caseFields({ exemptionCode: '048', diagnosisCode: '' }),
        ...['a', 'b', 'c'].map((n) => ({ name: 'documents', file: pdf(`${n}.pdf`) })),
      ]);
      assert.equal((await c.req({ method: 'POST', url: '/api/cases', ...three })).statusCode, 413);
    } finally {
      await small.close();
    }
  });
});

describe('the counter enters a case with scanned documents', () => {
  test('stored with detected types, safe names and sha256; sent by the OPERATOR', async () => {
    const res = await post(counter, [
      ...caseFields({ notes: 'Documenti consegnati allo sportello' }),
      { name: 'certificate', file: pdf('../../Certificato Dr. Rossi.PDF') },
      {
        name: 'documents',
        file: { filename: 'carta identità.jpeg', bytes: JPEG_BYTES, contentType: 'image/jpeg' },
      },
      {
        name: 'documents',
        file: { filename: 'tessera.pdf', bytes: PNG_BYTES, contentType: 'application/pdf' },
      },
    ]);
    assert.equal(res.statusCode, 201, res.body);
    const d = res.json();
    assert.deepEqual(d.submitter, { type: 'OPERATOR', fiscalCode: USERS.counter.fiscalCode });
    assert.equal(d.certificate.available, true);
    assert.deepEqual(
      d.attachments.map((a: { fileName: string; contentType: string }) => [a.fileName, a.contentType]),
      [
        ['carta_identità.jpg', 'image/jpeg'],
        ['tessera.png', 'image/png'],
      ],
    );
    const rows = (await w.database.db.execute(
      `select d.file_name, d.sha256, d.kind from document d join exemption_case e on e.id = d.case_id where e.case_number = '${d.caseNumber}' order by d.id` as never,
    )) as unknown as { rows: Array<{ file_name: string; sha256: string; kind: string }> };
    assert.equal(rows.rows[0]!.file_name, 'Certificato_Dr._Rossi.pdf');
    assert.equal(rows.rows[0]!.kind, 'CERTIFICATE');
    assert.equal(rows.rows[0]!.sha256, createHash('sha256').update(PDF_BYTES).digest('hex'));
    const cert = await counter.req({ method: 'GET', url: `/api/cases/${d.caseNumber}/certificate` });
    assert.deepEqual(Buffer.from(cert.rawPayload), Buffer.from(PDF_BYTES));
  });

  test('only residents of the operator’s ASL; JSON without documents is refused', async () => {
    const other = await post(counter, [
      ...caseFields({ beneficiaryFiscalCode: PEOPLE.bra.fiscalCode }),
      { name: 'certificate', file: pdf() },
    ]);
    assert.equal(other.statusCode, 400);
    assert.equal(other.json().code, 'PERSON_UNKNOWN');
    const json = await counter.req({
      method: 'POST',
      url: '/api/cases',
      payload: {
        beneficiaryFiscalCode: PEOPLE.lucia.fiscalCode,
        exemptionCode: '048',
        issuedOn: todayInRome(),
      },
    });
    assert.equal(json.statusCode, 415);
  });

  test('an invalidity report may be old; a specialist may not upload files; bad fields name the field', async () => {
    const verbale = await post(counter, [
      ...caseFields({
        beneficiaryFiscalCode: PEOPLE.lucia.fiscalCode,
        exemptionCode: 'C01',
        diagnosisCode: '',
        issuedOn: '2019-05-10',
        ...C01_VERBALE,
      }),
      { name: 'certificate', file: pdf('verbale.pdf') },
    ]);
    assert.equal(verbale.statusCode, 201, verbale.body);
    const spec = await login(w.app, USERS.specialist.username);
    const up = multipartBody([...caseFields(), { name: 'certificate', file: pdf() }]);
    assert.equal((await spec.req({ method: 'POST', url: '/api/cases', ...up })).statusCode, 415);
    const bad = await post(counter, [
      ...caseFields({ beneficiaryFiscalCode: 'XYZ' }),
      { name: 'certificate', file: pdf() },
    ]);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().issues[0].field, 'beneficiaryFiscalCode');
  });
});

describe('issue 17 §3: who presented the request at the counter', () => {
  const forTorino = (over: Record<string, string> = {}) =>
    caseFields({
      beneficiaryFiscalCode: PEOPLE.torino.fiscalCode,
      exemptionCode: '048',
      diagnosisCode: '174.9',
      ...over,
    });

  test('a delegate without name, fiscal code or written delegation: every problem at once, nothing stored', async () => {
    const before = await stored();
    const res = await post(counter, [
      ...forTorino({ presentedBy: 'DELEGATE' }),
      { name: 'certificate', file: pdf() },
    ]);
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(
      (res.json().issues as Array<{ field: string }>).map((i) => i.field),
      ['presenterFiscalCode', 'presenterName', 'delegation'],
    );
    assert.deepEqual(await stored(), before);
    // a parent only for a minor; the written delegation only from a delegate
    const parent = await post(counter, [
      ...forTorino({
        presentedBy: 'PARENT',
        presenterFiscalCode: PEOPLE.giovanni.fiscalCode,
        presenterName: 'Giovanni Bianchi',
      }),
      { name: 'certificate', file: pdf() },
      { name: 'delegation', file: pdf('delega.pdf') },
    ]);
    assert.equal(parent.statusCode, 400, parent.body);
    assert.deepEqual(
      (parent.json().issues as Array<{ field: string; message: string }>).map((i) => i.message),
      [
        'La delega scritta si allega solo quando la richiesta è presentata da un delegato.',
        'Un genitore presenta la richiesta solo per un figlio minorenne.',
      ],
    );
    assert.deepEqual(await stored(), before);
  });

  test('a delegate with the signed delegation: stored as its own kind of document, named on the detail', async () => {
    const res = await post(counter, [
      ...forTorino({
        presentedBy: 'DELEGATE',
        presenterFiscalCode: PEOPLE.giovanni.fiscalCode.toLowerCase(),
        presenterName: 'Giovanni Bianchi',
      }),
      { name: 'certificate', file: pdf() },
      { name: 'delegation', file: pdf('delega firmata.pdf') },
    ]);
    assert.equal(res.statusCode, 201, res.body);
    const detail = res.json();
    assert.deepEqual(detail.handling.presentedBy, {
      kind: 'DELEGATE',
      fiscalCode: PEOPLE.giovanni.fiscalCode,
      name: 'GIOVANNI BIANCHI',
    });
    assert.deepEqual(
      (detail.attachments as Array<{ kind: string }>).map((a) => a.kind),
      ['DELEGATION'],
    );
    assert.equal(
      await countRows(w.database.db, 'document', `kind = 'DELEGATION' and file_name like 'delega%'`),
      1,
    );
    // the district reads who presented it; the written delegation downloads like any attachment
    const op = await login(w.app, USERS.opTorino.username);
    const seen = (await op.req({ method: 'GET', url: `/api/cases/${detail.caseNumber}` })).json();
    assert.equal(seen.handling.presentedBy.kind, 'DELEGATE');
    const file = await op.req({
      method: 'GET',
      url: `/api/cases/${detail.caseNumber}/attachments/${detail.attachments[0].id}`,
    });
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
  });
});
