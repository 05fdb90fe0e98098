import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeValidUntil, todayInRome } from '@esenzioni/domain';
import { login, startWorld, type TestWorld } from './helpers/app.js';
import { newCase, PEOPLE } from './helpers/fixtures.js';

let w: TestWorld;
before(async () => {
  w = await startWorld();
});
after(() => w.close());

test('the admin sets a per-code duration; a validation then ends on the computed day and the registry shows it', async () => {
  const admin = await login(w.app, 'admin');
  const bad = await admin.req({
    method: 'PUT',
    url: '/api/admin/exemption-codes/013.250/duration',
    payload: { amount: 12, unit: null },
  });
  assert.equal(bad.statusCode, 400);
  const unknown = await admin.req({
    method: 'PUT',
    url: '/api/admin/exemption-codes/ZZZ/duration',
    payload: { amount: 12, unit: 'MONTHS' },
  });
  assert.equal(unknown.statusCode, 400);
  assert.equal(unknown.json().code, 'EXEMPTION_CODE_UNKNOWN');
  const set = await admin.req({
    method: 'PUT',
    url: '/api/admin/exemption-codes/013.250/duration',
    payload: { amount: 24, unit: 'MONTHS' },
  });
  assert.equal(set.statusCode, 200);
  assert.deepEqual(set.json().duration, { amount: 24, unit: 'MONTHS' });

  const n = await newCase(w.database.db, 'torino2', '013.250');
  const op = await login(w.app, 'op.torino');
  assert.equal(
    (
      await op.req({
        method: 'PUT',
        url: '/api/admin/exemption-codes/013.250/duration',
        payload: { amount: 1, unit: 'DAYS' },
      })
    ).statusCode,
    403,
  );
  const v = await op.req({ method: 'POST', url: `/api/cases/${n}/validate`, payload: {}, ifMatch: 1 });
  assert.equal(v.statusCode, 200);
  const today = todayInRome();
  const expected = computeValidUntil(today, { amount: 24, unit: 'MONTHS' }, null);
  assert.equal(v.json().validFrom, today);
  assert.equal(v.json().validUntil, expected);
  const gp = await login(w.app, 'gp');
  const onLastDay = (
    await gp.req({
      method: 'GET',
      url: `/api/registry/exemptions?fiscalCode=${PEOPLE.torino2.fiscalCode}&date=${expected}`,
    })
  ).json();
  assert.equal(onLastDay.exemptions.length, 1);
  assert.equal(onLastDay.exemptions[0].validUntil, expected);
  const dayAfter = new Date(`${expected}T12:00:00Z`);
  dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
  const after = (
    await gp.req({
      method: 'GET',
      url: `/api/registry/exemptions?fiscalCode=${PEOPLE.torino2.fiscalCode}&date=${dayAfter.toISOString().slice(0, 10)}`,
    })
  ).json();
  assert.equal(after.exemptions.length, 0);
});

test('a code without a duration gives an open-ended exemption', async () => {
  const n = await newCase(w.database.db, 'torino', '054.720.0');
  const op = await login(w.app, 'op.torino');
  const v = await op.req({ method: 'POST', url: `/api/cases/${n}/validate`, payload: {}, ifMatch: 1 });
  assert.equal(v.json().validUntil, null);
});
