/**
 * Issue 9 §3 and §5: least personal data, always logged, and segregation of duties. Each test here
 * reproduces a finding of the attack review on the code before the fix.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/client.js';
import { notification, person } from '../src/db/schema.js';
import { createCase } from '../src/services/cases/create-case.js';
import { recordAccess } from '../src/audit/access-log.js';
import { login, type Client, type TestWorld } from './helpers/app.js';
import { loginAll, startPortalWorld } from './helpers/portal-world.js';
import { loginWithProfile } from './helpers/profile-login.js';
import { countRows, newCase, PDF_BYTES, PEOPLE, USERS } from './helpers/fixtures.js';

let w: TestWorld;
let mario: Client; // citizen, PEOPLE.torino
let lucia: Client;
let giovanni: Client;
let op: Client; // district operator, ASL Torino
const M = PEOPLE.torino.fiscalCode;
/** a valid fiscal code that is nobody in the registry */
const UNKNOWN_CF = USERS.admin.fiscalCode;

const json = <T>(body: string): T => JSON.parse(body) as T;

/** A case entered by whoever `submitter` is (the counter, a doctor), straight through createCase. */
const enteredCase = (
  db: Db,
  beneficiary: string,
  submitter: { type: 'OPERATOR' | 'DOCTOR'; fiscalCode: string },
  exemptionCode = '048',
) =>
  db.transaction(
    async (tx) =>
      (
        await createCase(tx, {
          beneficiaryFiscalCode: beneficiary,
          exemptionCode,
          submitterType: submitter.type,
          submitterFiscalCode: submitter.fiscalCode,
          submitterRole: submitter.type === 'OPERATOR' ? 'ADMIN_OPERATOR' : 'SPECIALIST',
          documents: [
            {
              kind: 'CERTIFICATE',
              fileName: 'certificato.pdf',
              contentType: 'application/pdf',
              bytes: PDF_BYTES,
            },
          ],
        })
      ).caseNumber,
  );

const readPersonRows = (actor: string, personCf: string, extra = 'true') =>
  countRows(
    w.database.db,
    'access_log',
    `action = 'READ_PERSON' and actor_fiscal_code = '${actor}' and person_fiscal_code = '${personCf}' and ${extra}`,
  );

before(async () => {
  w = await startPortalWorld();
  [mario, lucia, giovanni, op] = await loginAll(
    w.app,
    USERS.citizen.username,
    USERS.lucia.username,
    USERS.giovanni.username,
    USERS.opTorino.username,
  );
});
after(() => w.close());

