/**
 * «Revoca» and «Annulla esenzione» of a validated exemption (issue 11 §4), on an injected clock:
 * - revocation ends the registry row on its last day: a lookup for that day or earlier still finds it,
 *   a later one does not; the end date defaults to today and stays within the exemption's period;
 * - «revoca con blocco» refuses new requests for the code (409) until an operator of the ASL lifts it;
 * - annulment withdraws the row for every date: the exemption is treated as never held;
 * - If-Match, the ASL's scope and the roles as for every case command; the citizen is notified.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { rows } from '../src/db/client.js';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { countRows, newCase, PEOPLE, USERS } from './helpers/fixtures.js';

const DAY = 86_400_000;
let now = new Date('2026-03-10T09:00:00Z');
const clock = () => now;
/** `YYYY-MM-DD` of `d` days after 2026-03-10 (noon UTC: the same day in Rome). */
const day = (d: number) => new Date(Date.UTC(2026, 2, 10 + d, 12)).toISOString().slice(0, 10);
const moveTo = (d: number) => {
  now = new Date(Date.UTC(2026, 2, 10 + d, 9));
};

let w: TestWorld;
let op: Client;
let opBra: Client;
let spec: Client;
let gp: Client;
let citizen: Client;

const act = (c: Client, n: string, path: string, version: number | undefined, payload: object = {}) =>
  c.req({
    method: 'POST',
    url: `/api/cases/${n}/${path}`,
    payload,
    ...(version ? { ifMatch: version } : {}),
  });

const registryOn = async (fiscalCode: string, date: string) => {
  const res = await gp.req({
    method: 'GET',
    url: `/api/registry/exemptions?fiscalCode=${fiscalCode}&date=${date}`,
  });
  assert.equal(res.statusCode, 200, res.body);
  return (
    res.json() as { exemptions: Array<{ code: string; caseNumber: string; validUntil: string | null }> }
  ).exemptions;
};

/** A validated exemption of `who` for `code`, validated at day 0; returns its number and version. */
const validated = async (who: keyof typeof PEOPLE, code: string, by: Client = op) => {
  moveTo(0);
  const n = await newCase(w.database.db, who, code, now);
  const v = await act(by, n, 'validate', 1);
  assert.equal(v.statusCode, 200, v.body);
  return { n, version: (v.json() as { version: number }).version };
};

before(async () => {
  // sessions outlive the months the clock moves
  w = await startWorld({ clock, sessionIdleMs: 3_650 * DAY, sessionMaxMs: 3_650 * DAY });
  [op, opBra, spec, gp, citizen] = await Promise.all([
    login(w.app, USERS.opTorino.username),
    login(w.app, USERS.opBra.username),
    login(w.app, USERS.specialist.username),
    login(w.app, USERS.gp.username),
    login(w.app, USERS.citizen.username),
  ]);
});
after(() => w.close());

