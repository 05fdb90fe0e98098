/**
 * No duplicates, and renewal (issue 11 §3), with an injected clock:
 * - a new request for a code (or a code of the same base) the person holds valid is a 409
 *   EXEMPTION_ALREADY_ACTIVE "Esenzione già attiva fino al gg/mm/aaaa" (or "senza scadenza"), from
 *   the specialist, the counter and the citizen; and a validation that would make a second valid row
 *   is refused too;
 * - renewal only from «In scadenza» / «Scaduta»: a new case with a new number linked to the old one
 *   (both details show it); a pathology needs a new certificate (the citizen's form with
 *   `renewsCaseNumber`); another family is renewed by a direct request;
 * - validating the renewal ends the old registry row the day before the new one starts, and the
 *   registry by date answers exactly one row of the code for every date around the switch.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createCase } from '../src/services/cases/create-case.js';
import {
  DECLARATION_SYSTEM_ACTOR,
  issueDeclaredExemption,
} from '../src/services/cases/issue-declared-exemption.js';
import { exemptionsInForce } from '../src/db/repositories/registry.js';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { countRows, newCase, PDF_BYTES, PEOPLE, USERS } from './helpers/fixtures.js';
import { JPEG_BYTES, fields, multipartBody, pdf, type FormPart } from './helpers/uploads.js';

let w: TestWorld;
let now = new Date('2026-01-10T09:00:00Z');
let op: Client;
let spec: Client;
let counter: Client;
let citizen: Client; // PEOPLE.torino
let lucia: Client;

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (iso: string, n: number) => isoDay(new Date(Date.parse(`${iso}T12:00:00Z`) + n * DAY));

const setStatus = (caseNumber: string, status: 'EXPIRING' | 'EXPIRED') =>
  w.database.db.execute(sql`update exemption_case set status = ${status} where case_number = ${caseNumber}`);

const detail = async (c: Client, url: string) => {
  const r = await c.req({ method: 'GET', url });
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as {
    caseNumber: string;
    status: string;
    version: number;
    validFrom: string | null;
    validUntil: string | null;
    renewalOf: string | null;
    renewedBy: string | null;
  };
};

/** The operator takes the case in charge and validates it (today on the clock). */
const validate = async (n: string) => {
  const res = await op.req({ method: 'POST', url: `/api/cases/${n}/validate`, payload: {}, ifMatch: 1 });
  return res;
};

const specialistSends = (fiscalCode: string, exemptionCode: string, diagnosisCode: string) =>
  spec.req({
    method: 'POST',
    url: '/api/cases',
    payload: { beneficiaryFiscalCode: fiscalCode, exemptionCode, diagnosisCode, issuedOn: isoDay(now) },
  });

const citizenParts = (over: Record<string, string>): FormPart[] => [
  ...fields({ exemptionCode: '013.250', issuedOn: isoDay(now), ...over }),
  { name: 'certificate', file: pdf('certificato.pdf') },
  { name: 'identityDocument', file: { filename: 'carta.jpg', bytes: JPEG_BYTES, contentType: 'image/jpeg' } },
];
const citizenSends = (c: Client, parts: FormPart[]) => {
  const { payload, headers } = multipartBody(parts);
  return c.req({ method: 'POST', url: '/api/me/cases', payload, headers });
};

/** The registry rows of `code` in force on `on` for the person. */
const rowsOn = async (fiscalCode: string, code: string, on: string) =>
  (await exemptionsInForce(w.database.db, fiscalCode, on)).filter((r) => r.code.split('.')[0] === code);

before(async () => {
  w = await startWorld({ clock: () => now, sessionIdleMs: 10 * 365 * DAY, sessionMaxMs: 10 * 365 * DAY });
  [op, spec, counter, citizen, lucia] = await Promise.all([
    login(w.app, USERS.opTorino.username),
    login(w.app, USERS.specialist.username),
    login(w.app, USERS.counter.username),
    login(w.app, USERS.citizen.username),
    login(w.app, USERS.lucia.username),
  ]);
  const admin = await login(w.app, USERS.admin.username);
  // 013 (diabetes) valid one year here, so that it has an end date to show and to renew
  const set = await admin.req({
    method: 'PUT',
    url: '/api/admin/exemption-codes/013/duration',
    payload: { amount: 1, unit: 'YEARS' },
  });
  assert.equal(set.statusCode, 200, set.body);
});
after(() => w.close());

