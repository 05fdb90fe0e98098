import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { countRows, newCase, PEOPLE } from './helpers/fixtures.js';
import { todayInRome } from '@esenzioni/domain';

let w: TestWorld;
let op: Client;
const cases: Record<string, string> = {};

before(async () => {
  w = await startWorld();
  const db = w.database.db;
  cases.t1 = await newCase(db, 'torino', '048', new Date('2025-03-10T09:00:00Z'));
  cases.t2 = await newCase(db, 'torino2', '013.250', new Date('2025-04-15T09:00:00Z'));
  cases.t3 = await newCase(db, 'torino', '054.720.0', new Date('2025-05-20T09:00:00Z'));
  cases.t4 = await newCase(db, 'torino2', '026.252.0', new Date('2025-06-01T09:00:00Z'));
  cases.t5 = await newCase(db, 'torino', '044.296.0', new Date('2025-06-02T09:00:00Z'));
  cases.bra = await newCase(db, 'bra', '048');
  cases.alba = await newCase(db, 'alba', '048');
  op = await login(w.app, 'op.torino');
});
after(() => w.close());

const detail = (c: Client, n: string) => c.req({ method: 'GET', url: `/api/cases/${n}` });
const act = (c: Client, n: string, action: string, version: number | undefined, payload: object = {}) =>
  c.req({
    method: 'POST',
    url: `/api/cases/${n}/${action}`,
    payload,
    ...(version === undefined ? {} : { ifMatch: version }),
  });

