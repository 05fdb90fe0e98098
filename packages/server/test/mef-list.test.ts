/**
 * The MEF list import (issue 12 §2, docs/mef-list.md), on an injected clock, with lists of a few
 * thousand generated rows (bench/lib/mef-file.ts; the million rows are bench/mef-import.ts):
 * - a list loads "da elenco MEF" to 31 March of the following year, and the GP's registry check shows
 *   the source (MEF_LIST; ATTESTATO for a case, SELF_DECLARATION for a case with a declaration);
 * - loading the same file again changes nothing (idempotent);
 * - the next list ends the rows of people no longer on it (the day before) and notifies them (outbox →
 *   notification and mail, no condition named); a person listed again is reinstated;
 * - the progress row moves batch by batch; bad lines are rejected by number and reason, never content;
 * - one import at a time (409), a stale one is failed; an older list is refused (409);
 * - the upload route: ADMIN only, text/csv, 202 then DONE with its figures.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { isDomainError } from '@esenzioni/domain';
import { rows } from '../src/db/client.js';
import { processOutboxOnce } from '../src/jobs/outbox-worker.js';
import { beginMefImport, runMefImport } from '../src/services/income-mef/import-mef-list.js';
import { mefImportsIdle } from '../src/services/income-mef/mef-import-jobs.js';
import { mefCodeOf, mefFiscalCode, mefListText } from '../../../bench/lib/mef-file.js';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { newCase, PEOPLE, USERS } from './helpers/fixtures.js';

let now = new Date('2026-05-04T08:00:00Z');
const clock = () => now;
const DAY = 86_400_000;
let w: TestWorld;
let gp: Client;
let admin: Client;
let op: Client;

const LUCIA = PEOPLE.lucia.fiscalCode;
/** n generated rows from `offset`, plus extra lines */
const list = (n: number, offset = 0, extra = '', year = 2026) => mefListText(n, year, offset) + extra;

async function load(text: string, batchSize = 1000, onProgress?: Parameters<typeof runMefImport>[4]) {
  const input = {
    fileName: 'elenco.csv',
    totalBytes: Buffer.byteLength(text),
    startedBy: 'TEST',
    clock,
    batchSize,
  };
  const row = await beginMefImport(w.database.db, input);
  return {
    id: row.id,
    ...(await runMefImport(w.database.db, row.id, Readable.from([text]), input, onProgress)),
  };
}

const registry = async (fiscalCode: string, date: string) => {
  const res = await gp.req({
    method: 'GET',
    url: `/api/registry/exemptions?fiscalCode=${fiscalCode}&date=${date}`,
  });
  assert.equal(res.statusCode, 200, res.body);
  return (
    res.json() as {
      exemptions: Array<{
        code: string;
        source: string;
        validFrom: string;
        validUntil: string | null;
        caseNumber: string | null;
      }>;
    }
  ).exemptions;
};

const drain = async () => {
  while ((await processOutboxOnce(w.database.db)) > 0);
};

before(async () => {
  w = await startWorld({ clock, sessionIdleMs: 365 * DAY, sessionMaxMs: 365 * DAY });
  [gp, admin, op] = await Promise.all([
    login(w.app, USERS.gp.username),
    login(w.app, USERS.admin.username),
    login(w.app, USERS.opTorino.username),
  ]);
});
after(() => w.close());

