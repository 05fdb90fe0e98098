/**
 * What a citizen reads of their own case on GET /api/cases/:n (and /api/me/cases/:n): the detail an
 * operator reads, less the internal note, the coded rejection reason, who acted last (an operator's
 * fiscal code) and the fiscal code of the doctor or counter operator who sent it (read-case.ts,
 * forCitizen). Everything else is the same as the operator's view.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCase } from '../src/services/cases/create-case.js';
import { login, type Client, type TestWorld, startWorld } from './helpers/app.js';
import { newCase, PDF_BYTES, PEOPLE, SPECIALIST_CF, USERS } from './helpers/fixtures.js';

let w: TestWorld;
let citizen: Client; // PEOPLE.torino
let op: Client;
const n = { rejected: '', inProgress: '', atCounter: '' };
const OPERATOR_CF = USERS.opTorino.fiscalCode;
const COUNTER_CF = USERS.counter.fiscalCode;
const INTERNAL = 'NOTA-INTERNA-operatore';
const REASON = 'INSUFFICIENT_DOCUMENTATION';

const act = (path: string, version: number, payload: object) =>
  op.req({ method: 'POST', url: `/api/cases/${path}`, payload, ifMatch: version }).then((r) => {
    assert.equal(r.statusCode, 200, r.body);
  });

before(async () => {
  w = await startWorld();
  [citizen, op] = await Promise.all([login(w.app, USERS.citizen.username), login(w.app, 'op.torino')]);
  const db = w.database.db;
  // sent by a doctor, taken in charge and rejected with notes and a coded reason
  n.rejected = await newCase(db, 'torino');
  await act(`${n.rejected}/take-charge`, 1, { internalNote: `${INTERNAL} 1` });
  await act(`${n.rejected}/reject`, 2, {
    reason: REASON,
    beneficiaryNote: 'Portare il referto degli esami.',
    internalNote: `${INTERNAL} 2`,
  });
  // in progress, with an internal note
  n.inProgress = await newCase(db, 'torino', '013.250');
  await act(`${n.inProgress}/take-charge`, 1, { internalNote: `${INTERNAL} 3` });
  // entered at the counter by an administrative operator
  n.atCounter = await db.transaction(
    async (tx) =>
      (
        await createCase(tx, {
          beneficiaryFiscalCode: PEOPLE.torino.fiscalCode,
          exemptionCode: '026.252.0',
          submitterType: 'OPERATOR',
          submitterFiscalCode: COUNTER_CF,
          submitterRole: 'ADMIN_OPERATOR',
          internalNote: `${INTERNAL} 4`,
          documents: [
            { kind: 'CERTIFICATE', fileName: 'c.pdf', contentType: 'application/pdf', bytes: PDF_BYTES },
          ],
        })
      ).caseNumber,
  );
});
after(() => w.close());

type Detail = Record<string, unknown> & {
  internalNote: string | null;
  rejection: { reason: string } | null;
  lastChange: { actorFiscalCode: string } | null;
  submitter: { type: string; fiscalCode: string | null; structure?: string };
  beneficiaryNote: string | null;
  handling: {
    sender: { name: string | null; structure: string | null };
    certificate: { issuedOn: string; issuedHere: boolean } | null;
    inCharge: { fiscalCode: string; name: string | null; since: string } | null;
  } | null;
};

const read = async (c: Client, url: string): Promise<{ body: string; detail: Detail }> => {
  const res = await c.req({ method: 'GET', url });
  assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
  return { body: res.body, detail: res.json() as Detail };
};

/** The fields forCitizen blanks; the rest must be the operator's view unchanged. */
const REDACTED = [
  'internalNote',
  'beneficiaryNoteBy',
  'rejection',
  'lastChange',
  'submitter',
  'beneficiaryNote',
  'handling',
] as const;
const rest = (d: Detail) =>
  Object.fromEntries(Object.entries(d).filter(([k]) => !(REDACTED as readonly string[]).includes(k)));

