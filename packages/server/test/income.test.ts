/**
 * Income self-declaration E01–E04 (issue 12 §1), at the counter and online, on an injected clock
 * (4 May 2026, income of 2025):
 * - the counter issues E02 to an unemployed person with a spouse and two children below 12.394,97 € and
 *   refuses it one euro above, naming the rule and the figure;
 * - one income exemption at a time (409); income and pathology go together;
 * - a citizen declares E01 online (validated by the system) and downloads the certificate; a delegate
 *   declares for the delegator; the refusals are 4xx in Italian; every read is audited and scoped.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { rows } from '../src/db/client.js';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { newCase, PEOPLE, USERS } from './helpers/fixtures.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pdfText } from './helpers/pdf-text.js';
import { readIncomeThresholds } from '../src/catalog/income-thresholds.js';
import { openTestDatabase } from './helpers/db.js';
import { buildApp } from '../src/app.js';
import { DEFAULT_PORTAL_SETTINGS, loadConfig } from '../src/config.js';

const now = new Date('2026-05-04T09:00:00Z');
let w: TestWorld;
let counter: Client;
let opTorino: Client;
let opBra: Client;
let gp: Client;
let citizen: Client;
let lucia: Client;
let giovanni: Client;

const ID = {
  kind: 'CARTA_IDENTITA',
  number: 'CA12345AB',
  issuedBy: 'Comune di Torino',
  expiresOn: '2030-01-01',
};
const e02Family = (incomeCents: number, over: Record<string, unknown> = {}) => ({
  beneficiaryFiscalCode: PEOPLE.torino2.fiscalCode,
  declarantFiscalCode: PEOPLE.torino2.fiscalCode,
  declarantTitle: 'SELF',
  identityDocument: ID,
  exemptionCode: 'E02',
  incomeYear: 2025,
  householdIncomeCents: incomeCents,
  hasSpouse: true,
  dependentChildren: 2,
  unemployedRegistered: true,
  firstJobSeeker: false,
  dpr445Accepted: true,
  ...over,
});
const atCounter = (payload: object, c: Client = counter) =>
  c.req({ method: 'POST', url: '/api/income-declarations', payload });
const online = (c: Client, payload: object, onBehalfOf?: string) =>
  c.req({
    method: 'POST',
    url: `/api/me/income-declarations${onBehalfOf ? `?onBehalfOf=${onBehalfOf}` : ''}`,
    payload,
  });
const accessRows = (caseNumber: string, action: string) =>
  rows<{ n: number }>(
    w.database.db,
    sql`select count(*)::int as n from access_log where case_number = ${caseNumber} and action = ${action}`,
  ).then((r) => r[0]?.n ?? 0);

before(async () => {
  w = await startWorld({ clock: () => now });
  [counter, opTorino, opBra, gp, citizen, lucia, giovanni] = await Promise.all([
    login(w.app, USERS.counter.username),
    login(w.app, USERS.opTorino.username),
    login(w.app, USERS.opBra.username),
    login(w.app, USERS.gp.username),
    login(w.app, USERS.citizen.username),
    login(w.app, USERS.lucia.username),
    login(w.app, USERS.giovanni.username),
  ]);
});
after(() => w.close());

describe('at the counter', () => {
  let e02: string;
  test('E02 with spouse and two children: one euro above 12.394,97 € is refused with the rule and the figure', async () => {
    const res = await atCounter(e02Family(1_239_597));
    assert.equal(res.statusCode, 400, res.body);
    const p = res.json() as { code: string; detail: string; issues: Array<{ field: string }> };
    assert.equal(p.code, 'INCOME_REQUIREMENTS_NOT_MET');
    assert.match(
      p.detail,
      /E02: il reddito familiare dichiarato \(12\.395,97 €\) deve essere inferiore a 12\.394,97 €/,
    );
    assert.match(p.detail, /la supera di 1,00 €/);
    assert.equal(p.issues[0]?.field, 'householdIncomeCents');
    const [n] = await rows<{ n: number }>(
      w.database.db,
      sql`select count(*)::int as n from exemption_case where beneficiary_fiscal_code = ${PEOPLE.torino2.fiscalCode}`,
    );
    assert.equal(n?.n, 0, 'a refused declaration leaves no case');
  });

  test('12.394,96 € is issued at once, valid to 31 March 2027, with its declaration and the registry row', async () => {
    const res = await atCounter(e02Family(1_239_496));
    assert.equal(res.statusCode, 201, res.body);
    const v = res.json() as Record<string, unknown>;
    e02 = v.caseNumber as string;
    assert.deepEqual(
      [
        v.exemptionCode,
        v.status,
        v.validFrom,
        v.validUntil,
        v.thresholdCents,
        v.householdIncomeCents,
        v.declarantTitle,
      ],
      ['E02', 'VALIDATED', '2026-05-04', '2027-03-31', 1_239_497, 1_239_496, 'SELF'],
    );
    const history = await rows<{ action: string; actor_fiscal_code: string }>(
      w.database.db,
      sql`select h.action, h.actor_fiscal_code from case_history h join exemption_case c on c.id = h.case_id
           where c.case_number = ${e02} order by h.id`,
    );
    assert.deepEqual(
      history.map((h) => [h.action, h.actor_fiscal_code]),
      [
        ['submit', USERS.counter.fiscalCode],
        ['validate', USERS.counter.fiscalCode],
      ],
    );
    const reg = await gp.req({
      method: 'GET',
      url: `/api/registry/exemptions?fiscalCode=${PEOPLE.torino2.fiscalCode}&date=2027-03-31`,
    });
    assert.deepEqual(
      (reg.json() as { exemptions: Array<{ code: string }> }).exemptions.map((e) => e.code),
      ['E02'],
    );
    assert.equal(await accessRows(e02, 'SUBMIT'), 1);
  });

  test('one income exemption at a time: a second one (E01) is refused 409 naming the one held', async () => {
    const res = await atCounter(
      e02Family(100, { exemptionCode: 'E01', hasSpouse: false, dependentChildren: 0 }),
    );
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().code, 'INCOME_EXEMPTION_HELD');
    assert.match(res.json().detail, /già l'esenzione per reddito E02 valida fino al 31\/03\/2027/);
  });

  test('the ASL reads the declaration (audited) and prints the certificate; another ASL does not find it', async () => {
    const read = await opTorino.req({ method: 'GET', url: `/api/income-declarations/${e02}` });
    assert.equal(read.statusCode, 200, read.body);
    assert.equal(await accessRows(e02, 'READ_DETAIL'), 1);
    const pdf = await counter.req({ method: 'GET', url: `/api/income-declarations/${e02}/certificate.pdf` });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const text = pdfText(pdf.rawPayload);
    assert.match(text, /CERTIFICATO NOMINATIVO DI ESENZIONE PER\s+REDDITO/);
    assert.match(text, /Data di nascita: \n10\/06\/1953/);
    assert.match(text, /31\/03\/2027/);
    assert.match(text, /Reddito familiare 2025: \n12\.394,96/);
    assert.equal(await accessRows(e02, 'DOWNLOAD_EXEMPTION_CERTIFICATE'), 1);
    const foreign = await opBra.req({ method: 'GET', url: `/api/income-declarations/${e02}` });
    assert.equal(foreign.statusCode, 404);
    const byCitizen = await citizen.req({ method: 'GET', url: `/api/me/income-declarations/${e02}` });
    assert.equal(byCitizen.statusCode, 404);
  });

  test('refusals are 4xx in Italian: title, DPR 445, expired document, year, another ASL, first-job seeker', async () => {
    const cases: Array<[object, number, RegExp]> = [
      [e02Family(1, { beneficiaryFiscalCode: PEOPLE.torino.fiscalCode }), 400, /titolo del dichiarante/],
      [e02Family(1, { dpr445Accepted: false }), 400, /DPR 445\/2000/],
      [e02Family(1, { identityDocument: { ...ID, expiresOn: '2026-05-03' } }), 400, /scaduto/],
      [e02Family(1, { incomeYear: 2026 }), 400, /2025/],
      [
        e02Family(1, {
          beneficiaryFiscalCode: PEOPLE.bra.fiscalCode,
          declarantFiscalCode: PEOPLE.bra.fiscalCode,
        }),
        400,
        /ASL/,
      ],
      [
        e02Family(1, {
          beneficiaryFiscalCode: PEOPLE.torino.fiscalCode,
          declarantFiscalCode: PEOPLE.torino.fiscalCode,
          firstJobSeeker: true,
        }),
        400,
        /prima occupazione/,
      ],
      [e02Family(1, { householdIncomeCents: -5 }), 400, /negativo/],
      [e02Family(1, { exemptionCode: 'E09' }), 400, /E01, E02, E03 o E04/],
    ];
    for (const [payload, status, message] of cases) {
      const res = await atCounter(payload);
      assert.equal(res.statusCode, status, res.body);
      assert.match(res.body, message);
    }
    // only the counter operator enters declarations
    assert.equal((await atCounter(e02Family(1), opTorino)).statusCode, 403);
  });
});

describe('online', () => {
  let e01: string;
  test('a citizen over 65 declares E01: issued by the system, certificate downloadable', async () => {
    const res = await online(giovanni, {
      exemptionCode: 'E01',
      incomeYear: 2025,
      householdIncomeCents: 3_615_197,
      hasSpouse: false,
      dependentChildren: 0,
      dpr445Accepted: true,
    });
    assert.equal(res.statusCode, 201, res.body);
    const v = res.json() as Record<string, string | number>;
    e01 = v.caseNumber as string;
    assert.deepEqual(
      [v.status, v.validUntil, v.declarantTitle, v.thresholdCents],
      ['VALIDATED', '2027-03-31', 'SELF', 3_615_198],
    );
    const [validatedBy] = await rows<{ actor_fiscal_code: string }>(
      w.database.db,
      sql`select h.actor_fiscal_code from case_history h join exemption_case c on c.id = h.case_id
           where c.case_number = ${e01} and h.action = 'validate'`,
    );
    assert.equal(validatedBy?.actor_fiscal_code, 'SISTEMA');
    const pdf = await giovanni.req({ method: 'GET', url: v.certificateUrl as string });
    assert.equal(pdf.statusCode, 200);
    assert.match(pdfText(pdf.rawPayload), /BIANCHI GIOVANNI/);
    assert.equal(await accessRows(e01, 'DOWNLOAD_EXEMPTION_CERTIFICATE'), 1);
  });

  test('E01 under 65 is refused with the age rule; 36.151,98 € (equal) is refused with the figure', async () => {
    const body = {
      exemptionCode: 'E01',
      incomeYear: 2025,
      householdIncomeCents: 100,
      hasSpouse: false,
      dependentChildren: 0,
      dpr445Accepted: true,
    };
    const young = await online(citizen, body);
    assert.equal(young.statusCode, 400);
    assert.match(young.json().detail, /meno di 6 anni o più di 65 anni/);
    const equal = await online(lucia, { ...body, householdIncomeCents: 3_615_198 });
    assert.equal(equal.statusCode, 400);
  });

  test('income and pathology go together: a person with 048 declares E02', async () => {
    const n = await newCase(w.database.db, 'torino', '048', now);
    const v = await opTorino.req({
      method: 'POST',
      url: `/api/cases/${n}/validate`,
      payload: {},
      ifMatch: 1,
    });
    assert.equal(v.statusCode, 200, v.body);
    const res = await online(citizen, {
      exemptionCode: 'E02',
      incomeYear: 2025,
      householdIncomeCents: 826_330,
      hasSpouse: false,
      dependentChildren: 0,
      unemployedRegistered: true,
      dpr445Accepted: true,
    });
    assert.equal(res.statusCode, 201, res.body);
  });

  test('a delegate declares for the delegator; nobody else reads it', async () => {
    const d = await lucia.req({
      method: 'POST',
      url: '/api/delegations',
      payload: { delegateFiscalCode: PEOPLE.giovanni.fiscalCode },
    });
    assert.equal(d.statusCode, 201, d.body);
    const body = {
      exemptionCode: 'E02',
      declarantTitle: 'RELATIVE',
      incomeYear: 2025,
      householdIncomeCents: 500_000,
      hasSpouse: false,
      dependentChildren: 1,
      unemployedRegistered: true,
      dpr445Accepted: true,
    };
    const asSelf = await online(giovanni, { ...body, declarantTitle: 'SELF' }, PEOPLE.lucia.fiscalCode);
    assert.equal(asSelf.statusCode, 400);
    const res = await online(giovanni, body, PEOPLE.lucia.fiscalCode);
    assert.equal(res.statusCode, 201, res.body);
    const v = res.json() as {
      caseNumber: string;
      declarantFiscalCode: string;
      beneficiary: { fiscalCode: string };
    };
    assert.deepEqual(
      [v.declarantFiscalCode, v.beneficiary.fiscalCode],
      [PEOPLE.giovanni.fiscalCode, PEOPLE.lucia.fiscalCode],
    );
    const [c] = await rows<{ submitter_type: string }>(
      w.database.db,
      sql`select submitter_type from exemption_case where case_number = ${v.caseNumber}`,
    );
    assert.equal(c?.submitter_type, 'DELEGATE');
    assert.equal(
      (await lucia.req({ method: 'GET', url: `/api/me/income-declarations/${v.caseNumber}` })).statusCode,
      200,
    );
    assert.equal(
      (await citizen.req({ method: 'GET', url: `/api/me/income-declarations/${v.caseNumber}` })).statusCode,
      404,
    );
    // without a delegation: not found
    const stranger = await online(citizen, body, PEOPLE.torino2.fiscalCode);
    assert.equal(stranger.statusCode, 404);
  });
});

describe('the other procedures', () => {
  test('a case procedure refuses an income code and points to «Esenzione per reddito»', async () => {
    const spec = await login(w.app, USERS.specialist.username);
    const res = await spec.req({
      method: 'POST',
      url: '/api/cases',
      payload: {
        beneficiaryFiscalCode: PEOPLE.lucia.fiscalCode,
        diagnosisCode: '250.01',
        exemptionCode: 'E02',
        issuedOn: '2026-05-04',
      },
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().code, 'EXEMPTION_CODE_NOT_ASSIGNABLE');
    assert.match(res.json().detail, /autocertificazione del reddito \(voce «Esenzione per reddito»\)/);
  });
});

describe('thresholds as data', () => {
  test('data/income-thresholds.csv is loaded into income_threshold, in cents, each row with its source', async () => {
    const rowsLoaded = await rows<{
      code: string;
      base_cents: string;
      spouse_cents: string | null;
      per_child_cents: string | null;
      source: string;
    }>(
      w.database.db,
      sql`select code, base_cents::text, spouse_cents::text, per_child_cents::text, source from income_threshold order by code`,
    );
    assert.deepEqual(
      rowsLoaded.map((r) => [r.code, r.base_cents, r.spouse_cents, r.per_child_cents]),
      [
        ['E01', '3615198', null, null],
        ['E02', '826331', '1136205', '51646'],
        ['E04', '826331', '1136205', '51646'],
      ],
    );
    for (const r of rowsLoaded) assert.match(r.source, /^income-thresholds\.csv: /);
  });

  test('a row in euro instead of cents, a code not of income or a missing source is refused before loading', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esz-thresholds-'));
    try {
      const header = 'code,valid_from,base_cents,spouse_cents,per_child_cents,source\n';
      for (const [line, message] of [
        ['E02,2002-01-01,8263.31,,,x', /centesimi interi/],
        ['048,2002-01-01,100,,,x', /non di reddito/],
        ['E01,2002-01-01,100,,,', /manca la fonte/],
      ] as const) {
        fs.writeFileSync(path.join(dir, 'income-thresholds.csv'), header + line + '\n');
        await assert.rejects(readIncomeThresholds(dir), message);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('configuration', () => {
  test('INCOME_VALIDITY_CUTOFF must be a real day; INCOME_EXTENDED_UNTIL a date', () => {
    assert.throws(() => loadConfig({ INCOME_VALIDITY_CUTOFF: '02-30' }), /MM-GG/);
    assert.throws(() => loadConfig({ INCOME_EXTENDED_UNTIL: '31/12/2027' }));
    assert.deepEqual(loadConfig({ INCOME_EXTENDED_UNTIL: '2027-09-30' }).portal.incomeValidity, {
      cutoff: '03-31',
      extendedUntil: '2027-09-30',
    });
  });

  test('the cut-off and the regional extension reach the declarations; the extension never E02', async () => {
    const database = await openTestDatabase({ fixtures: true });
    const app = await buildApp({
      db: database.db,
      logger: false,
      config: {
        sessionIdleMs: 3_600_000,
        sessionMaxMs: 3_600_000,
        cookieSecure: false,
        trustProxy: false,
        webDist: '/nonexistent',
        logLevel: 'silent',
      },
      portal: {
        ...DEFAULT_PORTAL_SETTINGS,
        incomeValidity: { cutoff: '06-30', extendedUntil: '2027-09-30' },
      },
      clock: () => now,
    });
    try {
      const c = await login(app, USERS.counter.username);
      const e02 = await atCounter(e02Family(500_000), c);
      assert.equal(e02.statusCode, 201, e02.body);
      assert.equal(e02.json().validUntil, '2027-06-30');
      const g = await login(app, USERS.giovanni.username);
      const e01 = await online(g, {
        exemptionCode: 'E01',
        incomeYear: 2025,
        householdIncomeCents: 100,
        hasSpouse: false,
        dependentChildren: 0,
        dpr445Accepted: true,
      });
      assert.equal(e01.statusCode, 201, e01.body);
      assert.equal(e01.json().validUntil, '2027-09-30');
    } finally {
      await app.close();
      await database.close();
    }
  });
});