describe('MEF list import', () => {
  test('loads "da elenco MEF" to 31 March of the following year; the registry shows the source', async () => {
    const r = await load(list(3000, 0, `${LUCIA};E01;2026\n`));
    assert.deepEqual(
      { year: r.year, rows: r.rowsRead, rejected: r.rejected, inserted: r.inserted, ended: r.ended },
      { year: 2026, rows: 3001, rejected: 0, inserted: 3001, ended: 0 },
    );
    const found = await registry(mefFiscalCode(7), '2026-05-04');
    assert.deepEqual(
      found.map((x) => ({
        code: x.code,
        source: x.source,
        from: x.validFrom,
        until: x.validUntil,
        n: x.caseNumber,
      })),
      [{ code: mefCodeOf(7), source: 'MEF_LIST', from: '2026-05-04', until: '2027-03-31', n: null }],
    );
    assert.equal((await registry(mefFiscalCode(7), '2027-04-01')).length, 0, 'not after 31 March');
  });

  test('the registry check tells a case (attestato) from a self-declaration', async () => {
    const n = await newCase(w.database.db, 'torino2', '048', now);
    const v = await op.req({ method: 'POST', url: `/api/cases/${n}/validate`, payload: {}, ifMatch: 1 });
    assert.equal(v.statusCode, 200, v.body);
    const sourceOf = async () =>
      (await registry(PEOPLE.torino2.fiscalCode, '2026-05-04')).find((x) => x.caseNumber === n)?.source;
    assert.equal(await sourceOf(), 'ATTESTATO');
    // the same case with a declaration under DPR 445/2000 (as issueDeclaredExemption writes it)
    await w.database.db.execute(sql`
      insert into self_declaration (case_id, code, asl_id, declared_at, declarant_fiscal_code, declarant_title, dpr445_accepted_at)
      select id, exemption_code, asl_id, now(), beneficiary_fiscal_code, 'SELF', now() from exemption_case where case_number = ${n}`);
    assert.equal(await sourceOf(), 'SELF_DECLARATION');
  });

  test('the same file again changes nothing (idempotent)', async () => {
    const before = await rows<{ n: number }>(
      w.database.db,
      sql`select count(*)::int as n from registry_exemption`,
    );
    const r = await load(list(3000, 0, `${LUCIA};E01;2026\n`));
    assert.deepEqual(
      {
        inserted: r.inserted,
        unchanged: r.unchanged,
        reinstated: r.reinstated,
        superseded: r.superseded,
        ended: r.ended,
      },
      { inserted: 0, unchanged: 3001, reinstated: 0, superseded: 0, ended: 0 },
    );
    const afterN = await rows<{ n: number }>(
      w.database.db,
      sql`select count(*)::int as n from registry_exemption`,
    );
    assert.equal(afterN[0]!.n, before[0]!.n);
    const outbox = await rows<{ n: number }>(
      w.database.db,
      sql`select count(*)::int as n from outbox where event_type = 'mef.exemption-ended'`,
    );
    assert.equal(outbox[0]!.n, 0);
  });

  test('the next list ends the rows of people no longer on it and notifies them; a person back is reinstated', async () => {
    now = new Date(now.getTime() + DAY); // 2026-05-05
    // people 0–499 and LUCIA are left out, 3000–3499 are new
    const r = await load(list(3000, 500));
    assert.deepEqual(
      { inserted: r.inserted, unchanged: r.unchanged, ended: r.ended },
      { inserted: 500, unchanged: 2500, ended: 501 },
    );
    // ended the day before the import: still answered for that day, not after
    assert.equal((await registry(LUCIA, '2026-05-04'))[0]?.source, 'MEF_LIST');
    assert.deepEqual(await registry(LUCIA, '2026-05-05'), []);
    assert.equal((await registry(mefFiscalCode(3), '2026-05-05')).length, 0);
    assert.equal((await registry(mefFiscalCode(600), '2026-05-05')).length, 1);
    await drain();
    const notes = await rows<{ kind: string; text: string; case_number: string | null }>(
      w.database.db,
      sql`select kind, text, case_number from notification where recipient_fiscal_code = ${LUCIA}`,
    );
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.kind, 'EXEMPTION_ENDED');
    assert.equal(notes[0]!.case_number, null);
    assert.match(notes[0]!.text, /elenco MEF 2026 è terminata il 04\/05\/2026/);
    const mails = await rows<{ to_address: string; subject: string; body: string }>(
      w.database.db,
      sql`select to_address, subject, body from mail_outbox where recipient_fiscal_code = ${LUCIA}`,
    );
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.to_address, PEOPLE.lucia.email);
    assert.doesNotMatch(mails[0]!.subject + mails[0]!.body, /E0[1-4]/, 'no code in the mail');
    // delivered once: a second drain writes nothing more
    await drain();
    const again = await rows<{ n: number }>(
      w.database.db,
      sql`select count(*)::int as n from notification where recipient_fiscal_code = ${LUCIA}`,
    );
    assert.equal(again[0]!.n, 1);

    // a corrected file of the same year lists LUCIA again: her row is reinstated, not duplicated
    now = new Date(now.getTime() + DAY); // 2026-05-06
    const back = await load(list(3000, 500, `${LUCIA};E01;2026\n`));
    assert.deepEqual(
      { reinstated: back.reinstated, inserted: back.inserted, ended: back.ended },
      {
        reinstated: 1,
        inserted: 0,
        ended: 0,
      },
    );
    assert.equal((await registry(LUCIA, '2026-05-06'))[0]?.validUntil, '2027-03-31');
  });

  test('the next year supersedes the older rows of people listed again; an older list is refused', async () => {
    now = new Date('2027-03-20T08:00:00Z');
    const r = await load(list(100, 500, '', 2027));
    assert.deepEqual({ inserted: r.inserted, superseded: r.superseded }, { inserted: 100, superseded: 100 });
    const rowsOf = await registry(mefFiscalCode(550), '2027-03-20');
    assert.deepEqual(
      rowsOf.map((x) => [x.validFrom, x.validUntil]),
      [['2027-03-20', '2028-03-31']],
      'one row in force: the new year',
    );
    await assert.rejects(load(list(10, 0)), (e) => isDomainError(e) && e.code === 'MEF_LIST_OUTDATED');
    const [failed] = await rows<{ status: string; error: string }>(
      w.database.db,
      sql`select status, error from mef_import order by id desc limit 1`,
    );
    assert.equal(failed!.status, 'FAILED');
    assert.match(failed!.error, /già stato caricato l'elenco 2027/);
    const staged = await rows<{ n: number }>(w.database.db, sql`select count(*)::int as n from mef_list_row`);
    assert.equal(staged[0]!.n, 0, 'the staging table is emptied');
  });

  test('progress moves batch by batch; bad lines are rejected by number and reason', async () => {
    const seen: Array<{ rows: number; stored: number; phase: string }> = [];
    const bad = `XXXXXXXXXXXXXXXX;E01;2027\n${mefFiscalCode(1)};E02;2027\n${mefFiscalCode(2)};E01;2026\n${mefFiscalCode(3)};E01\n`;
    const text = mefListText(2500, 2027, 10_000) + bad;
    const r = await load(text, 500, (p) => {
      seen.push({ rows: p.rowsRead, stored: 0, phase: p.phase });
    });
    assert.equal(r.rejected, 4);
    assert.equal(r.inserted, 2500);
    const loading = seen.filter((s) => s.phase === 'LOADING').map((s) => s.rows);
    assert.ok(loading.length >= 5, `one step per batch of 500: ${loading.join(',')}`);
    assert.deepEqual(
      [...loading].sort((a, b) => a - b),
      loading,
      'increasing',
    );
    const [row] = await rows<{
      status: string;
      rows_read: number;
      rows_rejected: number;
      rejected_sample: unknown;
    }>(
      w.database.db,
      sql`select status, rows_read, rows_rejected, rejected_sample from mef_import where id = ${r.id}`,
    );
    assert.equal(row!.status, 'DONE');
    assert.equal(row!.rows_read, 2504);
    assert.deepEqual(row!.rejected_sample, [
      { line: 2502, reason: 'codice fiscale non valido' },
      { line: 2503, reason: "codice esenzione non previsto nell'elenco MEF (ammessi: E01, E03, E04)" },
      { line: 2504, reason: "anno diverso da quello dell'elenco (2027)" },
      { line: 2505, reason: 'la riga deve avere tre campi: codice fiscale, codice esenzione, anno' },
    ]);
    assert.doesNotMatch(
      JSON.stringify(row!.rejected_sample),
      /[A-Z]{6}\d{2}/,
      'no fiscal code in the record',
    );
  });

  test('one import at a time; an import left by a stopped process is failed after 10 minutes', async () => {
    const input = { fileName: 'a.csv', totalBytes: 10, startedBy: 'TEST', clock };
    const first = await beginMefImport(w.database.db, input);
    await assert.rejects(
      beginMefImport(w.database.db, input),
      (e) => isDomainError(e) && e.code === 'MEF_IMPORT_BUSY',
    );
    now = new Date(now.getTime() + 11 * 60_000);
    const second = await beginMefImport(w.database.db, input);
    const [old] = await rows<{ status: string }>(
      w.database.db,
      sql`select status from mef_import where id = ${first.id}`,
    );
    assert.equal(old!.status, 'FAILED');
    // a file without the header fails the import with the reason
    await assert.rejects(runMefImport(w.database.db, second.id, Readable.from(['RSS;E01;2027\n']), input));
    const [failed] = await rows<{ status: string; error: string }>(
      w.database.db,
      sql`select status, error from mef_import where id = ${second.id}`,
    );
    assert.equal(failed!.status, 'FAILED');
    assert.match(failed!.error, /Intestazione non valida/);
  });
});