describe('search (Pratiche da fare / Pratiche chiuse)', () => {
  test('the todo view of one ASL lists its open cases, oldest first, and nothing of other ASLs', async () => {
    const res = await op.req({ method: 'GET', url: '/api/cases?view=todo' });
    assert.equal(res.statusCode, 200);
    const b = res.json();
    assert.equal(b.total, 5);
    assert.deepEqual(
      b.items.map((i: { caseNumber: string }) => i.caseNumber),
      [cases.t1, cases.t2, cases.t3, cases.t4, cases.t5],
    );
    const first = b.items[0];
    assert.equal(first.asl.id, '010301');
    assert.equal(first.beneficiary.lastName, 'ROSSI');
    assert.equal(first.submitter.type, 'DOCTOR');
    assert.equal(first.status, 'SUBMITTED');
    assert.match(cases.t1!, /^\d{4}010301\d{8}$/);
  });

  test('filters: status, code (base code matches sub-codes), date range, surname prefix without accents, name, fiscal code', async () => {
    const q = async (qs: string) =>
      (await op.req({ method: 'GET', url: `/api/cases?${qs}` }))
        .json()
        .items.map((i: { caseNumber: string }) => i.caseNumber);
    assert.deepEqual(await q('exemptionCode=013'), [cases.t2]);
    assert.deepEqual(await q('exemptionCode=048'), [cases.t1]);
    assert.deepEqual(await q('createdFrom=2025-04-01&createdTo=2025-05-31'), [cases.t2, cases.t3]);
    assert.deepEqual(await q('lastName=tr%C3%A8nta'), [cases.t2, cases.t4]);
    assert.deepEqual(await q('firstName=mar&lastName=ros'), [cases.t1, cases.t3, cases.t5]);
    assert.deepEqual(await q(`fiscalCode=${PEOPLE.torino2.fiscalCode.toLowerCase()}`), [cases.t2, cases.t4]);
    assert.deepEqual(await q('status=IN_PROGRESS'), []);
    // «Tipo di esenzione» (issue 17 §1): all five are chronic conditions
    assert.equal((await q('family=CHRONIC')).length, 5);
    assert.deepEqual(await q('family=RARE'), []);
    const bad = await op.req({ method: 'GET', url: '/api/cases?family=ALTRO' });
    assert.equal(bad.statusCode, 400);
  });

  test('pagination: page size, page, total; counting stops past the cap', async () => {
    const p2 = (await op.req({ method: 'GET', url: '/api/cases?pageSize=2&page=2' })).json();
    assert.equal(p2.total, 5);
    assert.equal(p2.totalExact, true);
    const { countCases, searchConditions } = await import('../src/db/repositories/cases.js');
    const { caseScope } = await import('../src/db/repositories/scope.js');
    const where = searchConditions(
      caseScope({
        userId: 1,
        apiKeyId: null,
        fiscalCode: 'X',
        role: 'DISTRICT_OPERATOR',
        aslId: '010301',
        districtId: null,
      }),
      {
        view: 'todo',
        page: 1,
        pageSize: 20,
      },
    );
    assert.equal(await countCases(w.database.db, where, 2), 3, 'counts cap + 1 at most');
    assert.equal(await countCases(w.database.db, where, 100), 5);
    assert.equal(p2.page, 2);
    assert.deepEqual(
      p2.items.map((i: { caseNumber: string }) => i.caseNumber),
      [cases.t3, cases.t4],
    );
  });

  test('bad input is a 400 with an Italian message naming the field', async () => {
    const bad: Array<[string, string]> = [
      ['fiscalCode=RSSMRA80A01L219X', 'fiscalCode'],
      ['fiscalCode=RSSMRA80', 'fiscalCode'],
      ['createdFrom=2025-06-01&createdTo=2025-05-01', 'createdFrom'],
      ['createdFrom=2025-13-01', 'createdFrom'],
      ['createdTo=01/02/2025', 'createdTo'],
      ['pageSize=101', 'pageSize'],
      ['view=everything', 'view'],
    ];
    for (const [qs, field] of bad) {
      const res = await op.req({ method: 'GET', url: `/api/cases?${qs}` });
      assert.equal(res.statusCode, 400, qs);
      const b = res.json();
      assert.equal(b.code, 'VALIDATION_FAILED');
      assert.ok(
        b.issues.some((i: { field: string }) => i.field === field),
        `${qs}: ${JSON.stringify(b.issues)}`,
      );
    }
    for (const url of ['/api/cases?exemptionCode=ZZZ999', '/api/cases/export.csv?exemptionCode=ZZZ999']) {
      const unknownCode = await op.req({ method: 'GET', url });
      assert.equal(unknownCode.statusCode, 400, url);
      assert.equal(unknownCode.json().code, 'EXEMPTION_CODE_UNKNOWN');
    }
    // a known code that matches nothing is an empty result, not an error
    const known = await op.req({ method: 'GET', url: '/api/cases?exemptionCode=RF0100' });
    assert.equal(known.statusCode, 200);
    assert.equal(known.json().total, 0);
    // LIKE wildcards typed by the user are characters, not patterns
    assert.equal((await op.req({ method: 'GET', url: '/api/cases?lastName=%25' })).json().total, 0);
    assert.equal((await op.req({ method: 'GET', url: '/api/cases?lastName=_' })).json().total, 0);
  });

  test('CSV export: BOM, semicolons, neutralised formulas, audited', async () => {
    const before = await countRows(w.database.db, 'access_log', "action = 'EXPORT'");
    const res = await op.req({ method: 'GET', url: '/api/cases/export.csv?view=todo' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/csv/);
    assert.ok(res.body.startsWith('\uFEFFN. Pratica;ASL;'));
    assert.equal(res.body.trim().split('\r\n').length, 6);
    assert.equal(await countRows(w.database.db, 'access_log', "action = 'EXPORT'"), before + 5);
    const { csvCell } = await import('../src/services/cases/export-cases.js');
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-1;2'), `"'-1;2"`);
    assert.equal(csvCell('@SUM'), "'@SUM");
  });
});

describe('detail, history and the life-cycle', () => {
  test('detail has the ETag, the catalogue description and the certificate; history starts with the submission', async () => {
    const res = await detail(op, cases.t3!);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers.etag, '"1"');
    const d = res.json();
    assert.equal(d.exemption.code, '054.720.0');
    assert.match(d.exemption.description, /SPONDILITE/);
    assert.equal(d.family, 'CHRONIC');
    assert.equal(d.certificate.available, true);
    const h = (await op.req({ method: 'GET', url: `/api/cases/${cases.t3}/history` })).json();
    assert.equal(h.items.length, 1);
    assert.equal(h.items[0].status, 'SUBMITTED');
    assert.equal(h.items[0].actor.role, 'SPECIALIST');
  });

  test('take charge needs If-Match (428), refuses a stale version (412), then moves to IN_PROGRESS with a history row', async () => {
    const n = cases.t1!;
    assert.equal((await act(op, n, 'take-charge', undefined)).statusCode, 428);
    const stale = await act(op, n, 'take-charge', 7);
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.json().code, 'VERSION_CONFLICT');
    assert.equal(stale.json().currentStatus, 'SUBMITTED');
    const ok = await act(op, n, 'take-charge', 1, { internalNote: 'Verificare il certificato' });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers.etag, '"2"');
    assert.equal(ok.json().status, 'IN_PROGRESS');
    assert.equal(ok.json().internalNote, 'Verificare il certificato');
    const again = await act(op, n, 'take-charge', 2);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'TRANSITION_NOT_ALLOWED');
    assert.equal(again.json().currentStatus, 'IN_PROGRESS');
    assert.equal(again.json().lastChange.actorFiscalCode, 'LBRCRD53H10D205E');
    const h = (await op.req({ method: 'GET', url: `/api/cases/${n}/history` })).json().items;
    assert.deepEqual(
      h.map((i: { status: string }) => i.status),
      ['SUBMITTED', 'IN_PROGRESS'],
    );
    assert.equal(h[1].internalNote, 'Verificare il certificato');
    assert.equal(h[1].actor.role, 'DISTRICT_OPERATOR');
  });

  test('validate in two steps issues the exemption, visible at once in the registry lookup', async () => {
    const n = cases.t1!;
    const v = await act(op, n, 'validate', 2, { beneficiaryNote: 'Esenzione rilasciata' });
    assert.equal(v.statusCode, 200);
    const d = v.json();
    assert.equal(d.status, 'VALIDATED');
    assert.equal(d.validFrom, todayInRome());
    assert.equal(d.validUntil, null);
    const gp = await login(w.app, 'gp');
    const reg = await gp.req({
      method: 'GET',
      url: `/api/registry/exemptions?fiscalCode=${PEOPLE.torino.fiscalCode}`,
    });
    assert.equal(reg.statusCode, 200);
    const r = reg.json();
    assert.equal(r.date, todayInRome());
    assert.deepEqual(
      r.exemptions.map((e: { code: string; caseNumber: string }) => [e.code, e.caseNumber]),
      [['048', n]],
    );
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const past = (
      await gp.req({
        method: 'GET',
        url: `/api/registry/exemptions?fiscalCode=${PEOPLE.torino.fiscalCode}&date=${yesterday}`,
      })
    ).json();
    assert.equal(past.exemptions.length, 0);
    const closed = (await op.req({ method: 'GET', url: '/api/cases?view=closed' })).json();
    assert.deepEqual(
      closed.items.map((i: { caseNumber: string }) => i.caseNumber),
      [n],
    );
  });

  test('validate from INVIATA in one step records the take-charge and the validation', async () => {
    const n = cases.t2!;
    const v = await act(op, n, 'validate', 1);
    assert.equal(v.statusCode, 200);
    const h = (await op.req({ method: 'GET', url: `/api/cases/${n}/history` })).json().items;
    assert.deepEqual(
      h.map((i: { status: string }) => i.status),
      ['SUBMITTED', 'IN_PROGRESS', 'VALIDATED'],
    );
    assert.equal(
      await countRows(
        w.database.db,
        'registry_exemption',
        `case_id = (select id from exemption_case where case_number = '${n}')`,
      ),
      1,
    );
  });

  test('reject needs exactly one known reason; the reason is stored, and a final case accepts nothing more', async () => {
    const n = cases.t3!;
    const noReason = await act(op, n, 'reject', 1, {});
    assert.equal(noReason.statusCode, 400);
    assert.ok(noReason.json().issues.some((i: { field: string }) => i.field === 'reason'));
    const badReason = await act(op, n, 'reject', 1, { reason: 'BECAUSE' });
    assert.equal(badReason.statusCode, 400);
    const ok = await act(op, n, 'reject', 1, {
      reason: 'INSUFFICIENT_REQUIREMENTS',
      beneficiaryNote: 'Manca il certificato aggiornato',
    });
    assert.equal(ok.statusCode, 200);
    const d = ok.json();
    assert.equal(d.status, 'REJECTED');
    assert.equal(d.rejection.reason, 'INSUFFICIENT_REQUIREMENTS');
    for (const a of ['take-charge', 'validate', 'notes']) {
      const r = await act(op, n, a, 2, { internalNote: 'x' });
      assert.equal(r.statusCode, 409, a);
      assert.equal(r.json().currentStatus, 'REJECTED');
    }
    assert.equal((await act(op, n, 'reject', 2, { reason: 'OTHER' })).statusCode, 409);
  });

  test('notes: at least one, at most 2,000 characters; saved on the case and in the history', async () => {
    const n = cases.t4!;
    assert.equal((await act(op, n, 'notes', 1, {})).statusCode, 400);
    const long = await act(op, n, 'notes', 1, { internalNote: 'x'.repeat(2001) });
    assert.equal(long.statusCode, 400);
    assert.ok(long.json().issues.some((i: { field: string }) => i.field === 'internalNote'));
    const ok = await act(op, n, 'notes', 1, {
      beneficiaryNote: 'NOTA VISIBILE AL CITTADINO',
      internalNote: 'NOTA INTERNA',
    });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().status, 'SUBMITTED');
    assert.equal(ok.json().version, 2);
    const h = (await op.req({ method: 'GET', url: `/api/cases/${n}/history` })).json().items;
    assert.equal(h.at(-1).beneficiaryNote, 'NOTA VISIBILE AL CITTADINO');
    assert.equal(h.at(-1).internalNote, 'NOTA INTERNA');
  });

  test('the certificate downloads with its content type and disposition', async () => {
    const res = await op.req({ method: 'GET', url: `/api/cases/${cases.t5}/certificate` });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(String(res.headers['content-disposition']), /attachment; filename="certificato.pdf"/);
    assert.ok(res.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')));
    assert.equal(
      (await op.req({ method: 'GET', url: `/api/cases/${cases.t5}/attachments/1` })).statusCode,
      404,
    );
  });
});