/** Nothing staff-only anywhere in the answer, whatever field it might hide in. */
const assertNothingInternal = (url: string, body: string) => {
  for (const secret of [OPERATOR_CF, COUNTER_CF, SPECIALIST_CF, INTERNAL, REASON])
    assert.ok(!body.includes(secret), `${url} tells the citizen ${secret}: ${body}`);
};

describe('a citizen reading their own case', () => {
  test('the operator reads everything: internal note, coded reason, who acted last, the sender (the control)', async () => {
    const { detail } = await read(op, `/api/cases/${n.rejected}`);
    assert.equal(detail.internalNote, `${INTERNAL} 2`);
    assert.equal(detail.rejection?.reason, REASON);
    assert.equal(detail.lastChange?.actorFiscalCode, OPERATOR_CF);
    assert.deepEqual(detail.submitter, { type: 'DOCTOR', fiscalCode: SPECIALIST_CF });
  });

  for (const route of ['/api/cases', '/api/me/cases'])
    test(`${route}/:n of a rejected case sent by a doctor: no note (the doctor's, manual §4), coded reason or operator`, async () => {
      const url = `${route}/${n.rejected}`;
      const { body, detail } = await read(citizen, url);
      assertNothingInternal(url, body);
      assert.equal(detail.status, 'REJECTED');
      // the Nota Beneficiario reaches the citizen only on a case the citizen or a delegate sent (issue 11)
      assert.equal(detail.beneficiaryNote, null);
      assert.equal(detail.internalNote, null);
      assert.equal(detail.rejection, null);
      assert.equal(detail.lastChange, null);
      assert.deepEqual(detail.submitter, { type: 'DOCTOR', fiscalCode: null });
      const staff = await read(op, `/api/cases/${n.rejected}`);
      assert.deepEqual(rest(detail), rest(staff.detail), 'the rest is what the operator reads');
    });

  test('a case in progress: its internal note and the operator who took it are not shown', async () => {
    const url = `/api/cases/${n.inProgress}`;
    const { body, detail } = await read(citizen, url);
    assertNothingInternal(url, body);
    assert.equal(detail.status, 'IN_PROGRESS');
    assert.equal(detail.internalNote, null);
    assert.equal(detail.lastChange, null);
    assert.equal((await read(op, url)).detail.lastChange?.actorFiscalCode, OPERATOR_CF);
  });

  test('the operator reads who sent it, its certificate and who has it in charge since when (issue 17 §1); the citizen none of it', async () => {
    const url = `/api/cases/${n.inProgress}`;
    const staff = (await read(op, url)).detail;
    assert.equal(staff.handling?.inCharge?.fiscalCode, OPERATOR_CF);
    assert.ok(staff.handling?.inCharge?.name, 'the operator is named');
    assert.match(staff.handling?.inCharge?.since ?? '', /^\d{4}-\d{2}-\d{2}T/);
    const counter = (await read(op, `/api/cases/${n.atCounter}`)).detail;
    assert.equal(counter.handling?.sender.structure, "ASL CITTA' DI TORINO");
    assert.ok(counter.handling?.sender.name, 'the counter operator is named');
    assert.equal(counter.handling?.inCharge, null, 'nobody has a case that was not taken in charge');
    for (const n2 of [n.inProgress, n.atCounter])
      assert.equal((await read(citizen, `/api/cases/${n2}`)).detail.handling, null);
  });

  test('a case entered at the counter names the counter, not the operator', async () => {
    const url = `/api/cases/${n.atCounter}`;
    const { body, detail } = await read(citizen, url);
    assertNothingInternal(url, body);
    assert.deepEqual(detail.submitter, {
      type: 'OPERATOR',
      fiscalCode: null,
      structure: "Sportello ASL CITTA' DI TORINO",
    });
    assert.equal(detail.internalNote, null);
    assert.equal((await read(op, url)).detail.submitter.fiscalCode, COUNTER_CF);
  });

  test('the cronologia, which names every actor and internal note, is staff only (403)', async () => {
    const res = await citizen.req({ method: 'GET', url: `/api/cases/${n.rejected}/history` });
    assert.equal(res.statusCode, 403, res.body);
    assertNothingInternal('history', res.body);
  });
});