describe('upload route /api/admin/mef-imports', () => {
  const upload = (c: Client, body: string, contentType = 'text/csv') =>
    c.req({
      method: 'POST',
      url: '/api/admin/mef-imports?fileName=elenco-2027.csv',
      headers: { 'content-type': contentType },
      payload: body,
    });

  test('ADMIN only; text/csv only', async () => {
    assert.equal((await upload(gp, list(5, 0, '', 2027))).statusCode, 403);
    assert.equal((await upload(op, list(5, 0, '', 2027))).statusCode, 403);
    const json = await admin.req({ method: 'POST', url: '/api/admin/mef-imports', payload: { a: 1 } });
    assert.equal(json.statusCode, 415, json.body);
    assert.equal((await gp.req({ method: 'GET', url: '/api/admin/mef-imports' })).statusCode, 403);
    assert.equal((await admin.req({ method: 'GET', url: '/api/admin/mef-imports/999999' })).statusCode, 404);
    assert.equal((await admin.req({ method: 'GET', url: '/api/admin/mef-imports/abc' })).statusCode, 400);
  });

  test('answers 202 at once, then the import runs to DONE with its figures', async () => {
    now = new Date(now.getTime() + DAY);
    const text = mefListText(2000, 2027, 20_000);
    const res = await upload(admin, text);
    assert.equal(res.statusCode, 202, res.body);
    const started = res.json() as { id: string; status: string; fileName: string };
    assert.equal(started.status, 'LOADING');
    assert.equal(started.fileName, 'elenco-2027.csv');
    await mefImportsIdle();
    const done = await admin.req({ method: 'GET', url: `/api/admin/mef-imports/${started.id}` });
    assert.equal(done.statusCode, 200);
    const v = done.json() as {
      status: string;
      percent: number;
      rowsRead: number;
      inserted: number;
      listYear: number;
    };
    assert.deepEqual(
      { status: v.status, percent: v.percent, rows: v.rowsRead, inserted: v.inserted, year: v.listYear },
      { status: 'DONE', percent: 100, rows: 2000, inserted: 2000, year: 2027 },
    );
    const list = (await admin.req({ method: 'GET', url: '/api/admin/mef-imports' })).json() as {
      items: Array<{ id: string }>;
    };
    assert.equal(list.items[0]?.id, started.id);
  });
});
