/**
 * Issue 12 §5, §7, §9 (H1): code aliases (0B02 = 002B) in search, requests and the registry; the
 * diagnosis range of codes without an ICD part (048 ↔ 140–239, RF0100 ↔ 320–389); no encoding damage
 * in any catalogue text; the import rewriting damaged descriptions; the documents per family; the
 * pregnancy code for prescribers.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { todayInRome } from '@esenzioni/domain';
import type { Client, TestWorld } from './helpers/app.js';
import { loginAll, startPortalWorld } from './helpers/portal-world.js';
import { countRows, PEOPLE, USERS } from './helpers/fixtures.js';
import { fields, JPEG_BYTES, multipartBody, pdf, type FormPart } from './helpers/uploads.js';
import { rows } from '../src/db/client.js';
import { DEFAULT_DATA_DIR, importCatalogues } from '../src/catalog/import.js';
import { prepareDatabase } from '../src/db/prepare.js';

let w: TestWorld;
let spec: Client;
let counter: Client;
let lucia: Client;
let gp: Client;
let op: Client;
const today = todayInRome();

before(async () => {
  w = await startPortalWorld();
  [spec, counter, lucia, gp, op] = await loginAll(
    w.app,
    USERS.specialist.username,
    USERS.counter.username,
    USERS.lucia.username,
    USERS.gp.username,
    USERS.opTorino.username,
  );
});
after(() => w.close());

const specialistSends = (body: Record<string, unknown>) =>
  spec.req({
    method: 'POST',
    url: '/api/cases',
    payload: { beneficiaryFiscalCode: PEOPLE.torino2.fiscalCode, issuedOn: today, ...body },
  });
const multipart = (c: Client, url: string, parts: FormPart[]) => {
  const { payload, headers } = multipartBody(parts);
  return c.req({ method: 'POST', url, payload, headers });
};
const counterSends = (over: Record<string, string>) =>
  multipart(counter, '/api/cases', [
    ...fields({ beneficiaryFiscalCode: PEOPLE.giovanni.fiscalCode, issuedOn: today, ...over }),
    { name: 'certificate', file: pdf('certificato.pdf') },
  ]);
const citizenSends = (over: Record<string, string>) =>
  multipart(lucia, '/api/me/cases', [
    ...fields({ issuedOn: today, ...over }),
    { name: 'certificate', file: pdf('certificato.pdf') },
    {
      name: 'identityDocument',
      file: { filename: 'carta.jpg', bytes: JPEG_BYTES, contentType: 'image/jpeg' },
    },
  ]);

describe('aliases: 0B02 is 002B of the catalogue', () => {
  test('the catalogue search finds 002B and its sub-codes by 0B02, each with its alias', async () => {
    const res = await gp.req({ method: 'GET', url: '/api/catalog/exemptions?q=0B02' });
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as Array<{ code: string; aliases?: string[] }>;
    const codes = items.map((i) => i.code);
    assert.ok(codes.includes('002B'), codes.join());
    assert.ok(codes.includes('002B.433'), codes.join());
    assert.deepEqual(items.find((i) => i.code === '002B.433')?.aliases, ['0B02.433']);
    const narrowed = (
      await gp.req({ method: 'GET', url: '/api/catalog/exemptions?q=0B02.43&assignableOnly=true' })
    ).json().items as Array<{ code: string }>;
    assert.deepEqual(
      narrowed.map((i) => i.code),
      ['002B.433', '002B.434', '002B.437'],
    );
    const a31 = (await gp.req({ method: 'GET', url: '/api/catalog/exemptions?q=0a31' })).json().items;
    assert.ok(a31.some((i: { code: string }) => i.code === '031A.401'));
    // R99, the suspicion of a rare disease, is in the catalogue with its source
    const r99 = (await gp.req({ method: 'GET', url: '/api/catalog/exemptions?q=R99' })).json().items;
    assert.deepEqual(
      r99.map((i: { code: string; family: string }) => [i.code, i.family]),
      [['R99', 'RARE']],
    );
  });

  test('the specialist: 0B02 with diagnosis 433.10 becomes 002B.433; 0B02.434 is 002B.434', async () => {
    const res = await specialistSends({ exemptionCode: '0B02', diagnosisCode: '433.10' });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().exemption.code, '002B.433');
    const dotted = await specialistSends({ exemptionCode: '0b02.434', diagnosisCode: '434.01' });
    assert.equal(dotted.statusCode, 201, dotted.body);
    assert.equal(dotted.json().exemption.code, '002B.434');
    // an alias the diagnosis does not fit is still refused, naming the code
    const wrong = await specialistSends({ exemptionCode: '0B02.437', diagnosisCode: '250.00' });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().code, 'EXEMPTION_DIAGNOSIS_MISMATCH');
    const unknown = await specialistSends({ exemptionCode: '0Z02', diagnosisCode: '433.10' });
    assert.equal(unknown.json().code, 'EXEMPTION_CODE_UNKNOWN');
  });

  test('the search of cases by 0B02 finds the cases of 002B (the manual\'s list shows "0B02")', async () => {
    const res = await op.req({ method: 'GET', url: '/api/cases?view=todo&exemptionCode=0B02' });
    assert.equal(res.statusCode, 200, res.body);
    const codes = res.json().items.map((i: { exemptionCode: string }) => i.exemptionCode);
    assert.ok(codes.length >= 2, codes.join());
    assert.ok(
      codes.every((c: string) => c.startsWith('002B.')),
      codes.join(),
    );
    const one = await op.req({ method: 'GET', url: '/api/cases?view=todo&exemptionCode=0B02.434' });
    assert.deepEqual(
      one.json().items.map((i: { exemptionCode: string }) => i.exemptionCode),
      ['002B.434'],
    );
    const csv = await op.req({ method: 'GET', url: '/api/cases/export.csv?view=todo&exemptionCode=0B02' });
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(csv.body, /002B\.433/);
  });

  test('the counter and the citizen: 0A31 is accepted as 031A.401 with 401.9', async () => {
    const c = await counterSends({ exemptionCode: '0A31', diagnosisCode: '401.9' });
    assert.equal(c.statusCode, 201, c.body);
    assert.equal(c.json().exemption.code, '031A.401');
    const z = await citizenSends({ exemptionCode: '0A31.401', diagnosisCode: '401.9' });
    assert.equal(z.statusCode, 201, z.body);
    assert.equal(z.json().exemption.code, '031A.401');
  });

  test('the registry lookup answers by alias; an unknown code is a 400', async () => {
    const sent = await specialistSends({
      beneficiaryFiscalCode: PEOPLE.torino.fiscalCode,
      exemptionCode: '0C02',
      diagnosisCode: '440.0',
    });
    assert.equal(sent.statusCode, 201, sent.body);
    const n = sent.json().caseNumber as string;
    const v = await op.req({ method: 'POST', url: `/api/cases/${n}/validate`, payload: {}, ifMatch: 1 });
    assert.equal(v.statusCode, 200, v.body);
    const url = (code: string) =>
      `/api/registry/exemptions?fiscalCode=${PEOPLE.torino.fiscalCode}&code=${code}`;
    const byAlias = await gp.req({ method: 'GET', url: url('0C02') });
    assert.equal(byAlias.statusCode, 200, byAlias.body);
    assert.deepEqual(
      byAlias.json().exemptions.map((e: { code: string }) => e.code),
      ['002C.440'],
    );
    const other = await gp.req({ method: 'GET', url: url('0B02') });
    assert.deepEqual(other.json().exemptions, []);
    const bad = await gp.req({ method: 'GET', url: url('0Q99') });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'EXEMPTION_CODE_UNKNOWN');
  });
});

describe('diagnosis ranges of codes without an ICD part', () => {
  test('048 takes neoplasms only (140–239): 250.00 is refused, 174.9 accepted', async () => {
    const before = await countRows(w.database.db, 'exemption_case');
    for (const send of [
      () => specialistSends({ exemptionCode: '048', diagnosisCode: '250.00' }),
      () => counterSends({ exemptionCode: '048', diagnosisCode: '250.00' }),
      () => citizenSends({ exemptionCode: '048', diagnosisCode: '250.00' }),
    ]) {
      const res = await send();
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().code, 'EXEMPTION_DIAGNOSIS_MISMATCH');
      assert.match(
        res.json().detail,
        /048 riguarda le diagnosi ICD-9-CM 140–239 \(Tumori\): la diagnosi 250\.00/,
      );
    }
    assert.equal(await countRows(w.database.db, 'exemption_case'), before);
    const ok = await counterSends({ exemptionCode: '048', diagnosisCode: '174.9' });
    assert.equal(ok.statusCode, 201, ok.body);
  });

  test('RF0100 (sector F: nervous system, 320–389) refuses 250.00 and takes 335.20', async () => {
    const bad = await specialistSends({ exemptionCode: 'RF0100', diagnosisCode: '250.00' });
    assert.equal(bad.statusCode, 400);
    assert.match(
      bad.json().detail,
      /RF0100 riguarda le diagnosi ICD-9-CM 320–389 \(Malattie del sistema nervoso/,
    );
    const good = await specialistSends({
      beneficiaryFiscalCode: PEOPLE.lucia.fiscalCode,
      exemptionCode: 'RF0100',
      diagnosisCode: '335.20',
    });
    assert.equal(good.statusCode, 201, good.body);
  });
});

describe('catalogue texts', () => {
  const DAMAGE = /[A-Za-zÀ-ÿ]\?|\?[A-Za-zÀ-ÿ]|\?\?/;

  test('no code, diagnosis or service text holds "?" in place of a letter', async () => {
    const damaged = await rows<{ t: string; code: string; text: string }>(
      w.database.db,
      sql`select 'code' as t, code, description as text from exemption_code where description like '%?%'
          union all select 'diagnosis', code, description from diagnosis where description like '%?%'
          union all select 'service', exemption_code, description from exempt_service where description like '%?%'
          union all select 'nomenclator', code, description from nomenclator_service where description like '%?%'
          union all select 'document', family, document || ' ' || coalesce(note, '') from family_document
            where document like '%?%' or note like '%?%'`,
    );
    assert.deepEqual(damaged, []);
    // and the files themselves (the nomenclator and the diagnoses as shipped in data/)
    for (const file of ['prestazioni_catalogo_nazionale.csv', 'icd9cm_2007_it_diagnosi.csv']) {
      const bad = fs
        .readFileSync(path.join(DEFAULT_DATA_DIR, file), 'utf8')
        .split('\n')
        .filter((l) => DAMAGE.test(l));
      assert.deepEqual(bad.slice(0, 3), [], file);
    }
    const [enc] = await rows<{ description: string }>(
      w.database.db,
      sql`select description from diagnosis where code = '006.5'`,
    );
    assert.equal(enc?.description, "Ascesso amebico dell'encefalo");
  });

  test('a new import rewrites a damaged description', async () => {
    await w.database.db.execute(
      sql`update diagnosis set description = 'Ascesso amebico dell???encefalo' where code = '006.5'`,
    );
    await importCatalogues(w.database.db);
    const [d] = await rows<{ description: string }>(
      w.database.db,
      sql`select description from diagnosis where code = '006.5'`,
    );
    assert.equal(d?.description, "Ascesso amebico dell'encefalo");
  });
});

describe('an installation older than migration 0018', () => {
  test('is imported again at start: aliases and documents loaded, damaged texts rewritten', async () => {
    const db = w.database.db;
    await db.execute(sql`delete from exemption_code_alias`);
    await db.execute(sql`delete from family_document`);
    await db.execute(sql`update diagnosis set description = 'Sindrome di Se??zary' where code = '202.2'`);
    const prepared = await prepareDatabase(db, { seedDemo: false, bootstrapAdmin: undefined });
    assert.equal(prepared.catalogImported, true);
    assert.equal(await countRows(db, 'exemption_code_alias'), 4);
    assert.equal(await countRows(db, 'family_document'), 22);
    const [d] = await rows<{ description: string }>(
      db,
      sql`select description from diagnosis where code = '202.2'`,
    );
    assert.match(d?.description ?? '', /Sézary/);
    // once loaded, a start does not import again
    assert.equal(
      (await prepareDatabase(db, { seedDemo: false, bootstrapAdmin: undefined })).catalogImported,
      false,
    );
  });
});

describe('documents per family', () => {
  test('GET /api/catalog/documents lists what the page asks for, with its source', async () => {
    const res = await counter.req({ method: 'GET', url: '/api/catalog/documents?family=INVALIDITY' });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.family, 'INVALIDITY');
    assert.match(body.items[0].document, /verbale di invalidità/);
    assert.match(body.source, /docs\/asl-page\.md/);
    const chronic = (await lucia.req({ method: 'GET', url: '/api/catalog/documents?family=CHRONIC' })).json();
    assert.ok(chronic.items.some((i: { note: string | null }) => /6 mesi/.test(i.note ?? '')));
    const income = (await lucia.req({ method: 'GET', url: '/api/catalog/documents?family=INCOME' })).json();
    assert.ok(income.items.some((i: { document: string }) => /Autocertificazione/.test(i.document)));
    const bad = await lucia.req({ method: 'GET', url: '/api/catalog/documents?family=NOPE' });
    assert.equal(bad.statusCode, 400);
    // public: the page «Documenti per le esenzioni» reads it before signing in
    const anonymous = await w.app.inject({ method: 'GET', url: '/api/catalog/documents?family=DENTAL' });
    assert.equal(anonymous.statusCode, 200);
    assert.ok(
      anonymous.json().items.some((i: { document: string }) => /Libretto sanitario/.test(i.document)),
    );
  });
});

describe('pregnancy code for prescribers', () => {
  const ask = (c: Client, qs: string) => c.req({ method: 'GET', url: `/api/catalog/pregnancy?${qs}` });

  test('a GP turns week 12 into M12, a last period into its week, unknown into M99', async () => {
    const res = await ask(gp, 'week=12');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().code, 'M12');
    assert.equal(res.json().week, 12);
    assert.match(res.json().note, /nessuna pratica|non si apre una pratica/);
    // 77 days after the last period: 11 weeks completed, the 12th in progress
    const lmp = new Date(Date.parse(`${today}T12:00:00Z`) - 77 * 86_400_000).toISOString().slice(0, 10);
    assert.equal((await ask(gp, `lastPeriod=${lmp}`)).json().code, 'M12');
    assert.equal((await ask(gp, 'situation=UNKNOWN_WEEK')).json().code, 'M99');
    assert.equal((await ask(gp, 'situation=PRECONCEPTION')).json().code, 'M00');
  });

  test('M50 only for the specialist; bad input is a 400; other roles are refused', async () => {
    const risk = await ask(spec, 'situation=AT_RISK');
    assert.equal(risk.json().code, 'M50');
    const gpRisk = await ask(gp, 'situation=AT_RISK');
    assert.equal(gpRisk.statusCode, 403);
    assert.match(gpRisk.json().detail, /M50/);
    for (const qs of ['week=0', 'week=42', 'week=dodici', 'lastPeriod=2099-01-01', '', 'situation=X']) {
      const r = await ask(gp, qs);
      assert.equal(r.statusCode, 400, `${qs}: ${r.body}`);
      assert.ok(r.json().detail, qs);
    }
    assert.equal((await ask(lucia, 'week=12')).statusCode, 403);
    assert.equal((await ask(op, 'week=12')).statusCode, 403);
    // no case is opened by a lookup
    assert.equal(await countRows(w.database.db, 'exemption_case', "exemption_code like 'M%'"), 0);
  });
});
