import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { todayInRome } from '@esenzioni/domain';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { startPortalWorld } from './helpers/portal-world.js';
import { countRows, newCase, PEOPLE, USERS } from './helpers/fixtures.js';
import { minusMonths } from '../src/services/cases/case-rules.js';
import { pdfText } from './helpers/pdf-text.js';

let w: TestWorld;
let spec: Client;
let spec2: Client;
const today = todayInRome();
const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);

before(async () => {
  w = await startWorld();
  spec = await login(w.app, USERS.specialist.username);
  spec2 = await login(w.app, USERS.specialist2.username);
});
after(() => w.close());

const send = (c: Client, body: Record<string, unknown>) =>
  c.req({ method: 'POST', url: '/api/cases', payload: body });
const valid = {
  beneficiaryFiscalCode: PEOPLE.lucia.fiscalCode,
  diagnosisCode: '250.01',
  exemptionCode: '013.250',
  issuedOn: today,
  notes: 'Controllo HbA1c ogni 3 mesi',
};

describe('the specialist sends a pathology certificate', () => {
  test('creates a SUBMITTED case sent by the doctor, with a certificate PDF and a verification code', async () => {
    const res = await send(spec, valid);
    assert.equal(res.statusCode, 201, res.body);
    const d = res.json();
    assert.equal(d.status, 'SUBMITTED');
    assert.deepEqual(d.submitter, { type: 'DOCTOR', fiscalCode: USERS.specialist.fiscalCode });
    assert.equal(d.exemption.code, '013.250');
    assert.equal(d.diagnosis.code, '250.01');
    assert.equal(d.certificate.available, true);
    assert.equal(d.asl.id, '010301');
    // the doctor's note is internal: the specialist sees it (both notes), the citizen never does
    assert.equal(d.internalNote, 'Controllo HbA1c ogni 3 mesi');
    assert.equal(res.headers.etag, '"1"');
    const cert = await w.database.db.execute(
      `select c.issued_on, c.verification_code from case_certificate c join exemption_case e on e.id = c.case_id where e.case_number = '${d.caseNumber}'` as never,
    );
    const row = (cert as unknown as { rows: Array<{ issued_on: string; verification_code: string }> })
      .rows[0]!;
    assert.equal(row.issued_on, today);
    assert.match(row.verification_code, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    const pdf = await spec.req({ method: 'GET', url: `/api/cases/${d.caseNumber}/certificate` });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.ok(pdf.rawPayload.subarray(0, 5).toString() === '%PDF-');
    const text = pdfText(pdf.rawPayload);
    for (const expected of [
      'CERTIFICATO DI PATOLOGIA',
      'TEST SPEC',
      USERS.specialist.fiscalCode,
      "ASL CITTA' DI TORINO",
      'VERDI LUCIA',
      'Data di rilascio',
      '250.01',
      '013.250',
      row.verification_code,
    ]) {
      assert.ok(text.includes(expected), `${expected} in\n${text}`);
    }
    const mine = (await spec.req({ method: 'GET', url: '/api/cases?view=todo' })).json();
    assert.deepEqual(
      mine.items.map((i: { caseNumber: string }) => i.caseNumber),
      [d.caseNumber],
    );
    const detail = (await spec.req({ method: 'GET', url: `/api/cases/${d.caseNumber}` })).json();
    assert.equal(detail.internalNote, 'Controllo HbA1c ogni 3 mesi');
  });

  test('a second open case for the same person and code is 409 "Pratica già presente"', async () => {
    const res = await send(spec2, { ...valid, diagnosisCode: '250.00' });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().code, 'CASE_ALREADY_OPEN');
    assert.equal(res.json().title, 'Pratica già presente');
  });

  test('another doctor does not find the case (404), and a doctor does not see cases sent by others', async () => {
    const other = await newCase(w.database.db, 'torino', '048');
    for (const c of [spec, spec2]) {
      assert.equal((await c.req({ method: 'GET', url: `/api/cases/${other}` })).statusCode, 404);
    }
    const mine = (await spec.req({ method: 'GET', url: '/api/cases?view=todo' })).json();
    assert.equal(mine.total, 1);
    const theirs = await spec2.req({
      method: 'GET',
      url: `/api/cases/${(mine.items[0] as { caseNumber: string }).caseNumber}`,
    });
    assert.equal(theirs.statusCode, 404);
  });

  test('the rules, each a clear 4xx with its own code', async () => {
    const cases: Array<[Record<string, unknown>, number, string, string]> = [
      [{ issuedOn: tomorrow }, 400, 'CERTIFICATE_DATE_IN_FUTURE', 'issuedOn'],
      [{ issuedOn: minusMonths(today, 7) }, 400, 'CERTIFICATE_TOO_OLD', 'issuedOn'],
      [{ beneficiaryFiscalCode: 'NNTPRS90A01L219S' }, 400, 'PERSON_UNKNOWN', 'beneficiaryFiscalCode'],
      [{ diagnosisCode: '999.99' }, 400, 'DIAGNOSIS_UNKNOWN', 'diagnosisCode'],
      [{ exemptionCode: '013' }, 400, 'EXEMPTION_CODE_NOT_ASSIGNABLE', 'exemptionCode'],
      [{ exemptionCode: 'E01' }, 400, 'EXEMPTION_CODE_NOT_ASSIGNABLE', 'exemptionCode'],
      [
        { exemptionCode: '043.446.0', diagnosisCode: '446.0' },
        400,
        'EXEMPTION_CODE_NOT_IN_FORCE',
        'exemptionCode',
      ],
      [{ exemptionCode: 'ZZZ999' }, 400, 'EXEMPTION_CODE_UNKNOWN', 'exemptionCode'],
      [{ diagnosisCode: '296.0' }, 400, 'EXEMPTION_DIAGNOSIS_MISMATCH', 'diagnosisCode'],
      [{ diagnosisCode: undefined }, 400, 'VALIDATION_FAILED', 'diagnosisCode'],
      [{ issuedOn: '2026-02-30' }, 400, 'VALIDATION_FAILED', 'issuedOn'],
    ];
    const before = await countRows(w.database.db, 'exemption_case');
    for (const [change, status, code, field] of cases) {
      const res = await send(spec, {
        ...valid,
        beneficiaryFiscalCode: PEOPLE.giovanni.fiscalCode,
        ...change,
      });
      assert.equal(res.statusCode, status, `${code}: ${res.body}`);
      const b = res.json();
      assert.equal(b.code, code, res.body);
      assert.ok(b.detail.length > 10 && /[àèéìòù]|[a-z]/.test(b.detail), 'Italian detail');
      assert.ok(
        b.issues?.some((i: { field: string }) => i.field === field),
        `${code}: ${JSON.stringify(b.issues)}`,
      );
    }
    assert.equal(await countRows(w.database.db, 'exemption_case'), before);
  });

  test('«Codice non assegnabile» names the assignable codes of the condition (issue 17 §3)', async () => {
    const res = await send(spec, {
      ...valid,
      beneficiaryFiscalCode: PEOPLE.giovanni.fiscalCode,
      exemptionCode: '013',
    });
    assert.equal(res.statusCode, 400, res.body);
    const b = res.json();
    assert.match(b.detail, /scegliere il codice specifico della condizione, tra: 013\.250 \(/);
    const issue = b.issues.find((i: { field: string }) => i.field === 'exemptionCode');
    assert.match(issue.message, /^Codice non assegnabile: scegliere 013\.250/);
  });

  test('the certificate may be exactly the maximum age old; the maximum is configurable', async () => {
    const res = await send(spec, {
      ...valid,
      beneficiaryFiscalCode: PEOPLE.giovanni.fiscalCode,
      exemptionCode: '048',
      diagnosisCode: '174.9',
      issuedOn: minusMonths(today, 6),
    });
    assert.equal(res.statusCode, 201, res.body);
    const strict = await startPortalWorld({ certificateMaxAgeMonths: 1 });
    try {
      const s = await login(strict.app, USERS.specialist.username);
      const old = await s.req({
        method: 'POST',
        url: '/api/cases',
        payload: { ...valid, issuedOn: minusMonths(today, 2) },
      });
      assert.equal(old.json().code, 'CERTIFICATE_TOO_OLD');
    } finally {
      await strict.close();
    }
  });

  test('code suggestions for a diagnosis: assignable codes whose ICD part covers it', async () => {
    const res = await spec.req({ method: 'GET', url: '/api/cases/suggest-codes?diagnosisCode=250.01' });
    assert.equal(res.statusCode, 200, res.body);
    const codes = res.json().items.map((i: { code: string }) => i.code);
    assert.ok(codes.includes('013.250'), codes.join());
    assert.ok(!codes.includes('013'));
    assert.ok(res.json().items.every((i: { icd9Code: string }) => '250.01'.startsWith(i.icd9Code)));
    const hyper = (await spec.req({ method: 'GET', url: '/api/cases/suggest-codes?diagnosisCode=252.0' }))
      .json()
      .items.map((i: { code: string }) => i.code);
    assert.deepEqual(hyper, ['026.252.0']);
    assert.equal(
      (await spec.req({ method: 'GET', url: '/api/cases/suggest-codes?diagnosisCode=999.99' })).json().code,
      'DIAGNOSIS_UNKNOWN',
    );
  });

  test('only the specialist and the counter send cases', async () => {
    const citizen = await login(w.app, USERS.lucia.username);
    assert.equal((await send(citizen, valid)).statusCode, 403);
    const op = await login(w.app, USERS.opTorino.username);
    assert.equal((await send(op, valid)).statusCode, 403);
  });

  test('the sending doctor may cancel the case while it is open; then it is closed', async () => {
    const mine = (await spec.req({ method: 'GET', url: '/api/cases?view=todo' })).json().items[0] as {
      caseNumber: string;
    };
    assert.equal(
      (
        await spec2.req({
          method: 'POST',
          url: `/api/cases/${mine.caseNumber}/cancel`,
          payload: {},
          ifMatch: 1,
        })
      ).statusCode,
      404,
    );
    assert.equal(
      (await spec.req({ method: 'POST', url: `/api/cases/${mine.caseNumber}/cancel`, payload: {} }))
        .statusCode,
      428,
    );
    const res = await spec.req({
      method: 'POST',
      url: `/api/cases/${mine.caseNumber}/cancel`,
      payload: {},
      ifMatch: 1,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'CANCELLED');
    const again = await spec.req({
      method: 'POST',
      url: `/api/cases/${mine.caseNumber}/cancel`,
      payload: {},
      ifMatch: 2,
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'TRANSITION_NOT_ALLOWED');
  });
});