describe('ASL and district isolation', () => {
  const endpoints = (n: string): Array<[string, string, object?]> => [
    ['GET', `/api/cases/${n}`],
    ['GET', `/api/cases/${n}/history`],
    ['GET', `/api/cases/${n}/certificate`],
    ['GET', `/api/cases/${n}/attachments/1`],
    ['POST', `/api/cases/${n}/take-charge`, {}],
    ['POST', `/api/cases/${n}/validate`, {}],
    ['POST', `/api/cases/${n}/reject`, { reason: 'OTHER' }],
    ['POST', `/api/cases/${n}/notes`, { internalNote: 'x' }],
  ];

  test('a case of another ASL answers 404 on every case endpoint, as if it did not exist', async () => {
    for (const [method, url, payload] of endpoints(cases.bra!)) {
      const res = await op.req({ method: method as 'GET', url, ifMatch: 1, ...(payload ? { payload } : {}) });
      assert.equal(res.statusCode, 404, `${method} ${url}`);
      assert.equal(res.json().code, 'CASE_NOT_FOUND');
    }
    const list = (
      await op.req({ method: 'GET', url: `/api/cases?fiscalCode=${PEOPLE.bra.fiscalCode}` })
    ).json();
    assert.equal(list.total, 0);
  });

  test('an operator of the Bra district sees Bra and not Alba; an ASL-wide operator of CN2 sees both', async () => {
    const bra = await login(w.app, 'op.bra');
    for (const [method, url, payload] of endpoints(cases.alba!)) {
      const res = await bra.req({
        method: method as 'GET',
        url,
        ifMatch: 1,
        ...(payload ? { payload } : {}),
      });
      assert.equal(res.statusCode, 404, `${method} ${url}`);
    }
    assert.deepEqual(
      (await bra.req({ method: 'GET', url: '/api/cases' }))
        .json()
        .items.map((i: { caseNumber: string }) => i.caseNumber),
      [cases.bra],
    );
    assert.equal((await detail(bra, cases.bra!)).statusCode, 200);
    const cn2 = await login(w.app, 'op.cn2');
    assert.equal((await cn2.req({ method: 'GET', url: '/api/cases' })).json().total, 2);
  });

  test('a GP cannot search cases; an operator cannot read the citizen access log', async () => {
    const gp = await login(w.app, 'gp');
    assert.equal((await gp.req({ method: 'GET', url: '/api/cases' })).statusCode, 403);
    assert.equal((await op.req({ method: 'GET', url: '/api/me/access-log' })).statusCode, 403);
  });
});