describe('no duplicates', () => {
  let held: string; // 013.250 of PEOPLE.torino, validated on 10/01/2026

  before(async () => {
    now = new Date('2026-01-10T09:00:00Z');
    const sent = await specialistSends(PEOPLE.torino.fiscalCode, '013.250', '250.00');
    assert.equal(sent.statusCode, 201, sent.body);
    held = sent.json().caseNumber;
    const v = await validate(held);
    assert.equal(v.statusCode, 200, v.body);
    assert.equal(v.json().validUntil, '2027-01-09');
  });

  test('the same code again, from the specialist, the counter and the citizen: 409 "Esenzione già attiva fino al 09/01/2027"', async () => {
    now = new Date('2026-03-02T09:00:00Z');
    const bySpecialist = await specialistSends(PEOPLE.torino.fiscalCode, '013.250', '250.00');
    const byCitizen = await citizenSends(citizen, citizenParts({}));
    const { payload, headers } = multipartBody([
      ...fields({
        beneficiaryFiscalCode: PEOPLE.torino.fiscalCode,
        exemptionCode: '013.250',
        issuedOn: isoDay(now),
      }),
      { name: 'certificate', file: pdf('certificato.pdf') },
    ]);
    const byCounter = await counter.req({ method: 'POST', url: '/api/cases', payload, headers });
    for (const res of [bySpecialist, byCitizen, byCounter]) {
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().code, 'EXEMPTION_ALREADY_ACTIVE');
      assert.match(res.json().detail, /^Esenzione già attiva fino al 09\/01\/2027/);
    }
    assert.equal(await countRows(w.database.db, 'exemption_case', `exemption_code = '013.250'`), 1);
  });

  test('a code of the same base (048 while 048.191.1 is held, open-ended): 409 "senza scadenza"', async () => {
    await w.database.db.execute(
      sql`insert into registry_exemption (fiscal_code, exemption_code, family, valid_from, valid_until)
          values (${PEOPLE.torino2.fiscalCode}, '048.191.1', 'CHRONIC', '2025-05-01', null)`,
    );
    const res = await specialistSends(PEOPLE.torino2.fiscalCode, '048', '191.1');
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().code, 'EXEMPTION_ALREADY_ACTIVE');
    assert.match(res.json().detail, /^Esenzione già attiva senza scadenza/);
    assert.match(res.json().detail, /048\.191\.1/);
  });

  test('validating a case whose code the person already holds valid is refused, nothing written', async () => {
    // a case that entered before the rule (written past the submission check)
    const n = await newCase(w.database.db, 'torino', '013.250', now);
    const res = await validate(n);
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().code, 'EXEMPTION_ALREADY_ACTIVE');
    assert.equal((await detail(op, `/api/cases/${n}`)).status, 'SUBMITTED');
    assert.equal((await rowsOn(PEOPLE.torino.fiscalCode, '013', isoDay(now))).length, 1);
    // withdrawn, so the renewal below is the only open case of the code
    const cancel = await citizen.req({
      method: 'POST',
      url: `/api/me/cases/${n}/cancel`,
      payload: {},
      ifMatch: 1,
    });
    assert.equal(cancel.statusCode, 200, cancel.body);
  });

  test('renewal of an exemption still VALIDATED (not expiring): 409 RENEWAL_NOT_ALLOWED, nothing written', async () => {
    const before = await countRows(w.database.db, 'exemption_case');
    for (const res of [
      await spec.req({ method: 'POST', url: `/api/cases/${held}/renew`, payload: { issuedOn: isoDay(now) } }),
      await citizen.req({ method: 'POST', url: `/api/me/cases/${held}/renew`, payload: {} }),
      await citizenSends(citizen, citizenParts({ renewsCaseNumber: held })),
    ]) {
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().code, 'RENEWAL_NOT_ALLOWED');
      assert.match(res.json().detail, /«Validata»/);
    }
    assert.equal(await countRows(w.database.db, 'exemption_case'), before);
  });

  test('renewal «In scadenza» of a pathology: a new certificate is needed; with it a linked case; validated, the old row ends the day before', async () => {
    now = new Date('2026-12-20T09:00:00Z'); // the last 30 days
    await setStatus(held, 'EXPIRING');
    // a direct renewal of a pathology without the certificate is refused with the reason
    const direct = await citizen.req({ method: 'POST', url: `/api/me/cases/${held}/renew`, payload: {} });
    assert.equal(direct.statusCode, 409, direct.body);
    assert.equal(direct.json().code, 'RENEWAL_NOT_ALLOWED');
    assert.match(direct.json().detail, /nuovo certificato/);
    // another person's case is not found (the citizen's scope)
    const other = await lucia.req({ method: 'POST', url: `/api/me/cases/${held}/renew`, payload: {} });
    assert.equal(other.statusCode, 404, other.body);

    const sent = await citizenSends(citizen, citizenParts({ renewsCaseNumber: held }));
    assert.equal(sent.statusCode, 201, sent.body);
    const renewal = sent.json().caseNumber as string;
    assert.notEqual(renewal, held);
    assert.equal(sent.json().renewalOf, held);
    assert.equal((await detail(op, `/api/cases/${held}`)).renewedBy, renewal);
    assert.equal((await detail(citizen, `/api/me/cases/${held}`)).renewedBy, renewal);
    // a second renewal of the same case: refused
    const again = await citizenSends(citizen, citizenParts({ renewsCaseNumber: held }));
    assert.equal(again.statusCode, 409, again.body);

    const v = await validate(renewal);
    assert.equal(v.statusCode, 200, v.body);
    assert.equal(v.json().validFrom, '2026-12-20');
    assert.equal(v.json().validUntil, '2027-12-19');
    assert.equal(v.json().renewalOf, held);
    const [oldRow] = await rowsOn(PEOPLE.torino.fiscalCode, '013', '2026-12-19');
    assert.equal(oldRow?.caseNumber, held);
    assert.equal(oldRow?.validUntil, '2026-12-19');
    // exactly one row of 013 on every date around the switch, the old one before, the new one from it
    for (let d = '2026-12-15'; d <= '2027-01-15'; d = addDays(d, 1)) {
      const rows = await rowsOn(PEOPLE.torino.fiscalCode, '013', d);
      assert.equal(rows.length, 1, `${d}: ${JSON.stringify(rows)}`);
      assert.equal(rows[0]!.caseNumber, d < '2026-12-20' ? held : renewal, d);
    }
  });
});