describe('Revoca', () => {
  test('ends the exemption on its end date: earlier dates still answer it, later ones do not', async () => {
    const { n, version } = await validated('torino', '048');
    moveTo(30);
    const res = await act(op, n, 'revoke', version, {
      reason: 'REQUIREMENTS_LOST',
      endDate: day(20),
      beneficiaryNote: 'Requisiti non più presenti',
      internalNote: 'Verifica del distretto',
    });
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json() as { status: string; version: number; validFrom: string; validUntil: string };
    assert.equal(d.status, 'REVOKED');
    assert.equal(d.version, version + 1);
    assert.equal(res.headers.etag, `"${version + 1}"`);
    assert.equal(d.validFrom, day(0));
    assert.equal(d.validUntil, day(20));
    assert.deepEqual(res.json().revocation, { reason: 'REQUIREMENTS_LOST', at: now.toISOString() });

    const answered = (date: string) => registryOn(PEOPLE.torino.fiscalCode, date);
    // a prescription written on day 5 or on the last day stays covered
    assert.deepEqual(
      (await answered(day(5))).map((e) => [e.caseNumber, e.validUntil]),
      [[n, day(20)]],
    );
    assert.equal((await answered(day(20))).length, 1);
    assert.equal((await answered(day(21))).length, 0);
    assert.equal((await answered(day(30))).length, 0);

    // history, reason and the citizen's event, all in the command's transaction
    const history = (await op.req({ method: 'GET', url: `/api/cases/${n}/history` })).json().items as Array<{
      status: string;
      internalNote: string | null;
    }>;
    assert.deepEqual(history.at(-1)?.status, 'REVOKED');
    assert.equal(history.at(-1)?.internalNote, 'Verifica del distretto');
    const [c] = await rows<{ revocation_reason: string; revoked_at: Date }>(
      w.database.db,
      sql`select revocation_reason, revoked_at from exemption_case where case_number = ${n}`,
    );
    assert.equal(c?.revocation_reason, 'REQUIREMENTS_LOST');
    assert.equal(new Date(c!.revoked_at).toISOString(), now.toISOString());
    const events = await rows<{ payload: { status: string; previousStatus: string; caseNumber: string } }>(
      w.database.db,
      sql`select payload from outbox where event_type = 'case.status-changed' and payload->>'caseNumber' = ${n}
           order by id`,
    );
    assert.deepEqual(
      events.map((e) => [e.payload.previousStatus ?? null, e.payload.status]),
      [
        [null, 'SUBMITTED'],
        ['SUBMITTED', 'VALIDATED'],
        ['VALIDATED', 'REVOKED'],
      ],
    );
    // the citizen sees it «Revocata»
    const mine = await citizen.req({ method: 'GET', url: `/api/me/cases/${n}` });
    assert.equal(mine.statusCode, 200, mine.body);
    assert.equal((mine.json() as { status: string }).status, 'REVOKED');
    // the coded reason stays internal, as a rejection's
    assert.equal((mine.json() as { revocation: unknown }).revocation, null);

    // a revoked exemption is neither revoked again nor annulled
    const again = await act(op, n, 'revoke', version + 1, { reason: 'DEATH' });
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(again.json().code, 'TRANSITION_NOT_ALLOWED');
    assert.equal((await act(op, n, 'annul', version + 1)).json().code, 'TRANSITION_NOT_ALLOWED');
  });

  test('the end date defaults to today; never before the start, not after the current end: 400 on the field', async () => {
    const { n, version } = await validated('torino2', '048');
    moveTo(10);
    const before = await act(op, n, 'revoke', version, { reason: 'CLERICAL_ERROR', endDate: day(-1) });
    assert.equal(before.statusCode, 400, before.body);
    assert.equal(before.json().code, 'VALIDATION_FAILED');
    assert.deepEqual(
      before.json().issues.map((i: { field: string }) => i.field),
      ['endDate'],
    );
    const badReason = await act(op, n, 'revoke', version, { reason: 'NON_SAPREI' });
    assert.equal(badReason.statusCode, 400, badReason.body);
    // nothing was written by the refusals
    const [row] = await rows<{ status: string; version: number }>(
      w.database.db,
      sql`select status, version from exemption_case where case_number = ${n}`,
    );
    assert.deepEqual(row, { status: 'VALIDATED', version });

    const res = await act(op, n, 'revoke', version, { reason: 'MOVED_OUT_OF_REGION' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().validUntil, day(10));
    assert.equal((await registryOn(PEOPLE.torino2.fiscalCode, day(10))).length, 1);
    assert.equal((await registryOn(PEOPLE.torino2.fiscalCode, day(11))).length, 0);
  });

  test('not after the exemption’s current end', async () => {
    const { n, version } = await validated('giovanni', '048');
    const [c] = await rows<{ valid_until: string | null }>(
      w.database.db,
      sql`select valid_until::text as valid_until from exemption_case where case_number = ${n}`,
    );
    // give the exemption an end when its code has no duration
    const end = c?.valid_until ?? day(100);
    if (!c?.valid_until) {
      await w.database.db.execute(
        sql`update exemption_case set valid_until = ${end} where case_number = ${n}`,
      );
    }
    const next = new Date(`${end}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    const res = await act(op, n, 'revoke', version, {
      reason: 'REQUIREMENTS_LOST',
      endDate: next.toISOString().slice(0, 10),
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(
      res.json().issues.map((i: { field: string }) => i.field),
      ['endDate'],
    );
  });

  test('with block: a new request for the code is refused until an operator of the ASL lifts the block', async () => {
    const { n, version } = await validated('lucia', '013.250');
    moveTo(40);
    const res = await act(op, n, 'revoke', version, {
      reason: 'FALSE_DECLARATION',
      endDate: day(39),
      block: true,
    });
    assert.equal(res.statusCode, 200, res.body);
    const request = {
      beneficiaryFiscalCode: PEOPLE.lucia.fiscalCode,
      diagnosisCode: '250.01',
      exemptionCode: '013.250',
      issuedOn: day(40),
    };
    const refused = await spec.req({ method: 'POST', url: '/api/cases', payload: request });
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().code, 'EXEMPTION_BLOCKED');
    assert.match(refused.json().detail, /revocata con blocco/);
    assert.equal(
      await countRows(
        w.database.db,
        'exemption_case',
        `beneficiary_fiscal_code = '${PEOPLE.lucia.fiscalCode}'`,
      ),
      1,
    );

    const url = `/api/people/${PEOPLE.lucia.fiscalCode}/blocks/013.250/lift`;
    // another ASL's operator does not find the block; a doctor may not lift it
    assert.equal((await opBra.req({ method: 'POST', url, payload: {} })).statusCode, 404);
    assert.equal((await spec.req({ method: 'POST', url, payload: {} })).statusCode, 403);
    const lifted = await op.req({ method: 'POST', url, payload: {} });
    assert.equal(lifted.statusCode, 200, lifted.body);
    assert.equal(lifted.json().liftedAt, now.toISOString());
    assert.equal(
      await countRows(
        w.database.db,
        'access_log',
        `action = 'LIFT_BLOCK' and person_fiscal_code = '${PEOPLE.lucia.fiscalCode}'`,
      ),
      1,
    );
    // lifted once: no block stands any more
    assert.equal((await op.req({ method: 'POST', url, payload: {} })).statusCode, 404);

    const accepted = await spec.req({ method: 'POST', url: '/api/cases', payload: request });
    assert.equal(accepted.statusCode, 201, accepted.body);
  });

  test('without block a new request is not refused by the revocation', async () => {
    const [c] = await rows<{ n: number }>(
      w.database.db,
      sql`select count(*)::int as n from exemption_block where fiscal_code = ${PEOPLE.torino2.fiscalCode}`,
    );
    assert.equal(c?.n, 0, 'the revocation of torino2’s 048 set no block');
  });
});

describe('Annulla esenzione', () => {
  test('the exemption is treated as never held: no registry answer for any date', async () => {
    const opCn2 = await login(w.app, USERS.opCn2.username);
    const { n, version } = await validated('bra', '048', opCn2);
    assert.equal((await registryOn(PEOPLE.bra.fiscalCode, day(0))).length, 1);
    moveTo(15);
    const res = await act(opCn2, n, 'annul', version, { internalNote: 'Validata per errore' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'CANCELLED');
    for (const d of [day(0), day(5), day(15), day(400)]) {
      assert.deepEqual(await registryOn(PEOPLE.bra.fiscalCode, d), [], d);
    }
    const events = await rows<{ status: string }>(
      w.database.db,
      sql`select payload->>'status' as status from outbox
           where event_type = 'case.status-changed' and payload->>'caseNumber' = ${n} order by id`,
    );
    assert.deepEqual(
      events.map((e) => e.status),
      ['SUBMITTED', 'VALIDATED', 'CANCELLED'],
    );
  });
});

describe('as every case command', () => {
  test('If-Match: 428 without it, 412 with a stale version; another ASL: 404; other roles: 403', async () => {
    const opCn2 = await login(w.app, USERS.opCn2.username);
    const { n, version } = await validated('alba', '048', opCn2);
    moveTo(3);
    const none = await act(opCn2, n, 'revoke', undefined, { reason: 'DEATH' });
    assert.equal(none.statusCode, 428, none.body);
    const stale = await act(opCn2, n, 'annul', version - 1);
    assert.equal(stale.statusCode, 412, stale.body);
    assert.equal((await act(op, n, 'revoke', version, { reason: 'DEATH' })).statusCode, 404);
    assert.equal((await act(op, n, 'annul', version)).statusCode, 404);
    assert.equal((await act(spec, n, 'revoke', version, { reason: 'DEATH' })).statusCode, 403);
    assert.equal((await act(citizen, n, 'annul', version)).statusCode, 403);
    assert.equal((await registryOn(PEOPLE.alba.fiscalCode, day(3))).length, 1, 'still in force');
    const ok = await act(opCn2, n, 'revoke', version, { reason: 'DEATH' });
    assert.equal(ok.statusCode, 200, ok.body);
    // someone acted first: 412 naming the new state
    const late = await act(opCn2, n, 'annul', version);
    assert.equal(late.statusCode, 412, late.body);
  });
});