describe('the detail in one statement', () => {
  test('names ASL and district, tells the services (standard sentence, or not loaded with the examples in catalogue order), and the documents', async () => {
    const db = w.database.db;
    const { rows } = await import('../src/db/client.js');
    const { sql } = await import('drizzle-orm');
    const servicesOf = async (code: string) =>
      (
        await rows<{ description: string }>(
          db,
          sql`select description from exempt_service where exemption_code = ${code} order by position, id`,
        )
      ).map((r) => r.description);
    // 048 (and its sub-codes) covers every appropriate service: the standard sentence, no list (issue 12 §8)
    const sub = await detail(op, await newCase(db, 'torino', '048.191.1'));
    assert.equal(sub.statusCode, 200);
    const d = sub.json();
    assert.equal(d.asl.name, "ASL CITTA' DI TORINO");
    assert.equal(d.district?.id ?? null, PEOPLE.torino.districtId ?? null);
    assert.equal(d.services.kind, 'STANDARD');
    assert.match(d.services.sentence, /^Tutte le prestazioni appropriate/);
    assert.deepEqual(d.exemptServices, []);
    assert.deepEqual(d.attachments, []);
    assert.equal(d.certificate.available, true);
    // a code whose list is not loaded says so, and shows the manual's examples in the catalogue's order
    const many = (await detail(op, await newCase(db, 'torino2', '044'))).json();
    assert.equal(many.services.kind, 'NOT_LOADED');
    const expected = await servicesOf('044');
    assert.ok(expected.length >= 2);
    assert.deepEqual(
      many.exemptServices.map((s: { description: string }) => s.description),
      expected,
    );
  });
});

