import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { todayInRome } from '@esenzioni/domain';
import type { Client, TestWorld } from './helpers/app.js';
import { loginAll, startPortalWorld } from './helpers/portal-world.js';
import { countRows, PEOPLE, USERS } from './helpers/fixtures.js';
import { pdfText } from './helpers/pdf-text.js';
import { JPEG_BYTES, fields, multipartBody, pdf, type FormPart } from './helpers/uploads.js';

let w: TestWorld;
let lucia: Client;
let giovanni: Client;
let op: Client;
let spec: Client;
const today = todayInRome();
const n: Record<string, string> = {};

const sendCitizen = (c: Client, parts: FormPart[], qs = '') => {
  const { payload, headers } = multipartBody(parts);
  return c.req({ method: 'POST', url: `/api/me/cases${qs}`, payload, headers });
};
const citizenParts = (over: Record<string, string> = {}): FormPart[] => [
  ...fields({
    exemptionCode: '054.720.0',
    issuedOn: today,
    notes: 'Allego il certificato del reumatologo',
    ...over,
  }),
  { name: 'certificate', file: pdf('certificato.pdf') },
  { name: 'identityDocument', file: { filename: 'carta.jpg', bytes: JPEG_BYTES, contentType: 'image/jpeg' } },
];

before(async () => {
  w = await startPortalWorld();
  [lucia, giovanni, op, spec] = await loginAll(
    w.app,
    USERS.lucia.username,
    USERS.giovanni.username,
    USERS.opTorino.username,
    USERS.specialist.username,
  );
  const sent = async (exemptionCode: string, diagnosisCode: string) =>
    (
      await spec.req({
        method: 'POST',
        url: '/api/cases',
        payload: {
          beneficiaryFiscalCode: PEOPLE.lucia.fiscalCode,
          exemptionCode,
          diagnosisCode,
          issuedOn: today,
          notes: 'nota clinica del medico',
        },
      })
    ).json().caseNumber as string;
  n.validated = await sent('013.250', '250.01');
  n.rejected = await sent('026.252.0', '252.0');
  await op.req({
    method: 'POST',
    url: `/api/cases/${n.validated}/validate`,
    payload: { internalNote: 'verificato' },
    ifMatch: 1,
  });
  await op.req({
    method: 'POST',
    url: `/api/cases/${n.rejected}/reject`,
    payload: {
      reason: 'INSUFFICIENT_DOCUMENTATION',
      beneficiaryNote: 'Portare il referto degli esami.',
      internalNote: 'manca PTH',
    },
    ifMatch: 1,
  });
});
after(() => w.close());

describe('my cases and my exemptions', () => {
  test('the citizen lists their cases and reads them without internal note or coded rejection reason', async () => {
    const list = await lucia.req({ method: 'GET', url: '/api/me/cases' });
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(
      new Set(list.json().items.map((i: { caseNumber: string }) => i.caseNumber)),
      new Set([n.validated, n.rejected]),
    );
    const d = (await lucia.req({ method: 'GET', url: `/api/me/cases/${n.rejected}` })).json();
    assert.equal(d.status, 'REJECTED');
    // sent by the doctor: the Nota Beneficiario is the doctor's, not the citizen's (manual §4, issue 11)
    assert.equal(d.beneficiaryNote, null);
    assert.equal(d.internalNote, null);
    assert.equal(d.rejection, null);
    assert.equal(d.lastChange, null);
    assert.doesNotMatch(
      JSON.stringify(d),
      /manca PTH|nota clinica|INSUFFICIENT_DOCUMENTATION|Portare il referto/,
    );
  });

  test("another citizen's case is not found (404), on every route", async () => {
    for (const url of [`/api/me/cases/${n.rejected}`, `/api/cases/${n.rejected}`]) {
      const res = await giovanni.req({ method: 'GET', url });
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.json().code, 'CASE_NOT_FOUND');
    }
    assert.equal(
      (
        await giovanni.req({
          method: 'POST',
          url: `/api/me/cases/${n.rejected}/cancel`,
          payload: {},
          ifMatch: 2,
        })
      ).statusCode,
      404,
    );
    assert.deepEqual((await giovanni.req({ method: 'GET', url: '/api/me/cases' })).json().items, []);
  });

  test('my exemptions with validity, and the attestato PDF of a validated one (audited)', async () => {
    const res = await lucia.req({ method: 'GET', url: '/api/me/exemptions' });
    assert.equal(res.statusCode, 200, res.body);
    const [e] = res.json().items;
    assert.equal(e.code, '013.250');
    assert.equal(e.state, 'ACTIVE');
    assert.equal(e.validFrom, today);
    assert.equal(e.caseNumber, n.validated);
    const att = await lucia.req({ method: 'GET', url: `/api/me/exemptions/${e.id}/attestato.pdf` });
    assert.equal(att.statusCode, 200, att.body);
    assert.equal(att.headers['content-type'], 'application/pdf');
    const text = pdfText(att.rawPayload);
    assert.match(text, /ATTESTATO DI ESENZIONE/);
    assert.match(text, /VERDI LUCIA/);
    assert.match(text, /013\.250/);
    assert.match(text, /senza scadenza/);
    assert.equal(
      await countRows(
        w.database.db,
        'access_log',
        `action = 'DOWNLOAD_EXEMPTION_CERTIFICATE' and person_fiscal_code = '${PEOPLE.lucia.fiscalCode}'`,
      ),
      1,
    );
    assert.equal(
      (await giovanni.req({ method: 'GET', url: `/api/me/exemptions/${e.id}/attestato.pdf` })).json().code,
      'EXEMPTION_NOT_FOUND',
    );
    assert.deepEqual((await giovanni.req({ method: 'GET', url: '/api/me/exemptions' })).json().items, []);
  });

  test('the portal is for citizens', async () => {
    assert.equal((await op.req({ method: 'GET', url: '/api/me/cases' })).statusCode, 403);
  });
});

