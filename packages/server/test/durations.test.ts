/**
 * Durations (issue 11 §1), through the HTTP API on a clock the test holds: a validated case ends on
 * the day given by the exact code's duration, else its base code's, else the catalogue's end; a
 * duration changed later does not touch earlier validations; the CSV's durations (E02: one year;
 * 040: the day before the third birthday) apply; 040 for a 73-year-old is refused at submission and at
 * validation.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { issuedUntil, todayInRome } from '@esenzioni/domain';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { newCase, PEOPLE, USERS } from './helpers/fixtures.js';
import { fields, multipartBody, pdf } from './helpers/uploads.js';
import { rows } from '../src/db/client.js';

let now = new Date('2026-11-30T09:00:00Z');
const TODAY = '2026-11-30';
let w: TestWorld;
let admin: Client;
let op: Client;
let gp: Client;

/** A baby of the ASL of Turin, born on 15/03/2025 (known only by the fiscal code, like the fixtures). */
const BABY = 'BMBNNA25C15L219I';
/** NELLO TRENTASEI, born 10/06/1953: 73 on the test's day. */
const OLD = PEOPLE.torino2.fiscalCode;

before(async () => {
  w = await startWorld({ clock: () => now });
  await w.database.db.execute(
    sql`insert into person (fiscal_code, first_name, last_name, residence_asl_id, residence_district_id)
        values (${BABY}, 'ANNA', 'BAMBINA', '010301', '010301-T1')`,
  );
  admin = await login(w.app, USERS.admin.username);
  op = await login(w.app, USERS.opTorino.username);
  gp = await login(w.app, USERS.gp.username);
});
after(() => w.close());

/** Moves the test's clock (sessions stay alive: minutes, not days). */
const later = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
};

const setDuration = (code: string, payload: Record<string, unknown>) =>
  admin.req({ method: 'PUT', url: `/api/admin/exemption-codes/${code}/duration`, payload });

async function validate(caseNumber: string) {
  return op.req({ method: 'POST', url: `/api/cases/${caseNumber}/validate`, payload: {}, ifMatch: 1 });
}

const registryUntil = async (caseNumber: string) =>
  (
    await rows<{ valid_until: string | null }>(
      w.database.db,
      sql`select r.valid_until::text as valid_until from registry_exemption r
            join exemption_case c on c.id = r.case_id where c.case_number = ${caseNumber}`,
    )
  )[0]?.valid_until;

test('exact code, then base code, then the catalogue end; a later change leaves earlier validations alone', async () => {
  assert.equal(todayInRome(now), TODAY);
  // base code 013: six months, with its source; 013.250 has no row of its own
  const base = await setDuration('013', {
    maxAmount: 6,
    unit: 'MONTHS',
    source: 'Delibera regionale di prova',
  });
  assert.equal(base.statusCode, 200, base.body);
  assert.deepEqual(base.json().duration, { amount: 6, unit: 'MONTHS' });
  assert.equal(base.json().rule.source, 'Delibera regionale di prova');
  assert.equal(base.json().rule.setBy, USERS.admin.fiscalCode);
  assert.equal(base.json().rule.setAt, now.toISOString());

  const byBase = await newCase(w.database.db, 'torino', '013.250', now);
  const v1 = await validate(byBase);
  assert.equal(v1.statusCode, 200, v1.body);
  assert.equal(v1.json().validFrom, TODAY);
  assert.equal(v1.json().validUntil, '2027-05-29', 'the base code 013 reaches the sub-code 013.250');
  assert.equal(await registryUntil(byBase), '2027-05-29');

  // the exact code's own duration wins over its base code's
  later(5);
  const exact = await setDuration('013.250', { minAmount: 1, maxAmount: 2, unit: 'YEARS' });
  assert.equal(exact.statusCode, 200, exact.body);
  assert.deepEqual(exact.json().duration, { amount: 2, unit: 'YEARS' });
  const byExact = await newCase(w.database.db, 'lucia', '013.250', now);
  const v2 = await validate(byExact);
  assert.equal(v2.json().validUntil, '2028-11-29');
  assert.equal(await registryUntil(byExact), '2028-11-29');

  // the validation made before the change keeps its end, in the case and in the registry
  assert.equal(await registryUntil(byBase), '2027-05-29');
  const first = await op.req({ method: 'GET', url: `/api/cases/${byBase}` });
  assert.equal(first.json().validUntil, '2027-05-29');

  // neither: the catalogue's end of the code (here the catalogue is given an end of validity)
  later(5);
  assert.equal((await setDuration('013.250', { amount: null, unit: null })).json().rule, null);
  assert.equal((await setDuration('013', { amount: null, unit: null })).statusCode, 200);
  await w.database.db.execute(
    sql`update exemption_code set valid_until = '2027-01-31' where code = '013.250'`,
  );
  try {
    const byCatalogue = await newCase(w.database.db, 'giovanni', '013.250', now);
    const v3 = await validate(byCatalogue);
    assert.equal(v3.statusCode, 200, v3.body);
    assert.equal(v3.json().validUntil, '2027-01-31');
    // and a duration longer than the catalogue's end is capped by it
    assert.equal((await setDuration('013.250', { amount: 5, unit: 'YEARS' })).statusCode, 200);
    const capped = await newCase(w.database.db, 'torino2', '013.250', now);
    assert.equal((await validate(capped)).json().validUntil, '2027-01-31');
  } finally {
    await w.database.db.execute(sql`update exemption_code set valid_until = null where code = '013.250'`);
  }
  // the earlier validations are still as they were validated
  assert.equal(await registryUntil(byBase), '2027-05-29');
  assert.equal(await registryUntil(byExact), '2028-11-29');
});

