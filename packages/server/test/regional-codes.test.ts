/**
 * Regional codes (issue 12 §6): data/regional-codes-piemonte.csv loaded into the catalogue and the rules
 * table; the counter operator issues a dental OD1 inside its income range and is refused outside it;
 * STP/ENI identifiers accepted where, and only where, a code allows them (E08 takes an STP, 048 and OD1
 * do not); the loader refuses a file that redefines a national code or a REGION without a file.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { PEOPLE, SPECIALIST_CF } from './helpers/fixtures.js';
import { pdfText } from './helpers/pdf-text.js';
import { rows } from '../src/db/client.js';
import { exemptionCode, person, regionalCode } from '../src/db/schema.js';
import { readRegionalCodes } from '../src/catalog/regional.js';
import { DEFAULT_DATA_DIR } from '../src/catalog/import.js';
import { loadConfig } from '../src/config.js';

const NOW = new Date('2026-11-30T10:00:00Z');
let world: TestWorld;
let counter: Client;

before(async () => {
  world = await startWorld({ clock: () => NOW });
  counter = await login(world.app, 'counter.torino');
});
after(() => world.close());

const issue = (payload: Record<string, unknown>, client = counter) =>
  client.req({
    method: 'POST',
    url: '/api/regional/exemptions',
    payload: { documentsShown: true, dpr445Accepted: true, ...payload },
  });

const issuesOf = (res: { json(): unknown }) =>
  ((res.json() as { issues?: Array<{ field: string; message: string }> }).issues ?? []).map((i) => i.field);

test('the Region file is in the catalogue (type REG) and in the rules table, and listed with its rules', async () => {
  const db = world.database.db;
  const codes = await db.select().from(exemptionCode).where(eq(exemptionCode.typeCode, 'REG'));
  assert.deepEqual(codes.map((c) => c.code).sort(), [
    'E05',
    'E06',
    'E07',
    'E08',
    'E09',
    'E10',
    'OD1',
    'OD2',
    'ODO1',
    'X23',
    'X24',
  ]);
  assert.equal(codes.find((c) => c.code === 'OD1')?.family, 'DENTAL');
  assert.equal(codes.find((c) => c.code === 'E10')?.family, 'INCOME');
  assert.equal(codes.find((c) => c.code === 'E08')?.family, 'OTHER');
  assert.match(codes[0]?.source ?? '', /^regional-codes-piemonte\.csv: /);
  const rules = await db.select().from(regionalCode);
  assert.equal(rules.length, 11);
  const od1 = rules.find((r) => r.code === 'OD1');
  assert.equal(od1?.incomeOverCents, 800000);
  assert.equal(od1?.incomeMaxCents, 1300000);
  assert.equal(od1?.copayCapCents, 3615);

  const gp = await login(world.app, 'gp');
  const list = await gp.req({ method: 'GET', url: '/api/regional/codes' });
  assert.equal(list.statusCode, 200);
  const body = list.json() as { region: string; codes: Array<Record<string, unknown>> };
  assert.equal(body.region, 'piemonte');
  const view = body.codes.find((c) => c.code === 'OD1');
  assert.equal(view?.income, 'ISEE oltre 8.000,00 € e fino a 13.000,00 €');
  assert.equal(view?.copayCapCents, 3615);
  assert.deepEqual(body.codes.find((c) => c.code === 'E08')?.identifiers, ['STP']);
  assert.equal((body.codes.find((c) => c.code === 'ODO1')?.conditions as unknown[]).length, 7);
  const anonymous = await world.app.inject({ method: 'GET', url: '/api/regional/codes' });
  assert.equal(anonymous.statusCode, 401);
});

test('OD1 is issued at the counter inside 8.000–13.000 €: validated at once, registry row, declaration', async () => {
  const res = await issue({
    exemptionCode: 'OD1',
    beneficiary: PEOPLE.torino.fiscalCode,
    incomeCents: 1250000,
  });
  assert.equal(res.statusCode, 201, res.body);
  const detail = res.json() as { caseNumber: string; status: string; exemption: { code: string } };
  assert.equal(detail.status, 'VALIDATED');
  assert.equal(detail.exemption.code, 'OD1');
  const [row] = await rows<{
    valid_until: string;
    facts: { regional: Record<string, unknown> };
    threshold: number;
  }>(
    world.database.db,
    sql`select r.valid_until::text as valid_until, d.facts, d.threshold_cents::int as threshold
          from exemption_case c join registry_exemption r on r.case_id = c.id
          join self_declaration d on d.case_id = c.id where c.case_number = ${detail.caseNumber}`,
  );
  assert.equal(row?.valid_until, '2027-03-31');
  assert.equal(row?.threshold, 1300000);
  assert.equal(row?.facts.regional.iseeCents, 1250000);
  assert.equal(row?.facts.regional.copayCapCents, 3615);
});

test('OD1 outside its range is refused with the rule and the figure (one cent over, the lower bound itself)', async () => {
  const over = await issue({
    exemptionCode: 'OD1',
    beneficiary: PEOPLE.lucia.fiscalCode,
    incomeCents: 1300001,
  });
  assert.equal(over.statusCode, 400, over.body);
  assert.deepEqual(issuesOf(over), ['incomeCents']);
  assert.match((over.json() as { detail: string }).detail, /13\.000,01 €, oltre il limite/);
  const at = await issue({ exemptionCode: 'OD1', beneficiary: PEOPLE.lucia.fiscalCode, incomeCents: 800000 });
  assert.equal(at.statusCode, 400);
  assert.match(
    (at.json() as { detail: string }).detail,
    /oltre 8\.000,00 € e fino a 13\.000,00 €: dichiarato 8\.000,00 €/,
  );
  const none = await issue({ exemptionCode: 'OD1', beneficiary: PEOPLE.lucia.fiscalCode });
  assert.deepEqual(issuesOf(none), ['incomeCents']);
  // the same person in the next range gets OD2
  const od2 = await issue({
    exemptionCode: 'OD2',
    beneficiary: PEOPLE.lucia.fiscalCode,
    incomeCents: 1300001,
  });
  assert.equal(od2.statusCode, 201, od2.body);
});

test('STP: accepted for E08 (recorded with name and birth date), refused where the code does not allow it', async () => {
  const stp = 'STP0103010000123';
  const missing = await issue({ exemptionCode: 'E08', beneficiary: stp, cardIssuedOn: '2026-10-01' });
  assert.equal(missing.statusCode, 400);
  assert.deepEqual(issuesOf(missing), ['person']);
  const young = await issue({
    exemptionCode: 'E08',
    beneficiary: 'STP0103010000999',
    person: { firstName: 'Amina', lastName: 'Diallo', birthDate: '1990-05-01' },
    cardIssuedOn: '2026-10-01',
  });
  assert.equal(young.statusCode, 400);
  assert.deepEqual(issuesOf(young), ['birthDate']);
  const ok = await issue({
    exemptionCode: 'E08',
    beneficiary: stp,
    person: { firstName: 'Amadou', lastName: 'Diallo', birthDate: '1955-03-02' },
    cardIssuedOn: '2026-10-01',
  });
  assert.equal(ok.statusCode, 201, ok.body);
  const detail = ok.json() as { validUntil: string | null; beneficiary?: { fiscalCode: string } };
  const [p] = await world.database.db.select().from(person).where(eq(person.fiscalCode, stp));
  assert.equal(p?.lastName, 'DIALLO');
  assert.equal(p?.residenceAslId, '010301');
  const [reg] = await rows<{ valid_until: string }>(
    world.database.db,
    sql`select valid_until::text from registry_exemption where fiscal_code = ${stp}`,
  );
  assert.equal(reg?.valid_until, '2027-03-31', JSON.stringify(detail)); // six months from 01/10/2026

  // the counter looks the holder up and prints the attestato by the STP code
  const found = await counter.req({ method: 'GET', url: `/api/people/${stp}` });
  assert.equal(found.statusCode, 200, found.body);
  const attestato = await counter.req({ method: 'GET', url: `/api/people/${stp}/attestato.pdf` });
  assert.equal(attestato.statusCode, 200, attestato.body.slice(0, 300));
  assert.match(String(attestato.headers['content-type']), /application\/pdf/);
  assert.match(pdfText(attestato.rawPayload), /E08/);
  const search = await counter.req({ method: 'GET', url: `/api/cases?view=closed&fiscalCode=${stp}` });
  assert.equal(search.statusCode, 200, search.body);
  assert.deepEqual(
    (search.json() as { items: Array<{ exemptionCode: string }> }).items.map((i) => i.exemptionCode),
    ['E08'],
  );
  // the prescriber verifies it in the registry by the STP code; a malformed one is a 400
  const gp = await login(world.app, 'gp');
  const lookup = await gp.req({ method: 'GET', url: `/api/registry/exemptions?fiscalCode=${stp}` });
  assert.equal(lookup.statusCode, 200, lookup.body);
  assert.deepEqual(
    (lookup.json() as { exemptions: Array<{ code: string }> }).exemptions.map((e) => e.code),
    ['E08'],
  );
  const malformed = await gp.req({ method: 'GET', url: '/api/registry/exemptions?fiscalCode=STP0103010' });
  assert.equal(malformed.statusCode, 400);
  assert.match(malformed.body, /STP e 13 cifre/);

  // E07 takes ENI only; OD1 a fiscal code only
  const eniOnly = await issue({ exemptionCode: 'E07', beneficiary: stp, cardIssuedOn: '2026-10-01' });
  assert.equal(eniOnly.statusCode, 400);
  assert.match((eniOnly.json() as { detail: string }).detail, /E07 non ammette il codice STP/);
  const dental = await issue({ exemptionCode: 'OD1', beneficiary: stp, incomeCents: 900000 });
  assert.equal(dental.statusCode, 400);
  assert.deepEqual(issuesOf(dental), ['beneficiary']);
  // 048 is no regional code, and the national request path keeps the fiscal-code check
  const national = await issue({ exemptionCode: '048', beneficiary: stp });
  assert.equal(national.statusCode, 400);
  assert.match((national.json() as { detail: string }).detail, /048 non è un codice regionale/);
  const specialist = await login(world.app, 'spec');
  // a regional code on the national request path: pointed to «Codici regionali»
  const dentalViaCases = await specialist.req({
    method: 'POST',
    url: '/api/cases',
    payload: {
      beneficiaryFiscalCode: PEOPLE.lucia.fiscalCode,
      exemptionCode: 'E09',
      diagnosisCode: '250.00',
      issuedOn: '2026-11-20',
    },
  });
  assert.equal(dentalViaCases.statusCode, 400, dentalViaCases.body);
  assert.match(
    (dentalViaCases.json() as { detail: string }).detail,
    /E09 è un codice regionale.*Codici regionali/,
  );
  const viaCases = await specialist.req({
    method: 'POST',
    url: '/api/cases',
    payload: {
      beneficiaryFiscalCode: stp,
      exemptionCode: '048',
      diagnosisCode: '174.9',
      issuedOn: '2026-11-20',
    },
  });
  assert.equal(viaCases.statusCode, 400, viaCases.body);
  void SPECIALIST_CF;
});

test('E06: six months from the permit; ODO1: a condition of the list; only the counter operator issues', async () => {
  const late = await issue({
    exemptionCode: 'E06',
    beneficiary: PEOPLE.torino2.fiscalCode,
    permitIssuedOn: '2026-05-01',
  });
  assert.equal(late.statusCode, 400);
  assert.deepEqual(issuesOf(late), ['permitIssuedOn']);
  const odo1Bad = await issue({
    exemptionCode: 'ODO1',
    beneficiary: PEOPLE.torino2.fiscalCode,
    condition: 'DIABETES',
  });
  assert.deepEqual(issuesOf(odo1Bad), ['condition']);
  const odo1 = await issue({
    exemptionCode: 'ODO1',
    beneficiary: PEOPLE.torino2.fiscalCode,
    condition: 'HIV',
  });
  assert.equal(odo1.statusCode, 201, odo1.body);
  const again = await issue({
    exemptionCode: 'ODO1',
    beneficiary: PEOPLE.torino2.fiscalCode,
    condition: 'HIV',
  });
  assert.equal(again.statusCode, 409);
  const expired = await issue({
    exemptionCode: 'E05',
    beneficiary: PEOPLE.torino2.fiscalCode,
    incomeCents: 100,
  });
  assert.equal(expired.statusCode, 400, expired.body); // E05 ended on 31/03/2019
  const foreign = await issue({
    exemptionCode: 'OD1',
    beneficiary: PEOPLE.bra.fiscalCode,
    incomeCents: 900000,
  });
  assert.ok([400, 404].includes(foreign.statusCode), foreign.body);
  const operator = await login(world.app, 'op.torino');
  const refused = await issue(
    { exemptionCode: 'OD1', beneficiary: PEOPLE.lucia.fiscalCode, incomeCents: 900000 },
    operator,
  );
  assert.equal(refused.statusCode, 403);
  const noDpr = await counter.req({
    method: 'POST',
    url: '/api/regional/exemptions',
    payload: {
      exemptionCode: 'OD1',
      beneficiary: PEOPLE.lucia.fiscalCode,
      incomeCents: 900000,
      documentsShown: true,
    },
  });
  assert.equal(noDpr.statusCode, 400);
  assert.deepEqual(issuesOf(noDpr), ['dpr445Accepted']);
});

test('codes that exclude each other: one dental income band, one income exemption at a time', async () => {
  // lucia holds OD2 (above): OD1 or E09 is refused, naming the code held
  const band = await issue({
    exemptionCode: 'OD1',
    beneficiary: PEOPLE.lucia.fiscalCode,
    incomeCents: 900000,
  });
  assert.equal(band.statusCode, 409, band.body);
  assert.match((band.json() as { detail: string }).detail, /già il codice OD2/);
  // E10 (income, from 55 years, limit by household size) is issued to torino2; a dental code is compatible
  const e10 = await issue({
    exemptionCode: 'E10',
    beneficiary: PEOPLE.torino2.fiscalCode,
    incomeCents: 4400000,
    householdSize: 3,
  });
  assert.equal(e10.statusCode, 201, e10.body);
  const e09 = await issue({
    exemptionCode: 'E09',
    beneficiary: PEOPLE.torino2.fiscalCode,
    incomeCents: 700000,
  });
  assert.equal(e09.statusCode, 201, e09.body);
  // a Torino resident on the MEF list for E01: E10 is refused (one income exemption at a time)
  const onList = 'RSSMRA48R11H501A';
  await world.database.db
    .insert(person)
    .values({ fiscalCode: onList, firstName: 'MARIO', lastName: 'ROSSI', residenceAslId: '010301' });
  await world.database.db.execute(sql`
    insert into registry_exemption (fiscal_code, exemption_code, family, valid_from, valid_until, source, list_year)
    values (${onList}, 'E01', 'INCOME', '2026-04-01', '2027-03-31', 'MEF_LIST', 2026)`);
  const held = await issue({
    exemptionCode: 'E10',
    beneficiary: onList,
    incomeCents: 3000000,
    householdSize: 2,
  });
  assert.equal(held.statusCode, 409, held.body);
  assert.equal((held.json() as { code: string }).code, 'INCOME_EXEMPTION_HELD');
});

test('the loader: a national code in the regional file, and a REGION without a file, are refused', async () => {
  // the REGION setting names the file: piemonte by default, lower-case names only
  assert.equal(loadConfig({}).region, 'piemonte');
  assert.equal(loadConfig({ REGION: 'valle-d-aosta' }).region, 'valle-d-aosta');
  assert.throws(() => loadConfig({ REGION: '../etc' }), /REGION/);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'esz-regional-'));
  try {
    const real = await fs.readFile(path.join(DEFAULT_DATA_DIR, 'regional-codes-piemonte.csv'), 'utf8');
    await fs.writeFile(path.join(dir, 'regional-codes-piemonte.csv'), real);
    const { codes, rules } = await readRegionalCodes(dir, 'piemonte', new Set(['048']));
    assert.equal(codes.length, 11);
    assert.equal(rules.length, 11);
    await assert.rejects(
      readRegionalCodes(dir, 'piemonte', new Set(['OD1'])),
      /OD1 è un codice del catalogo nazionale/,
    );
    await assert.rejects(readRegionalCodes(dir, 'lazio', new Set()), /manca il file dei codici regionali/);
    await fs.writeFile(path.join(dir, 'regional-codes-prova.csv'), real.replace('MONTHS:12', 'YEARS:1'));
    await assert.rejects(readRegionalCodes(dir, 'prova', new Set()), /riga 12: durata non valida/);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