describe('a new request from the portal', () => {
  test('with certificate and identity document: a SUBMITTED case sent by the CITIZEN, then cancelled by them', async () => {
    const res = await sendCitizen(lucia, citizenParts());
    assert.equal(res.statusCode, 201, res.body);
    const d = res.json();
    assert.deepEqual(d.submitter, { type: 'CITIZEN', fiscalCode: PEOPLE.lucia.fiscalCode });
    assert.equal(d.beneficiaryNote, 'Allego il certificato del reumatologo');
    assert.equal(d.certificate.available, true);
    assert.deepEqual(
      d.attachments.map((a: { fileName: string }) => a.fileName),
      ['documento-identita_carta.jpg'],
    );
    const url = `/api/me/cases/${d.caseNumber}/cancel`;
    assert.equal((await lucia.req({ method: 'POST', url, payload: {} })).statusCode, 428);
    assert.equal((await lucia.req({ method: 'POST', url, payload: {}, ifMatch: 7 })).statusCode, 412);
    const cancelled = await lucia.req({
      method: 'POST',
      url,
      payload: { beneficiaryNote: 'Ho sbagliato codice' },
      ifMatch: 1,
    });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.equal(cancelled.json().status, 'CANCELLED');
    assert.equal(cancelled.headers.etag, '"2"');
    assert.equal(
      (await lucia.req({ method: 'POST', url, payload: {}, ifMatch: 2 })).json().code,
      'TRANSITION_NOT_ALLOWED',
    );
  });

  test('the beneficiary may cancel a case the doctor sent; not once it is decided', async () => {
    const sent = (
      await spec.req({
        method: 'POST',
        url: '/api/cases',
        payload: {
          beneficiaryFiscalCode: PEOPLE.lucia.fiscalCode,
          exemptionCode: '048',
          diagnosisCode: '174.9',
          issuedOn: today,
        },
      })
    ).json();
    assert.equal(
      (
        await lucia.req({
          method: 'POST',
          url: `/api/me/cases/${sent.caseNumber}/cancel`,
          payload: {},
          ifMatch: 1,
        })
      ).json().status,
      'CANCELLED',
    );
    assert.equal(
      (
        await lucia.req({
          method: 'POST',
          url: `/api/me/cases/${n.validated}/cancel`,
          payload: {},
          ifMatch: 2,
        })
      ).statusCode,
      409,
    );
  });

  test('rules: documents required, pathology or invalidity only, certificate age, duplicate', async () => {
    const before = await countRows(w.database.db, 'exemption_case');
    const noId = await sendCitizen(lucia, citizenParts().slice(0, -1));
    assert.equal(noId.json().code, 'DOCUMENT_REQUIRED');
    assert.equal(
      (await sendCitizen(lucia, citizenParts({ exemptionCode: 'E01' }))).json().code,
      'EXEMPTION_CODE_NOT_ASSIGNABLE',
    );
    assert.equal(
      (await sendCitizen(lucia, citizenParts({ issuedOn: '2020-01-10' }))).json().code,
      'CERTIFICATE_TOO_OLD',
    );
    assert.equal(
      (await sendCitizen(lucia, citizenParts({ exemptionCode: '026.252.0', diagnosisCode: '250.01' }))).json()
        .code,
      'EXEMPTION_DIAGNOSIS_MISMATCH',
    );
    const json = await lucia.req({
      method: 'POST',
      url: '/api/me/cases',
      payload: { exemptionCode: '048', issuedOn: today },
    });
    assert.equal(json.statusCode, 415);
    assert.equal(await countRows(w.database.db, 'exemption_case'), before);
    assert.equal((await sendCitizen(lucia, citizenParts())).statusCode, 201);
    const dup = await sendCitizen(lucia, citizenParts());
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().title, 'Pratica già presente');
  });
});