describe('renewal «Scaduta» of a family with no certificate (income, E02): a direct request', () => {
  test('the citizen renews, the operator validates: a new linked case, the registry answers one row per date', async () => {
    now = new Date('2026-02-01T09:00:00Z');
    const old = await w.database.db.transaction(async (tx) =>
      createCase(tx, {
        beneficiaryFiscalCode: PEOPLE.lucia.fiscalCode,
        exemptionCode: 'E02',
        submitterType: 'CITIZEN',
        submitterFiscalCode: PEOPLE.lucia.fiscalCode,
        submitterRole: 'CITIZEN',
        documents: [
          { kind: 'ATTACHMENT', fileName: 'isee.pdf', contentType: 'application/pdf', bytes: PDF_BYTES },
        ],
        at: now,
      }),
    );
    const v1 = await validate(old.caseNumber);
    assert.equal(v1.statusCode, 200, v1.body);
    assert.equal(v1.json().validUntil, '2027-01-31');

    now = new Date('2027-02-10T09:00:00Z');
    await setStatus(old.caseNumber, 'EXPIRED');
    const res = await lucia.req({
      method: 'POST',
      url: `/api/me/cases/${old.caseNumber}/renew`,
      payload: {},
    });
    assert.equal(res.statusCode, 201, res.body);
    const renewal = res.json().caseNumber as string;
    assert.equal(res.json().status, 'SUBMITTED');
    assert.equal(res.json().renewalOf, old.caseNumber);
    assert.equal(res.headers.location, `/api/me/cases/${renewal}`);
    assert.equal((await detail(op, `/api/cases/${old.caseNumber}`)).renewedBy, renewal);

    const v2 = await validate(renewal);
    assert.equal(v2.statusCode, 200, v2.body);
    assert.equal(v2.json().validFrom, '2027-02-10');
    // the old row had already ended: untouched
    const [oldRow] = await rowsOn(PEOPLE.lucia.fiscalCode, 'E02', '2027-01-31');
    assert.equal(oldRow?.validUntil, '2027-01-31');
    for (let d = '2027-01-25'; d <= '2027-02-20'; d = addDays(d, 1)) {
      const rows = await rowsOn(PEOPLE.lucia.fiscalCode, 'E02', d);
      const expected = d <= '2027-01-31' ? [old.caseNumber] : d >= '2027-02-10' ? [renewal] : [];
      assert.deepEqual(
        rows.map((r) => r.caseNumber),
        expected,
        d,
      );
    }
    // renewed and valid: a new renewal or request is refused
    const dup = await lucia.req({
      method: 'POST',
      url: `/api/me/cases/${old.caseNumber}/renew`,
      payload: {},
    });
    assert.equal(dup.statusCode, 409, dup.body);
  });

  test('an income exemption issued on a self-declaration is renewed by a new declaration, never by copying the case', async () => {
    now = new Date('2026-02-01T09:00:00Z');
    const issued = await w.database.db.transaction(async (tx) =>
      issueDeclaredExemption(tx, {
        beneficiary: {
          fiscalCode: PEOPLE.torino.fiscalCode,
          firstName: PEOPLE.torino.firstName,
          lastName: PEOPLE.torino.lastName,
          residenceAslId: '010301',
          residenceDistrictId: null,
        },
        submitter: { type: 'CITIZEN', fiscalCode: PEOPLE.torino.fiscalCode, role: 'CITIZEN' },
        validator: DECLARATION_SYSTEM_ACTOR,
        code: { code: 'E04', family: 'INCOME' },
        validFrom: '2026-02-01',
        validUntil: '2026-03-31',
        declaration: {
          declarantFiscalCode: PEOPLE.torino.fiscalCode,
          declarantTitle: 'SELF',
          incomeYear: 2025,
          householdIncomeCents: 700_000,
          hasSpouse: false,
          dependentChildren: 0,
          dpr445AcceptedAt: now,
        },
        at: now,
      }),
    );
    now = new Date('2026-04-10T09:00:00Z');
    await setStatus(issued.caseNumber, 'EXPIRED');
    const before = await countRows(w.database.db, 'exemption_case');
    const res = await citizen.req({
      method: 'POST',
      url: `/api/me/cases/${issued.caseNumber}/renew`,
      payload: {},
    });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().code, 'RENEWAL_NOT_ALLOWED');
    assert.match(res.json().detail, /si rinnova con una nuova autocertificazione/);
    assert.equal(await countRows(w.database.db, 'exemption_case'), before);
  });
});

