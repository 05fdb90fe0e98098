/**
 * The person directory (issue 13 §4, docs/person-directory.md):
 * - the CSV import of the registry of assistiti: new, changed and unchanged people, bad lines rejected by
 *   number and reason (never content), the progress row moved batch by batch, idempotent, one at a time;
 * - a person whose assistance ceased cannot start a case (400 PERSON_NOT_ASSISTED); a new case takes the
 *   ASL and district of the residence the directory gives;
 * - the administrator's upload: ADMIN only, text/csv, 202 then DONE with its figures;
 * - the HTTP adapter against a local fake registry service: found, unknown (400), failing or down (503,
 *   never a silent «not found»), slow beyond the timeout (503), and back up.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { todayInRome } from '@esenzioni/domain';
import { rows } from '../src/db/client.js';
import { beginPersonImport, runPersonImport } from '../src/services/directory/import-people.js';
import { personImportsIdle } from '../src/services/directory/person-import-jobs.js';
import { httpDirectory } from '../src/services/directory/person-directory.js';
import { mefFiscalCode } from '../../../bench/lib/mef-file.js';
import { PERSON_FILE_HEADER, personFileText, personLine } from '../../../bench/lib/person-file.js';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { PEOPLE, USERS } from './helpers/fixtures.js';

const today = todayInRome();

async function load(w: TestWorld, text: string, batchSize = 500) {
  const input = {
    fileName: 'assistiti.csv',
    totalBytes: Buffer.byteLength(text),
    startedBy: 'TEST',
    batchSize,
  };
  const row = await beginPersonImport(w.database.db, input);
  const progress: number[] = [];
  const r = await runPersonImport(w.database.db, row.id, Readable.from([text]), input, (p) =>
    progress.push(p.rowsRead),
  );
  return { id: row.id, progress, ...r };
}

const person = async (w: TestWorld, cf: string) =>
  (
    await rows<{
      last_name: string;
      residence_asl_id: string;
      residence_district_id: string | null;
      assistance_status: string;
    }>(
      w.database.db,
      sql`select last_name, residence_asl_id, residence_district_id, assistance_status from person where fiscal_code = ${cf}`,
    )
  )[0];

describe('the CSV import of the registry of assistiti', () => {
  let w: TestWorld;
  let counter: Client;
  before(async () => {
    w = await startWorld();
    counter = await login(w.app, USERS.counter.username);
  });
  after(() => w.close());

  test('new people, bad lines by number and reason, progress batch by batch; the same file again changes nothing', async () => {
    const bad = [
      `${mefFiscalCode(900_001)};ROSSI;MARIO;1980-01-01;M;001272;999999;;;A`, // unknown ASL
      `ABCDEF;ROSSI;MARIO;1980-01-01;M;001272;010301;;;A`, // bad fiscal code
      `${mefFiscalCode(900_002)};ROSSI;MARIO;1980-02-30;M;001272;010301;;;A`, // no such day
      `${mefFiscalCode(900_003)};ROSSI;MARIO;1980-01-01;M;001272;010301;010211-BRA;;A`, // district of another ASL
      `${mefFiscalCode(900_004)};ROSSI;MARIO;1980-01-01;M;001272;010301;;;X`, // status
      `${mefFiscalCode(900_005)};ROSSI`, // fields
    ];
    const text = `${personFileText(2_000)}${bad.join('\n')}\n`;
    const first = await load(w, text);
    assert.deepEqual(
      {
        rowsRead: first.rowsRead,
        rejected: first.rejected,
        inserted: first.inserted,
        updated: first.updated,
      },
      { rowsRead: 2_006, rejected: 6, inserted: 2_000, updated: 0 },
    );
    assert.ok(first.progress.length >= 4, `progress moved ${first.progress.length} times`);
    const [imp] = await rows<{ status: string; rejected_sample: Array<{ line: number; reason: string }> }>(
      w.database.db,
      sql`select status, rejected_sample from person_import where id = ${first.id}`,
    );
    assert.equal(imp?.status, 'DONE');
    assert.deepEqual(
      imp?.rejected_sample.map((r) => r.line),
      [2_002, 2_003, 2_004, 2_005, 2_006, 2_007],
    );
    assert.equal(imp?.rejected_sample[0]?.reason, 'ASL sconosciuta');
    assert.ok(!JSON.stringify(imp?.rejected_sample).includes('ROSSI'), 'never the content of a line');
    const again = await load(w, text);
    assert.deepEqual(
      { inserted: again.inserted, updated: again.updated, unchanged: again.unchanged },
      {
        inserted: 0,
        updated: 0,
        unchanged: 2_000,
      },
    );
    // a later file: every tenth surname changed, the rest unchanged
    const later = await load(w, personFileText(2_000, 1));
    assert.deepEqual(
      { inserted: later.inserted, updated: later.updated, unchanged: later.unchanged },
      {
        inserted: 0,
        updated: 200,
        unchanged: 1_800,
      },
    );
    assert.equal((await person(w, mefFiscalCode(10)))?.last_name, 'PROVA1');
  });

  test('a person whose assistance ceased cannot start a case; the residence the directory gives decides the ASL', async () => {
    // person 49 is «C» (assistance ceased) in the generated file; person 48 is assisted
    const ceased = mefFiscalCode(49);
    assert.equal((await person(w, ceased))?.assistance_status, 'CEASED');
    const lookup = await counter.req({ method: 'GET', url: `/api/people/${ceased}` });
    assert.equal(lookup.statusCode, 400, lookup.body);
    assert.equal(lookup.json().code, 'PERSON_NOT_ASSISTED');
    const spec = await login(w.app, USERS.specialist.username);
    const refused = await spec.req({
      method: 'POST',
      url: '/api/cases',
      payload: {
        beneficiaryFiscalCode: ceased,
        exemptionCode: '048',
        diagnosisCode: '174.9',
        issuedOn: today,
      },
    });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(refused.json().code, 'PERSON_NOT_ASSISTED');
    const sent = await spec.req({
      method: 'POST',
      url: '/api/cases',
      payload: {
        beneficiaryFiscalCode: mefFiscalCode(48),
        exemptionCode: '048',
        diagnosisCode: '174.9',
        issuedOn: today,
      },
    });
    assert.equal(sent.statusCode, 201, sent.body);
    assert.equal(sent.json().asl.id, '010301');
    assert.equal(sent.json().district.id, '010301-T1');
  });

  test('the administrator uploads the file: 202 at once, then DONE with the figures; nobody else may', async () => {
    const admin = await login(w.app, USERS.admin.username);
    const text = `${PERSON_FILE_HEADER}\n${personLine(5_000)}\n${personLine(5_001)}\n`;
    const denied = await counter.req({
      method: 'POST',
      url: '/api/admin/person-imports',
      payload: text,
      headers: { 'content-type': 'text/csv' },
    });
    assert.equal(denied.statusCode, 403);
    const wrongType = await admin.req({
      method: 'POST',
      url: '/api/admin/person-imports',
      payload: { a: 1 },
    });
    assert.equal(wrongType.statusCode, 415);
    const res = await admin.req({
      method: 'POST',
      url: '/api/admin/person-imports?fileName=assistiti-2026.csv',
      payload: text,
      headers: { 'content-type': 'text/csv' },
    });
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(res.json().status, 'LOADING');
    await personImportsIdle();
    const done = (
      await admin.req({ method: 'GET', url: `/api/admin/person-imports/${res.json().id}` })
    ).json();
    assert.deepEqual(
      { status: done.status, percent: done.percent, inserted: done.inserted, fileName: done.fileName },
      { status: 'DONE', percent: 100, inserted: 2, fileName: 'assistiti-2026.csv' },
    );
    const list = (await admin.req({ method: 'GET', url: '/api/admin/person-imports' })).json();
    assert.equal(list.items[0].id, res.json().id);
    // a file that is not a registry: FAILED with the reason, nothing loaded
    const wrong = await admin.req({
      method: 'POST',
      url: '/api/admin/person-imports',
      payload: 'codice_fiscale;codice_esenzione;anno\n',
      headers: { 'content-type': 'text/csv' },
    });
    assert.equal(wrong.statusCode, 202);
    await personImportsIdle();
    const failed = (
      await admin.req({ method: 'GET', url: `/api/admin/person-imports/${wrong.json().id}` })
    ).json();
    assert.equal(failed.status, 'FAILED');
    assert.match(failed.error, /^Intestazione non valida/);
  });
});

describe('the HTTP adapter: a regional registry service that can be slow or down', () => {
  const KNOWN = mefFiscalCode(777);
  let mode: 'ok' | 'fail' | 'slow' = 'ok';
  let asked = 0;
  const server = http.createServer((req, res) => {
    asked += 1;
    const cf = decodeURIComponent((req.url ?? '').split('/').pop() ?? '');
    const answer = () => {
      if (mode === 'fail') return res.writeHead(500).end('errore');
      if (cf !== KNOWN && cf !== PEOPLE.torino.fiscalCode) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          codiceFiscale: cf,
          cognome: 'Remoto',
          nome: 'Assistito',
          dataNascita: '1970-05-05',
          sesso: 'M',
          comuneResidenza: '001272',
          asl: '010301',
          distretto: '010301-T1',
          medico: null,
          stato: 'ASSISTITO',
        }),
      );
    };
    // slower than the adapter's timeout (200 ms), well under a second
    if (mode === 'slow') setTimeout(answer, 400);
    else answer();
  });
  let w: TestWorld;
  let spec: Client;
  let url = '';
  before(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/anagrafe`;
    w = await startWorld({ personDirectory: httpDirectory({ url, timeoutMs: 200, token: 'segreto' }) });
    spec = await login(w.app, USERS.specialist.username);
  });
  after(async () => {
    await w.close();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  const send = (cf: string) =>
    spec.req({
      method: 'POST',
      url: '/api/cases',
      payload: { beneficiaryFiscalCode: cf, exemptionCode: '048', diagnosisCode: '174.9', issuedOn: today },
    });

  test('a person the service knows is brought in and the case takes their residence', async () => {
    const res = await send(KNOWN);
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().beneficiary.lastName, 'REMOTO');
    assert.equal(res.json().district.id, '010301-T1');
    assert.equal((await person(w, KNOWN))?.residence_asl_id, '010301');
  });

  test('unknown to the service: 400 PERSON_UNKNOWN', async () => {
    const res = await send(mefFiscalCode(778));
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().code, 'PERSON_UNKNOWN');
  });

  test('failing, slow or down: 503 «servizio anagrafe non disponibile», never «not found»; then back up', async () => {
    for (const m of ['fail', 'slow'] as const) {
      mode = m;
      const res = await send(PEOPLE.torino.fiscalCode);
      assert.equal(res.statusCode, 503, `${m}: ${res.body}`);
      assert.equal(res.json().code, 'DIRECTORY_UNAVAILABLE');
      assert.match(res.json().title, /Servizio anagrafe non disponibile/);
      assert.ok(res.headers['retry-after']);
    }
    mode = 'ok';
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    const down = await spec.req({ method: 'GET', url: `/api/people/${PEOPLE.torino.fiscalCode}` });
    assert.equal(down.statusCode, 503, down.body);
    const port = Number(new URL(url).port);
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    const before = asked;
    const back = await spec.req({ method: 'GET', url: `/api/people/${PEOPLE.torino.fiscalCode}` });
    assert.equal(back.statusCode, 200, back.body);
    assert.equal(asked, before + 1);
  });
});
