/**
 * Rules the operators' manual states (issue 11 §6):
 * - the Nota Beneficiario reaches the citizen only on a case the citizen or a delegate sent (§4);
 * - a pathology (CHRONIC) or rare-disease (RARE) case is not validated without a certificate: 409
 *   CERTIFICATE_MISSING, nothing written;
 * - the specialist and the counter cancel a case they sent only while it is INVIATA; the beneficiary
 *   may withdraw it while it is open;
 * - a state filter that does not belong to the chosen tab is a 400 on the `status` field.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCase, type NewDocument } from '../src/services/cases/create-case.js';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { countRows, newCase, PDF_BYTES, PEOPLE, USERS } from './helpers/fixtures.js';

let w: TestWorld;
let op: Client;
let citizen: Client; // PEOPLE.torino
let spec: Client;
let counter: Client;

const CERTIFICATE: NewDocument = {
  kind: 'CERTIFICATE',
  fileName: 'certificato.pdf',
  contentType: 'application/pdf',
  bytes: PDF_BYTES,
};
const ATTACHMENT: NewDocument = { ...CERTIFICATE, kind: 'ATTACHMENT', fileName: 'allegato.pdf' };

type Sender = 'CITIZEN' | 'DELEGATE' | 'DOCTOR' | 'OPERATOR';
const SENDER_OF: Record<Sender, { fiscalCode: string; role: 'CITIZEN' | 'SPECIALIST' | 'ADMIN_OPERATOR' }> = {
  CITIZEN: { fiscalCode: PEOPLE.torino.fiscalCode, role: 'CITIZEN' },
  DELEGATE: { fiscalCode: USERS.lucia.fiscalCode, role: 'CITIZEN' },
  DOCTOR: { fiscalCode: USERS.specialist.fiscalCode, role: 'SPECIALIST' },
  OPERATOR: { fiscalCode: USERS.counter.fiscalCode, role: 'ADMIN_OPERATOR' },
};

/** A SUBMITTED case of PEOPLE.torino sent by `sender`, with `documents`. */
const caseOf = (sender: Sender, exemptionCode: string, documents: NewDocument[] = [CERTIFICATE]) =>
  w.database.db.transaction(
    async (tx) =>
      (
        await createCase(tx, {
          beneficiaryFiscalCode: PEOPLE.torino.fiscalCode,
          exemptionCode,
          submitterType: sender,
          submitterFiscalCode: SENDER_OF[sender].fiscalCode,
          submitterRole: SENDER_OF[sender].role,
          documents,
        })
      ).caseNumber,
  );

const post = (c: Client, url: string, version: number, payload: object = {}) =>
  c.req({ method: 'POST', url, payload, ifMatch: version });

const detailOf = async (c: Client, url: string) => {
  const res = await c.req({ method: 'GET', url });
  assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
  return res.json() as {
    status: string;
    version: number;
    family: string;
    beneficiaryNote: string | null;
    certificate: { available: boolean };
  };
};

before(async () => {
  w = await startWorld();
  [op, citizen, spec, counter] = await Promise.all([
    login(w.app, USERS.opTorino.username),
    login(w.app, USERS.citizen.username),
    login(w.app, USERS.specialist.username),
    login(w.app, USERS.counter.username),
  ]);
});
after(() => w.close());

describe('Nota Beneficiario: only on cases the citizen or a delegate sent (manual §4)', () => {
  const NOTE: Record<Sender, string> = {
    CITIZEN: 'Portare il documento originale allo sportello.',
    DELEGATE: 'Il delegato porti la delega firmata.',
    DOCTOR: 'Nota per il medico che ha inviato la pratica.',
    OPERATOR: 'Nota per lo sportello che ha inserito la pratica.',
  };
  const shown: Record<Sender, boolean> = { CITIZEN: true, DELEGATE: true, DOCTOR: false, OPERATOR: false };

  for (const sender of ['CITIZEN', 'DELEGATE', 'DOCTOR', 'OPERATOR'] as const)
    test(`a case sent by ${sender}: the citizen ${shown[sender] ? 'reads' : 'does not read'} the note`, async () => {
      const n = await caseOf(sender, '013.250');
      const res = await post(op, `/api/cases/${n}/take-charge`, 1, { beneficiaryNote: NOTE[sender] });
      assert.equal(res.statusCode, 200, res.body);
      // the operator always reads it (the control)
      assert.equal((await detailOf(op, `/api/cases/${n}`)).beneficiaryNote, NOTE[sender]);
      for (const url of [`/api/cases/${n}`, `/api/me/cases/${n}`]) {
        const r = await citizen.req({ method: 'GET', url });
        assert.equal(r.statusCode, 200, r.body);
        assert.equal(r.json().beneficiaryNote, shown[sender] ? NOTE[sender] : null, url);
        if (!shown[sender]) assert.ok(!r.body.includes(NOTE[sender]), `${url} leaks the note`);
      }
      // nor in the answer to the citizen's own command, nor in their list or notifications
      const list = await citizen.req({ method: 'GET', url: '/api/me/cases' });
      assert.ok(!list.body.includes(NOTE[sender]));
      const notes = await citizen.req({ method: 'GET', url: '/api/notifications' });
      assert.ok(!notes.body.includes(NOTE[sender]));
      const cancelled = await post(citizen, `/api/me/cases/${n}/cancel`, 2);
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      assert.equal(cancelled.json().beneficiaryNote, shown[sender] ? NOTE[sender] : null);
    });
});