test('the duration from data/exemption-durations.csv: E02 lasts one year, and the registry stops after its last day', async () => {
  const n = await newCase(w.database.db, 'bra', 'E02', now);
  const bra = await login(w.app, USERS.opBra.username);
  const v = await bra.req({ method: 'POST', url: `/api/cases/${n}/validate`, payload: {}, ifMatch: 1 });
  assert.equal(v.statusCode, 200, v.body);
  assert.equal(v.json().validUntil, '2027-11-29');
  const lookup = async (date: string) =>
    (
      await gp.req({
        method: 'GET',
        url: `/api/registry/exemptions?fiscalCode=${PEOPLE.bra.fiscalCode}&date=${date}`,
      })
    ).json().exemptions as Array<{ code: string }>;
  assert.ok((await lookup('2027-11-29')).some((e) => e.code === 'E02'));
  assert.ok(!(await lookup('2030-01-01')).some((e) => e.code === 'E02'), 'not "senza scadenza"');
});

test('040 counted from birth: a baby’s ends the day before the third birthday', async () => {
  const spec = await login(w.app, USERS.specialist.username);
  const sent = await spec.req({
    method: 'POST',
    url: '/api/cases',
    payload: { beneficiaryFiscalCode: BABY, exemptionCode: '040', diagnosisCode: '765.10', issuedOn: TODAY },
  });
  assert.equal(sent.statusCode, 201, sent.body);
  const v = await validate(sent.json().caseNumber as string);
  assert.equal(v.statusCode, 200, v.body);
  assert.equal(v.json().validUntil, '2028-03-14');
  assert.equal(
    v.json().validUntil,
    issuedUntil(
      TODAY,
      { code: '040', minAmount: null, maxAmount: 3, unit: 'YEARS', fromBirth: true },
      null,
      '2025-03-15',
    ),
  );
});

test('040 for a 73-year-old is refused with a 4xx in Italian: by the specialist, at the counter, at validation', async () => {
  const spec = await login(w.app, USERS.specialist.username);
  const bySpecialist = await spec.req({
    method: 'POST',
    url: '/api/cases',
    payload: { beneficiaryFiscalCode: OLD, exemptionCode: '040', diagnosisCode: '765.10', issuedOn: TODAY },
  });
  assert.equal(bySpecialist.statusCode, 400, bySpecialist.body);
  assert.equal(bySpecialist.json().code, 'EXEMPTION_AGE_LIMIT_PASSED');
  assert.match(bySpecialist.json().detail, /Il codice 040 vale solo fino al 09\/06\/1956/);
  assert.equal(bySpecialist.json().issues[0].field, 'exemptionCode');
  assert.doesNotMatch(bySpecialist.body, new RegExp(OLD), 'no fiscal code in the error');

  const counter = await login(w.app, USERS.counter.username);
  const { payload, headers } = multipartBody([
    ...fields({ beneficiaryFiscalCode: OLD, exemptionCode: '040', issuedOn: TODAY }),
    { name: 'certificate', file: pdf() },
  ]);
  const atCounter = await counter.req({ method: 'POST', url: '/api/cases', payload, headers });
  assert.equal(atCounter.statusCode, 400, atCounter.body);
  assert.equal(atCounter.json().code, 'EXEMPTION_AGE_LIMIT_PASSED');

  // a case that reached the district anyway (sent before the rule existed) is not validated
  const n = await newCase(w.database.db, 'torino2', '040', now);
  const v = await validate(n);
  assert.equal(v.statusCode, 400, v.body);
  assert.equal(v.json().code, 'EXEMPTION_AGE_LIMIT_PASSED');
  assert.equal(await registryUntil(n), undefined, 'no registry row');
});
