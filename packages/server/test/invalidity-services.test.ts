/**
 * Issue 12 §4 and §8, PGlite and PostgreSQL:
 * - an invalidity request carries its verbale and the code must fit it (C03 67–99 %, G02 categories
 *   VI–VIII, L01 work…), else 400 INVALIDITY_DATA_MISMATCH naming the field and nothing is written;
 *   the detail shows the verbale and the scope (ALL / RELATED), the registry answer the scope;
 * - exempt services: 048 and the rare diseases answer the standard sentence, partial invalidity the
 *   related-services sentence, a chronic code without a loaded list "elenco non ancora caricato";
 *   the administrator's file (checked against the national nomenclator, refused whole on any error,
 *   idempotent by content) loads a list, found most specific code first; the person's attestato
 *   prints the scope and the sentence.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { todayInRome } from '@esenzioni/domain';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { countRows, PEOPLE, USERS } from './helpers/fixtures.js';
import { fields, JPEG_BYTES, multipartBody, pdf } from './helpers/uploads.js';
import { pdfText } from './helpers/pdf-text.js';

let w: TestWorld;
let counter: Client;
let op: Client;
let gp: Client;
let admin: Client;
let citizen: Client; // PEOPLE.torino
const today = todayInRome();

const counterSends = (values: Record<string, string>) => {
  const { payload, headers } = multipartBody([
    ...fields({ issuedOn: '2024-05-10', ...values }),
    { name: 'certificate', file: pdf('verbale.pdf') },
  ]);
  return counter.req({ method: 'POST', url: '/api/cases', payload, headers });
};
const citizenSends = (values: Record<string, string>) => {
  const { payload, headers } = multipartBody([
    ...fields({ issuedOn: '2023-11-02', ...values }),
    { name: 'certificate', file: pdf('verbale.pdf') },
    { name: 'identityDocument', file: { filename: 'ci.jpg', bytes: JPEG_BYTES, contentType: 'image/jpeg' } },
  ]);
  return citizen.req({ method: 'POST', url: '/api/me/cases', payload, headers });
};
const services = (c: Client, code: string) =>
  c.req({ method: 'GET', url: `/api/catalog/exemptions/${encodeURIComponent(code)}/services` });
const upload = (csv: string, fileName = 'prestazioni.csv', who = admin) =>
  who.req({ method: 'POST', url: '/api/admin/exempt-services', payload: { fileName, csv } });
const issueFields = (body: string) =>
  (JSON.parse(body) as { issues?: Array<{ field: string }> }).issues?.map((i) => i.field) ?? [];

before(async () => {
  w = await startWorld();
  [counter, op, gp, admin, citizen] = await Promise.all([
    login(w.app, USERS.counter.username),
    login(w.app, USERS.opTorino.username),
    login(w.app, USERS.gp.username),
    login(w.app, USERS.admin.username),
    login(w.app, USERS.citizen.username),
  ]);
});
after(() => w.close());

describe('invalidity: the code must fit the verbale', () => {
  const C03 = {
    beneficiaryFiscalCode: PEOPLE.giovanni.fiscalCode,
    exemptionCode: 'C03',
    invalidityKind: 'CIVIL',
    verbaleNumber: 'PROVA/2024/0042',
    verbaleIssuer: 'Commissione medica ASL Città di Torino',
  };

  test('a C03 without the verbale, or with 50 %, is refused on its fields; nothing is written', async () => {
    const cases = await countRows(w.database.db, 'exemption_case');
    const none = await counterSends({
      beneficiaryFiscalCode: C03.beneficiaryFiscalCode,
      exemptionCode: 'C03',
    });
    assert.equal(none.statusCode, 400, none.body);
    assert.equal(none.json().code, 'INVALIDITY_DATA_MISMATCH');
    assert.deepEqual(issueFields(none.body).sort(), [
      'invalidityKind',
      'invalidityPercentage',
      'verbaleIssuer',
      'verbaleNumber',
    ]);
    const low = await counterSends({ ...C03, invalidityPercentage: '50' });
    assert.equal(low.statusCode, 400, low.body);
    assert.deepEqual(issueFields(low.body), ['invalidityPercentage']);
    assert.match(low.json().detail, /C03.*50%.*dal 67% al 99%/);
    const full = await counterSends({ ...C03, invalidityPercentage: '100' });
    assert.equal(full.statusCode, 400, full.body);
    // a war category on a civil code, a work verbale on a civil code
    const cat = await counterSends({ ...C03, invalidityPercentage: '70', invalidityCategory: '3' });
    assert.deepEqual(issueFields(cat.body), ['invalidityCategory']);
    const work = await counterSends({ ...C03, invalidityKind: 'WORK', invalidityPercentage: '70' });
    assert.deepEqual(issueFields(work.body), ['invalidityKind']);
    assert.match(work.json().detail, /Invalidità per lavoro/);
    // a bad value is a 400 of the request's shape, never a 500
    const shape = await counterSends({ ...C03, invalidityPercentage: 'settanta', invalidityKind: 'ALTRO' });
    assert.equal(shape.statusCode, 400, shape.body);
    assert.equal(await countRows(w.database.db, 'exemption_case'), cases);
    assert.equal(await countRows(w.database.db, 'invalidity_data'), 0);
  });

  test('a C03 at 70 % is accepted: the detail shows the verbale and the scope ALL; validated, the registry says ALL', async () => {
    const sent = await counterSends({ ...C03, invalidityPercentage: '70' });
    assert.equal(sent.statusCode, 201, sent.body);
    const d = sent.json();
    assert.deepEqual(d.invalidity, {
      kind: 'CIVIL',
      percentage: 70,
      category: null,
      accompaniment: false,
      verbaleNumber: 'PROVA/2024/0042',
      verbaleDate: '2024-05-10', // the document's date when no other is given
      issuingBody: 'Commissione medica ASL Città di Torino',
    });
    assert.equal(d.scope, 'ALL');
    assert.equal(d.services.kind, 'STANDARD');
    assert.match(d.services.sentence, /^Tutte le prestazioni appropriate/);
    assert.deepEqual(d.exemptServices, []);
    const v = await op.req({
      method: 'POST',
      url: `/api/cases/${d.caseNumber}/validate`,
      payload: {},
      ifMatch: 1,
    });
    assert.equal(v.statusCode, 200, v.body);
    assert.equal(v.json().invalidity.percentage, 70);
    const reg = await gp.req({
      method: 'GET',
      url: `/api/registry/exemptions?fiscalCode=${PEOPLE.giovanni.fiscalCode}`,
    });
    assert.equal(reg.statusCode, 200, reg.body);
    const row = reg.json().exemptions.find((e: { code: string }) => e.code === 'C03');
    assert.equal(row.scope, 'ALL');
    // a direct renewal at the counter keeps the verbale of the renewed case
    await w.database.db.execute(
      sql`update exemption_case set status = 'EXPIRED' where case_number = ${d.caseNumber}`,
    );
    const renewed = await counter.req({
      method: 'POST',
      url: `/api/cases/${d.caseNumber}/renew`,
      payload: {},
    });
    assert.equal(renewed.statusCode, 201, renewed.body);
    assert.deepEqual(renewed.json().invalidity, d.invalidity);
  });

  test('a citizen asks G02 (war, categories VI–VIII): category III refused, VII accepted with scope RELATED', async () => {
    const base = {
      exemptionCode: 'G02',
      invalidityKind: 'WAR',
      invalidityAccompaniment: 'false',
      verbaleNumber: 'PROVA-G-17',
      verbaleIssuer: 'Commissione medica per le pensioni di guerra',
    };
    const three = await citizenSends({ ...base, invalidityCategory: '3' });
    assert.equal(three.statusCode, 400, three.body);
    assert.deepEqual(issueFields(three.body), ['invalidityCategory']);
    assert.match(three.json().detail, /categoria III/);
    const pct = await citizenSends({ ...base, invalidityCategory: '7', invalidityPercentage: '40' });
    assert.deepEqual(issueFields(pct.body), ['invalidityPercentage']);
    const seven = await citizenSends({ ...base, invalidityCategory: '7' });
    assert.equal(seven.statusCode, 201, seven.body);
    const d = seven.json();
    assert.equal(d.invalidity.category, 7);
    assert.equal(d.invalidity.verbaleDate, '2023-11-02');
    assert.equal(d.scope, 'RELATED');
    assert.equal(d.services.kind, 'RELATED');
    assert.match(d.services.sentence, /^Solo le prestazioni appropriate correlate/);
    const v = await op.req({
      method: 'POST',
      url: `/api/cases/${d.caseNumber}/validate`,
      payload: {},
      ifMatch: 1,
    });
    assert.equal(v.statusCode, 200, v.body);
    const reg = await gp.req({
      method: 'GET',
      url: `/api/registry/exemptions?fiscalCode=${PEOPLE.torino.fiscalCode}`,
    });
    assert.equal(reg.json().exemptions.find((e: { code: string }) => e.code === 'G02').scope, 'RELATED');
    // the person's attestato prints the scope and the sentence
    const att = await op.req({ method: 'GET', url: `/api/people/${PEOPLE.torino.fiscalCode}/attestato.pdf` });
    assert.equal(att.statusCode, 200, att.body);
    const text = pdfText(att.rawPayload).replace(/\s+/g, ' ');
    assert.match(text, /Esenzione parziale: solo le prestazioni correlate/);
    assert.match(text, /Solo le prestazioni appropriate correlate/);
    // the citizen's attestato of this exemption: the verbale and the scope
    const mine = await citizen.req({ method: 'GET', url: '/api/me/exemptions' });
    const g02 = (mine.json().items as Array<{ id: string; code: string }>).find((e) => e.code === 'G02');
    assert.ok(g02, mine.body);
    const one = await citizen.req({ method: 'GET', url: `/api/me/exemptions/${g02.id}/attestato.pdf` });
    assert.equal(one.statusCode, 200, one.body);
    const single = pdfText(one.rawPayload).replace(/\s+/g, ' ');
    assert.match(single, /Invalidità di guerra/);
    assert.match(single, /categoria VII/);
    assert.match(single, /n\. PROVA-G-17 del 02\/11\/2023, Commissione medica per le pensioni di guerra/);
    assert.match(single, /Esenzione parziale: solo le prestazioni correlate/);
  });
});

describe('exempt services', () => {
  test('048 and a rare disease: the standard sentence; 044 without a list: «elenco non ancora caricato», never «nessuna prestazione»', async () => {
    for (const code of ['048', 'RF0100']) {
      const r = await services(gp, code);
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().scope, 'ALL');
      assert.equal(r.json().services.kind, 'STANDARD');
      assert.match(r.json().services.sentence, /^Tutte le prestazioni appropriate/);
    }
    const chronic = (await services(gp, '044')).json();
    assert.equal(chronic.scope, 'LIST');
    assert.equal(chronic.services.kind, 'NOT_LOADED');
    assert.match(chronic.services.sentence, /^Elenco non ancora caricato/);
    assert.doesNotMatch(JSON.stringify(chronic), /[Nn]essuna prestazione/);
    // the manual's examples are shown as examples
    assert.ok(chronic.items.length > 0 && chronic.items.every((i: { example: boolean }) => i.example));
    // a code as written on prescriptions: 0A31 is 031A
    const alias = await services(gp, '0A31');
    assert.equal(alias.statusCode, 200, alias.body);
    assert.equal(alias.json().code, '031A');
    const unknown = await services(gp, 'ZZ9');
    assert.equal(unknown.statusCode, 400, unknown.body);
    assert.equal(unknown.json().code, 'EXEMPTION_CODE_UNKNOWN');
    assert.equal((await services(gp, 'a b')).statusCode, 400);
    assert.equal(
      (await w.app.inject({ method: 'GET', url: '/api/catalog/exemptions/048/services' })).statusCode,
      401,
    );
  });

  test('a file with an unknown service, a bad date or a bad header is refused whole, errors by line', async () => {
    const bad = await upload(
      [
        'code,service_code,note,valid_from,valid_until,source',
        '044,89.01.C,,2017-03-19,,DPCM 12/1/2017 Allegato 8',
        '044,99.99.99,,2017-03-19,,DPCM 12/1/2017 Allegato 8',
        '044,89.7,,2017-13-01,,DPCM 12/1/2017 Allegato 8',
        'XYZ,89.7,,2017-03-19,,fonte',
      ].join('\n'),
    );
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().code, 'EXEMPT_SERVICES_FILE_INVALID');
    assert.deepEqual(issueFields(bad.body), ['riga 3', 'riga 4', 'riga 5']);
    assert.match(bad.body, /99\.99\.99.*nomenclatore nazionale/);
    const header = await upload('codice,prestazione\n044,89.7');
    assert.equal(header.statusCode, 400, header.body);
    assert.deepEqual(issueFields(header.body), ['riga 1']);
    assert.equal(
      (
        await upload(
          'code,service_code,note,valid_from,valid_until,source\n044,89.7,,2017-03-19,,x',
          'a.csv',
          op,
        )
      ).statusCode,
      403,
    );
    assert.equal(await countRows(w.database.db, 'exempt_service_upload'), 0);
    assert.equal(await countRows(w.database.db, 'exempt_service', 'upload_id is not null'), 0);
  });

  test('an uploaded list is shown, most specific code first; the same file again changes nothing', async () => {
    const csv = [
      'code,service_code,note,valid_from,valid_until,source',
      '044,94.12.1,,2017-03-19,,DPCM 12/1/2017 Allegato 8',
      '044,89.7,prima visita,2017-03-19,,DPCM 12/1/2017 Allegato 8',
      '044,89.01,,2001-01-01,2016-12-31,elenco precedente',
    ].join('\n');
    const first = await upload(csv);
    assert.equal(first.statusCode, 201, first.body);
    assert.deepEqual(first.json().codes, ['044']);
    assert.equal(first.json().rows, 3);
    const again = await upload(csv, 'copia.csv');
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().created, false);
    assert.equal(again.json().uploadId, first.json().uploadId);

    const list = (await services(gp, '044')).json();
    assert.equal(list.services.kind, 'LIST');
    assert.equal(list.services.listCode, '044');
    // the row that ended in 2016 is not in force today
    assert.deepEqual(
      list.items.map((i: { code: string }) => i.code),
      ['94.12.1', '89.7'],
    );
    assert.equal(list.items[1].note, 'prima visita');
    // a sub-code without its own list: its base's
    assert.equal((await services(gp, '044.295.3')).json().services.listCode, '044');
    // with its own list, the sub-code's first
    const own = await upload(
      'code,service_code,note,valid_from,valid_until,source\n044.295.3,89.01.C,,2017-03-19,,ASL prova',
    );
    assert.equal(own.statusCode, 201, own.body);
    const sub = (await services(gp, '044.295.3')).json();
    assert.equal(sub.services.listCode, '044.295.3');
    assert.deepEqual(
      sub.items.map((i: { code: string }) => i.code),
      ['89.01.C'],
    );
    // a newer file for 044 replaces its list (versions kept)
    const v2 = await upload(
      'code,service_code,note,valid_from,valid_until,source\n044,89.7,,2017-03-19,,versione 2',
    );
    assert.equal(v2.statusCode, 201, v2.body);
    assert.deepEqual(
      (await services(gp, '044')).json().items.map((i: { code: string }) => i.code),
      ['89.7'],
    );
    const uploads = await admin.req({ method: 'GET', url: '/api/admin/exempt-services' });
    assert.equal(uploads.json().items.length, 3);
    assert.equal(today.length, 10);
  });
});