describe('the command routes are the catalogue', () => {
  test('POST /api/cases/{caseNumber}/<path> exists for exactly the commands of the catalogue, with their summaries', async () => {
    const { CASE_COMMAND_ENTRIES } = await import('@esenzioni/domain');
    const doc = (await w.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, { summary?: string }>>;
    };
    const prefix = '/api/cases/{caseNumber}/';
    const commandRoutes = Object.entries(doc.paths)
      .filter(([p, ops]) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/') && ops.post)
      .map(([p, ops]) => [p.slice(prefix.length), ops.post!.summary])
      // the renewal sends a new case (routes/cases/submission.ts): not a command on this one
      .filter(([segment]) => segment !== 'renew');
    assert.deepEqual(commandRoutes.sort(), CASE_COMMAND_ENTRIES.map((e) => [e.path, e.summary]).sort());
    // the citizen's cancel: the same path segment under /api/me
    assert.ok(doc.paths['/api/me/cases/{caseNumber}/cancel']?.post);
    assert.ok(
      doc.paths['/api/cases/{caseNumber}/renew']?.post && doc.paths['/api/me/cases/{caseNumber}/renew']?.post,
    );
  });
});

describe('«Correggi diagnosi» (issue 17 §2)', () => {
  test('the district sets the diagnosis and the code it needs on an open case; the cronologia records it; the rules hold', async () => {
    const n = await newCase(w.database.db, 'torino', '048');
    const send = (payload: object, version: number) =>
      op.req({ method: 'POST', url: `/api/cases/${n}/diagnosis`, payload, ifMatch: version });
    // a diagnosis outside the code's range is refused, nothing written
    const wrong = await send({ diagnosisCode: '250.00' }, 1);
    assert.equal(wrong.statusCode, 400, wrong.body);
    assert.equal(wrong.json().code, 'EXEMPTION_DIAGNOSIS_MISMATCH');
    // diabetes with its sub-code: the case now carries both, the state is unchanged
    const ok = await send(
      { diagnosisCode: '250.00', exemptionCode: '013.250', internalNote: 'Da certificato' },
      1,
    );
    assert.equal(ok.statusCode, 200, ok.body);
    const d = ok.json();
    assert.equal(d.status, 'SUBMITTED');
    assert.equal(d.diagnosis.code, '250.00');
    assert.equal(d.exemption.code, '013.250');
    assert.equal(d.version, 2);
    const history = (await op.req({ method: 'GET', url: `/api/cases/${n}/history` })).json().items as {
      internalNote: string | null;
    }[];
    assert.match(
      history.at(-1)?.internalNote ?? '',
      /^Corretti da distretto: diagnosi non indicata → 250\.00; codice 048 → 013\.250\. Da certificato$/,
    );
    // a code of another family is not a correction
    const income = await send({ diagnosisCode: '250.00', exemptionCode: 'E01' }, 2);
    assert.equal(income.statusCode, 400, income.body);
    // a stale version is a conflict
    assert.equal((await send({ diagnosisCode: '250.01' }, 1)).statusCode, 412);
  });
});