describe('least personal data (issue 9 §3)', () => {
  test('creating a delegation answers the same for a known resident of another ASL and an unknown code: no name, and an access-log row', async () => {
    const known = await mario.req({
      method: 'POST',
      url: '/api/delegations',
      payload: { delegateFiscalCode: PEOPLE.bra.fiscalCode },
    });
    const unknown = await mario.req({
      method: 'POST',
      url: '/api/delegations',
      payload: { delegateFiscalCode: UNKNOWN_CF },
    });
    assert.equal(known.statusCode, 201, known.body);
    assert.equal(unknown.statusCode, 201, unknown.body);
    const [k, u] = [known.json(), unknown.json()];
    assert.deepEqual(Object.keys(k).sort(), Object.keys(u).sort());
    assert.deepEqual(k.delegate, { fiscalCode: PEOPLE.bra.fiscalCode, firstName: null, lastName: null });
    assert.deepEqual(u.delegate, { fiscalCode: UNKNOWN_CF, firstName: null, lastName: null });
    assert.ok(!known.body.includes(PEOPLE.bra.lastName), 'the delegate is not named');
    assert.equal(
      await readPersonRows(M, PEOPLE.bra.fiscalCode),
      1,
      'the answer carries the delegate’s code: logged',
    );
  });

  test('delegation lists name only whom the caller may see, and log every other person they carry', async () => {
    const before = await readPersonRows(M, PEOPLE.bra.fiscalCode);
    const mine = (await mario.req({ method: 'GET', url: '/api/delegations' })).json();
    assert.equal(mine.asDelegator.length, 2);
    assert.ok(
      mine.asDelegator.every((d: { delegate: { lastName: string | null } }) => d.delegate.lastName === null),
    );
    assert.equal(await readPersonRows(M, PEOPLE.bra.fiscalCode), before + 1);
    // asking only for the delegations received (the "per conto di" switch) reads nobody else
    const received0 = (await mario.req({ method: 'GET', url: '/api/delegations?side=received' })).json();
    assert.deepEqual([received0.asDelegator.length, received0.asDelegate.length], [0, 0]);
    assert.equal(await readPersonRows(M, PEOPLE.bra.fiscalCode), before + 1);

    // at the counter: residents of the operator's ASL by name, others by fiscal code only; all logged
    const counter = await login(w.app, USERS.counter.username);
    const atCounter = (await counter.req({ method: 'GET', url: `/api/delegations?fiscalCode=${M}` })).json();
    const byDelegate = new Map(
      atCounter.asDelegator.map((d: { delegate: { fiscalCode: string } }) => [d.delegate.fiscalCode, d]),
    );
    assert.equal(
      (byDelegate.get(PEOPLE.bra.fiscalCode) as { delegate: { lastName: string | null } }).delegate.lastName,
      null,
    );
    assert.equal(
      (byDelegate.get(PEOPLE.bra.fiscalCode) as { delegator: { lastName: string | null } }).delegator
        .lastName,
      PEOPLE.torino.lastName,
    );
    assert.equal(await readPersonRows(USERS.counter.fiscalCode, PEOPLE.bra.fiscalCode), 1);
    assert.equal(await readPersonRows(USERS.counter.fiscalCode, UNKNOWN_CF), 1);

    // the delegate sees the delegator's name while the delegation is in force, and that read is logged
    const given = (
      await lucia.req({
        method: 'POST',
        url: '/api/delegations',
        payload: { delegateFiscalCode: PEOPLE.giovanni.fiscalCode },
      })
    ).json();
    const received = (await giovanni.req({ method: 'GET', url: '/api/delegations' })).json().asDelegate[0];
    assert.equal(received.delegator.lastName, PEOPLE.lucia.lastName);
    assert.equal(await readPersonRows(PEOPLE.giovanni.fiscalCode, PEOPLE.lucia.fiscalCode), 1);
    // once revoked, the former delegate no longer gets the name
    await lucia.req({ method: 'POST', url: `/api/delegations/${given.id}/revoke`, payload: {} });
    const revoked = (await giovanni.req({ method: 'GET', url: '/api/delegations' })).json().asDelegate[0];
    assert.equal(revoked.state, 'REVOKED');
    assert.equal(revoked.delegator.lastName, null);
  });

  test("a delegate's notification about the delegator's case is a logged read of the delegator's data", async () => {
    const n = await newCase(w.database.db, 'lucia');
    await w.database.db.insert(notification).values({
      eventId: 990_001,
      recipientFiscalCode: PEOPLE.giovanni.fiscalCode,
      kind: 'CASE_STATUS_CHANGED',
      caseNumber: n,
      text: `La pratica n. ${n} di LUCIA VERDI, che segui come delegato, è stata inviata all'ASL.`,
    });
    const res = await giovanni.req({ method: 'GET', url: '/api/notifications' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(
      await readPersonRows(PEOPLE.giovanni.fiscalCode, PEOPLE.lucia.fiscalCode, `case_number = '${n}'`),
      1,
    );
  });

  test('a citizen is never told an operator’s fiscal code: not in 412, not in 409, not as the submitter', async () => {
    const opCf = USERS.opTorino.fiscalCode;
    const n = await newCase(w.database.db, 'torino');
    assert.equal(
      (await op.req({ method: 'POST', url: `/api/cases/${n}/take-charge`, payload: {}, ifMatch: 1 }))
        .statusCode,
      200,
    );
    const stale = await mario.req({
      method: 'POST',
      url: `/api/me/cases/${n}/cancel`,
      payload: {},
      ifMatch: 1,
    });
    assert.equal(stale.statusCode, 412, stale.body);
    assert.ok(!stale.body.includes(opCf), stale.body);
    assert.match(json<{ detail: string }>(stale.body).detail, /ASL CITTA' DI TORINO/);
    assert.deepEqual(stale.json().lastActor, {
      role: 'DISTRICT_OPERATOR',
      structure: "ASL CITTA' DI TORINO",
    });
    assert.equal(stale.json().lastChange, undefined);
    assert.equal(
      (await op.req({ method: 'POST', url: `/api/cases/${n}/validate`, payload: {}, ifMatch: 2 })).statusCode,
      200,
    );
    const closed = await mario.req({
      method: 'POST',
      url: `/api/me/cases/${n}/cancel`,
      payload: {},
      ifMatch: 3,
    });
    assert.equal(closed.statusCode, 409, closed.body);
    assert.ok(!closed.body.includes(opCf), closed.body);
    // staff are still told who acted
    const opStale = await op.req({
      method: 'POST',
      url: `/api/cases/${n}/notes`,
      payload: { internalNote: 'x' },
      ifMatch: 1,
    });
    assert.equal(opStale.json().lastChange.actorFiscalCode, opCf);

    const counterCf = USERS.counter.fiscalCode;
    const atCounter = await enteredCase(w.database.db, M, { type: 'OPERATOR', fiscalCode: counterCf });
    for (const url of [`/api/me/cases/${atCounter}`, `/api/cases/${atCounter}`]) {
      const d = await mario.req({ method: 'GET', url });
      assert.equal(d.statusCode, 200, d.body);
      assert.ok(!d.body.includes(counterCf), `${url}: ${d.body}`);
      assert.deepEqual(d.json().submitter, {
        type: 'OPERATOR',
        fiscalCode: null,
        structure: "Sportello ASL CITTA' DI TORINO",
      });
    }
    // the case search lists senders' fiscal codes: staff only
    assert.equal((await mario.req({ method: 'GET', url: '/api/cases?view=todo' })).statusCode, 403);
    // the operator still sees who entered it
    assert.equal(
      (await op.req({ method: 'GET', url: `/api/cases/${atCounter}` })).json().submitter.fiscalCode,
      counterCf,
    );
  });

  test("the administrator's mail outbox is a logged read of every recipient it shows", async () => {
    await w.database.db.execute(
      (await import('drizzle-orm'))
        .sql`insert into mail_outbox (event_id, recipient_fiscal_code, to_address, subject, body, status)
        values (900001, ${PEOPLE.lucia.fiscalCode}, 'lucia.verdi@example.org', 'Aggiornamento', 'testo', 'KEPT')`,
    );
    const admin = await login(w.app, USERS.admin.username);
    const before = await readPersonRows(USERS.admin.fiscalCode, PEOPLE.lucia.fiscalCode);
    const res = await admin.req({ method: 'GET', url: '/api/admin/mail-outbox' });
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(res.body.includes('lucia.verdi@example.org'));
    assert.equal(await readPersonRows(USERS.admin.fiscalCode, PEOPLE.lucia.fiscalCode), before + 1);
  });

  test('"Chi ha consultato i miei dati" shows a refused attempt on the citizen as such', async () => {
    const opBra = await login(w.app, USERS.opBra.username);
    assert.equal((await opBra.req({ method: 'GET', url: `/api/people/${M}` })).statusCode, 404);
    const res = await mario.req({ method: 'GET', url: '/api/me/access-log?kind=OPERATOR&pageSize=200' });
    assert.equal(res.statusCode, 200, res.body);
    const items = json<{ items: Array<{ outcome: string; aslName: string | null }> }>(res.body).items;
    const denied = items.filter((i) => i.outcome === 'DENIED');
    assert.equal(denied.length, 1, res.body);
    assert.ok(!res.body.includes(USERS.opBra.fiscalCode), 'the operator stays unnamed');
  });

  test('"Chi ha consultato i miei dati": 600 automatic lookups do not hide an operator’s read; paginated and filtered', async () => {
    const lu = PEOPLE.lucia.fiscalCode;
    const n = await newCase(w.database.db, 'lucia');
    assert.equal((await op.req({ method: 'GET', url: `/api/cases/${n}` })).statusCode, 200);
    const gp = {
      userId: null,
      apiKeyId: null,
      fiscalCode: USERS.gp.fiscalCode,
      role: 'GP' as const,
      aslId: '010301',
      districtId: null,
    };
    await w.database.db.transaction((tx) =>
      recordAccess(
        tx,
        gp,
        'REGISTRY_LOOKUP',
        Array.from({ length: 600 }, () => ({ personFiscalCode: lu })),
        'bulk-lookups',
      ),
    );
    const all = await lucia.req({ method: 'GET', url: '/api/me/access-log' });
    assert.equal(all.statusCode, 200, all.body);
    const page = all.json();
    assert.equal(page.counts.MACHINE, 600);
    assert.ok(page.counts.OPERATOR >= 1, JSON.stringify(page.counts));
    assert.ok(page.latestOperatorReadAt, 'the newest operator read is named whatever the volume');
    assert.equal(page.total, page.counts.OPERATOR + page.counts.MACHINE + page.counts.CITIZEN);
    assert.equal(page.items.length, 50);

    const ops = (await lucia.req({ method: 'GET', url: '/api/me/access-log?kind=OPERATOR' })).json();
    assert.ok(
      ops.items.some(
        (i: { action: string; caseNumber: string; role: string }) =>
          i.action === 'READ_DETAIL' && i.caseNumber === n && i.role === 'DISTRICT_OPERATOR',
      ),
    );
    assert.ok(ops.items.every((i: { kind: string }) => i.kind === 'OPERATOR'));
    assert.equal(ops.total, ops.counts.OPERATOR);

    const last = (
      await lucia.req({ method: 'GET', url: '/api/me/access-log?kind=MACHINE&pageSize=200&page=3' })
    ).json();
    assert.deepEqual([last.page, last.total, last.items.length], [3, 600, 200]);
    const beyond = (
      await lucia.req({ method: 'GET', url: '/api/me/access-log?kind=MACHINE&pageSize=200&page=4' })
    ).json();
    assert.equal(beyond.items.length, 0);

    const future = (await lucia.req({ method: 'GET', url: '/api/me/access-log?from=2099-01-01' })).json();
    assert.deepEqual([future.total, future.items.length, future.latestOperatorReadAt], [0, 0, null]);
    const reversed = await lucia.req({
      method: 'GET',
      url: '/api/me/access-log?from=2026-02-01&to=2026-01-01',
    });
    assert.equal(reversed.statusCode, 400);
    assert.equal(
      (await lucia.req({ method: 'GET', url: '/api/me/access-log?pageSize=201' })).statusCode,
      400,
    );
  });
});

describe('segregation of duties (issue 9 §5)', () => {
  test('whoever entered a case at the counter cannot validate it, under another profile either; a colleague can', async () => {
    const multiCf = USERS.multi.fiscalCode;
    const n = await enteredCase(w.database.db, PEOPLE.torino2.fiscalCode, {
      type: 'OPERATOR',
      fiscalCode: multiCf,
    });
    const multiDistrict = await loginWithProfile(w.app, USERS.multi.username, 0);
    const refused = await multiDistrict.req({
      method: 'POST',
      url: `/api/cases/${n}/validate`,
      payload: {},
      ifMatch: 1,
    });
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal(refused.json().code, 'SEGREGATION_OF_DUTIES');
    assert.match(refused.json().detail, /validazione spetta a un altro operatore/);
    assert.ok(!refused.body.includes(multiCf));
    assert.equal(
      await countRows(w.database.db, 'exemption_case', `case_number = '${n}' and status = 'SUBMITTED'`),
      1,
    );
    assert.equal(
      (await op.req({ method: 'POST', url: `/api/cases/${n}/validate`, payload: {}, ifMatch: 1 })).statusCode,
      200,
    );
  });

  test('nobody takes charge of, validates, rejects or annotates a case of their own fiscal code', async () => {
    const opCf = USERS.opTorino.fiscalCode;
    await w.database.db.insert(person).values({
      fiscalCode: opCf,
      firstName: 'TEST',
      lastName: 'OPERATORE',
      residenceAslId: '010301',
      residenceDistrictId: '010301-T1',
    });
    const n = await enteredCase(w.database.db, opCf, {
      type: 'DOCTOR',
      fiscalCode: USERS.specialist.fiscalCode,
    });
    const attempts: Array<[string, object]> = [
      ['take-charge', {}],
      ['validate', {}],
      ['reject', { reason: 'OTHER', beneficiaryNote: 'x' }],
      ['notes', { internalNote: 'x' }],
    ];
    for (const [action, payload] of attempts) {
      const res = await op.req({ method: 'POST', url: `/api/cases/${n}/${action}`, payload, ifMatch: 1 });
      assert.equal(res.statusCode, 403, `${action}: ${res.body}`);
      assert.equal(res.json().code, 'SEGREGATION_OF_DUTIES');
      assert.match(res.json().detail, /di cui si è beneficiari/);
    }
    assert.equal(
      await countRows(
        w.database.db,
        'case_history',
        `case_id = (select id from exemption_case where case_number = '${n}')`,
      ),
      1,
    );
    const colleague = await loginWithProfile(w.app, USERS.multi.username, 0);
    assert.equal(
      (await colleague.req({ method: 'POST', url: `/api/cases/${n}/take-charge`, payload: {}, ifMatch: 1 }))
        .statusCode,
      200,
    );
  });
});