describe('the specialist and the counter renew', () => {
  test('the specialist renews a case they sent with a new certificate; the counter renews an invalidity directly', async () => {
    now = new Date('2027-03-01T09:00:00Z');
    const sent = await specialistSends(PEOPLE.giovanni.fiscalCode, '013.250', '250.00');
    assert.equal(sent.statusCode, 201, sent.body);
    const old = sent.json().caseNumber as string;
    assert.equal((await validate(old)).statusCode, 200);
    now = new Date('2028-02-15T09:00:00Z');
    await setStatus(old, 'EXPIRING');
    const noDate = await spec.req({ method: 'POST', url: `/api/cases/${old}/renew`, payload: {} });
    assert.equal(noDate.statusCode, 400, noDate.body);
    const renewed = await spec.req({
      method: 'POST',
      url: `/api/cases/${old}/renew`,
      payload: { issuedOn: isoDay(now) },
    });
    assert.equal(renewed.statusCode, 201, renewed.body);
    assert.equal(renewed.json().renewalOf, old);
    assert.equal(renewed.json().submitter.type, 'DOCTOR');
    assert.equal(renewed.json().certificate.available, true);
    // a second renewal of the same case is refused
    const again = await spec.req({
      method: 'POST',
      url: `/api/cases/${old}/renew`,
      payload: { issuedOn: isoDay(now) },
    });
    assert.equal(again.statusCode, 409, again.body);

    // the counter: an invalidity exemption (C01, no certificate of a disease), «Scaduta»
    const inv = await w.database.db.transaction(async (tx) =>
      createCase(tx, {
        beneficiaryFiscalCode: PEOPLE.torino2.fiscalCode,
        exemptionCode: 'C01',
        submitterType: 'OPERATOR',
        submitterFiscalCode: USERS.counter.fiscalCode,
        submitterRole: 'ADMIN_OPERATOR',
        at: now,
      }),
    );
    assert.equal((await validate(inv.caseNumber)).statusCode, 200);
    await setStatus(inv.caseNumber, 'EXPIRED');
    const byCounter = await counter.req({
      method: 'POST',
      url: `/api/cases/${inv.caseNumber}/renew`,
      payload: {},
    });
    assert.equal(byCounter.statusCode, 201, byCounter.body);
    assert.equal(byCounter.json().renewalOf, inv.caseNumber);
    assert.equal(byCounter.json().submitter.type, 'OPERATOR');
    // the specialist may not renew a case they did not send
    const notMine = await spec.req({
      method: 'POST',
      url: `/api/cases/${inv.caseNumber}/renew`,
      payload: { issuedOn: isoDay(now) },
    });
    assert.equal(notMine.statusCode, 404, notMine.body);
  });
});