describe('Valida needs the certificate on a pathology or rare-disease case', () => {
  for (const [family, code] of [
    ['CHRONIC', '013.250'],
    ['RARE', 'RF0100'],
  ] as const)
    test(`${family} (${code}) without a certificate: 409 CERTIFICATE_MISSING in Italian, nothing written`, async () => {
      for (const documents of [[], [ATTACHMENT]]) {
        const n = await caseOf('CITIZEN', code, documents);
        const before = await detailOf(op, `/api/cases/${n}`);
        assert.equal(before.family, family);
        assert.equal(before.certificate.available, false, 'the detail tells the web why');
        const history = await countRows(w.database.db, 'case_history');
        const res = await post(op, `/api/cases/${n}/validate`, 1);
        assert.equal(res.statusCode, 409, res.body);
        const p = res.json();
        assert.equal(p.code, 'CERTIFICATE_MISSING');
        assert.equal(p.title, 'Certificato mancante');
        assert.match(p.detail, new RegExp(`La pratica ${n} .*non può essere validata: manca il certificato`));
        const after = await detailOf(op, `/api/cases/${n}`);
        assert.equal(after.status, 'SUBMITTED');
        assert.equal(after.version, 1);
        assert.equal(await countRows(w.database.db, 'case_history'), history);
        assert.equal(
          await countRows(
            w.database.db,
            'registry_exemption',
            `case_id = (select id from exemption_case where case_number = '${n}')`,
          ),
          0,
        );
        // the same from In lavorazione
        assert.equal((await post(op, `/api/cases/${n}/take-charge`, 1)).statusCode, 200);
        assert.equal((await post(op, `/api/cases/${n}/validate`, 2)).json().code, 'CERTIFICATE_MISSING');
      }
    });

  test('with the certificate it validates; a non-pathology code needs none', async () => {
    const certified = await caseOf('CITIZEN', 'RF0100', [CERTIFICATE, ATTACHMENT]);
    const ok = await post(op, `/api/cases/${certified}/validate`, 1);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'VALIDATED');
    const income = await caseOf('CITIZEN', 'E01', []);
    const res = await post(op, `/api/cases/${income}/validate`, 1);
    assert.equal(res.statusCode, 200, res.body);
  });

  test('a closed case is refused for its state first, not for the certificate', async () => {
    const n = await caseOf('CITIZEN', '013.250', []);
    assert.equal((await post(op, `/api/cases/${n}/reject`, 1, { reason: 'OTHER' })).statusCode, 200);
    assert.equal((await post(op, `/api/cases/${n}/validate`, 2)).json().code, 'TRANSITION_NOT_ALLOWED');
  });
});

describe('cancel: the sender while INVIATA, the beneficiary while open', () => {
  for (const [who, sender] of [
    ['the specialist', 'DOCTOR'],
    ['the counter', 'OPERATOR'],
  ] as const)
    test(`${who} cancels a case they sent while INVIATA, not once taken in charge`, async () => {
      const client = sender === 'DOCTOR' ? spec : counter;
      const open = await caseOf(sender, '013.250');
      const ok = await post(client, `/api/cases/${open}/cancel`, 1);
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().status, 'CANCELLED');

      const taken = await caseOf(sender, '013.250');
      assert.equal((await post(op, `/api/cases/${taken}/take-charge`, 1)).statusCode, 200);
      const refused = await post(client, `/api/cases/${taken}/cancel`, 2);
      assert.equal(refused.statusCode, 409, refused.body);
      assert.equal(refused.json().code, 'TRANSITION_NOT_ALLOWED');
      assert.match(refused.json().detail, /Annulla/);
      assert.equal((await detailOf(op, `/api/cases/${taken}`)).status, 'IN_PROGRESS');
    });

  test('the counter does not cancel a case it did not send (404)', async () => {
    const n = await newCase(w.database.db, 'torino', '013.250');
    assert.equal((await post(counter, `/api/cases/${n}/cancel`, 1)).statusCode, 404);
  });

  test('the citizen withdraws their own request also while it is In lavorazione', async () => {
    const n = await caseOf('CITIZEN', '013.250');
    assert.equal((await post(op, `/api/cases/${n}/take-charge`, 1)).statusCode, 200);
    const res = await post(citizen, `/api/me/cases/${n}/cancel`, 2);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'CANCELLED');
  });
});

describe('a state filter belongs to its tab', () => {
  for (const [qs, label] of [
    ['view=todo&status=VALIDATED', 'Validata'],
    ['status=CANCELLED', 'Annullata'],
    ['view=closed&status=SUBMITTED', 'Inviata'],
    ['view=closed&status=IN_PROGRESS', 'In lavorazione'],
  ] as const)
    for (const path of ['/api/cases', '/api/cases/export.csv'])
      test(`${path}?${qs}: 400 on status, in Italian`, async () => {
        const res = await op.req({ method: 'GET', url: `${path}?${qs}` });
        assert.equal(res.statusCode, 400, res.body);
        const b = res.json();
        assert.equal(b.code, 'VALIDATION_FAILED');
        const issue = (b.issues as Array<{ field: string; message: string }>).find(
          (i) => i.field === 'status',
        );
        assert.ok(issue, JSON.stringify(b.issues));
        assert.match(
          issue.message,
          new RegExp(`^Lo stato «${label}» non appartiene a «Pratiche (da fare|chiuse)»`),
        );
      });

  test('a state of the tab is accepted', async () => {
    for (const qs of ['view=todo&status=SUBMITTED', 'status=IN_PROGRESS', 'view=closed&status=VALIDATED'])
      assert.equal((await op.req({ method: 'GET', url: `/api/cases?${qs}` })).statusCode, 200, qs);
  });
});
