/**
 * Issue 13 §3: the administration. Every admin action writes its row of the tamper-evident trail;
 * deactivating a user ends their session at once; the last active administrator cannot be removed;
 * API keys are created, listed and revoked; districts and offices are created and changed with
 * validation errors as 4xx; parameters change the certificate's maximum age per Region and ASL.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { useFixedTestKeys } from './helpers/audit-keys.js';
import { PASSWORD, PIN, newCase } from './helpers/fixtures.js';
import { verifyAdminAudit } from '../src/audit/admin-audit.js';

let w: TestWorld;
let admin: Client;
before(async () => {
  useFixedTestKeys();
  w = await startWorld();
  admin = await login(w.app, 'admin');
});
after(() => w.close());

interface AuditRow {
  action: string;
  targetType: string;
  targetId: string;
  actorUserId: number | null;
  actorRole: string;
  detail: Record<string, unknown>;
}

async function lastAudit(): Promise<AuditRow> {
  const res = await admin.req({ method: 'GET', url: '/api/admin/audit?pageSize=1' });
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { items: AuditRow[] }).items[0]!;
}

async function auditCount(): Promise<number> {
  return (await admin.req({ method: 'GET', url: '/api/admin/audit?pageSize=1' })).json().total as number;
}

const newOperator = (username: string, extra: Record<string, unknown> = {}) => ({
  username,
  password: PASSWORD,
  pin: PIN,
  fiscalCode: 'VRDLGU75C12L219V',
  firstName: 'Mario',
  lastName: 'Rossi',
  profiles: [{ role: 'DISTRICT_OPERATOR', aslId: '010301', districtId: '010301-T1' }],
  ...extra,
});

test('the admin creates a district operator, who logs in and works a case; the creation is audited without secrets', async () => {
  const before = await auditCount();
  const res = await admin.req({
    method: 'POST',
    url: '/api/admin/users',
    payload: newOperator('mario.rossi'),
  });
  assert.equal(res.statusCode, 201, res.body);
  const user = res.json();
  assert.equal(user.active, true);
  assert.deepEqual(
    user.profiles.map((p: { role: string; districtId: string }) => [p.role, p.districtId]),
    [['DISTRICT_OPERATOR', '010301-T1']],
  );
  assert.equal(await auditCount(), before + 1);
  const row = await lastAudit();
  assert.equal(row.action, 'USER_CREATED');
  assert.equal(row.targetType, 'USER');
  assert.equal(row.targetId, String(user.id));
  assert.equal(row.actorRole, 'ADMIN');
  assert.equal((row.detail as { username: string }).username, 'mario.rossi');
  const raw = JSON.stringify(row);
  assert.ok(!raw.includes(PASSWORD) && !raw.includes(PIN), 'no password or PIN in the trail');

  const op = await login(w.app, 'mario.rossi');
  assert.equal(op.profiles[0]?.role, 'DISTRICT_OPERATOR');
  const n = await newCase(w.database.db, 'torino', '048');
  const taken = await op.req({ method: 'POST', url: `/api/cases/${n}/take-charge`, payload: {}, ifMatch: 1 });
  assert.equal(taken.statusCode, 200, taken.body);
});

test('creation errors are 4xx in Italian and write no audit row', async () => {
  const before = await auditCount();
  const dup = await admin.req({
    method: 'POST',
    url: '/api/admin/users',
    payload: newOperator('mario.rossi'),
  });
  assert.equal(dup.statusCode, 409);
  assert.equal(dup.json().code, 'USERNAME_TAKEN');
  const shortPassword = await admin.req({
    method: 'POST',
    url: '/api/admin/users',
    payload: newOperator('x.y', { password: 'corta' }),
  });
  assert.equal(shortPassword.statusCode, 400);
  assert.match(shortPassword.body, /almeno 12 caratteri/);
  const noDistrict = await admin.req({
    method: 'POST',
    url: '/api/admin/users',
    payload: newOperator('x.z', { profiles: [{ role: 'DISTRICT_OPERATOR', aslId: '010301' }] }),
  });
  assert.equal(noDistrict.statusCode, 400);
  assert.match(noDistrict.body, /distretto/);
  const wrongAsl = await admin.req({
    method: 'POST',
    url: '/api/admin/users',
    payload: newOperator('x.w', {
      profiles: [{ role: 'DISTRICT_OPERATOR', aslId: '010301', districtId: '010211-BRA' }],
    }),
  });
  assert.equal(wrongAsl.statusCode, 400);
  assert.match(wrongAsl.body, /non appartiene/);
  assert.equal(await auditCount(), before);
});

test('only the administrator reaches the administration', async () => {
  const op = await login(w.app, 'op.torino');
  for (const url of ['/api/admin/users', '/api/admin/api-keys', '/api/admin/offices', '/api/admin/audit'])
    assert.equal((await op.req({ method: 'GET', url })).statusCode, 403, url);
  assert.equal((await w.app.inject({ method: 'GET', url: '/api/admin/users' })).statusCode, 401);
});

test('deactivating a user ends their session at once; reactivation is audited too', async () => {
  const created = await admin.req({
    method: 'POST',
    url: '/api/admin/users',
    payload: newOperator('anna.bianchi', { fiscalCode: 'BNCNNA80A41L219J' }),
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as number;
  const op = await login(w.app, 'anna.bianchi');
  assert.equal((await op.req({ method: 'GET', url: '/api/auth/me' })).statusCode, 200);
  const listed = await admin.req({ method: 'GET', url: '/api/admin/users?q=anna' });
  assert.equal(listed.json().items[0].sessions, 1);

  const off = await admin.req({ method: 'POST', url: `/api/admin/users/${id}/deactivate`, payload: {} });
  assert.equal(off.statusCode, 200, off.body);
  assert.equal(off.json().active, false);
  assert.equal(off.json().sessions, 0);
  const row = await lastAudit();
  assert.equal(row.action, 'USER_DEACTIVATED');
  assert.equal(row.detail.sessionsEnded, 1);
  assert.equal((await op.req({ method: 'GET', url: '/api/auth/me' })).statusCode, 401);
  const relog = await w.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'anna.bianchi', password: PASSWORD, pin: PIN },
  });
  assert.equal(relog.statusCode, 401);

  const on = await admin.req({ method: 'POST', url: `/api/admin/users/${id}/activate`, payload: {} });
  assert.equal(on.json().active, true);
  assert.equal((await lastAudit()).action, 'USER_REACTIVATED');
  await login(w.app, 'anna.bianchi');
});

test('changing profiles is audited with before and after; a removed profile ends its sessions', async () => {
  const u = (await admin.req({ method: 'GET', url: '/api/admin/users?q=anna.bianchi' })).json().items[0];
  const op = await login(w.app, 'anna.bianchi');
  const res = await admin.req({
    method: 'PUT',
    url: `/api/admin/users/${u.id}/profiles`,
    payload: { profiles: [{ role: 'ADMIN_OPERATOR', aslId: '010211' }] },
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(
    res.json().profiles.map((p: { role: string; aslId: string }) => [p.role, p.aslId]),
    [['ADMIN_OPERATOR', '010211']],
  );
  const row = await lastAudit();
  assert.equal(row.action, 'USER_PROFILES_SET');
  assert.deepEqual(
    (row.detail.before as { role: string }[]).map((p) => p.role),
    ['DISTRICT_OPERATOR'],
  );
  assert.deepEqual(
    (row.detail.after as { role: string }[]).map((p) => p.role),
    ['ADMIN_OPERATOR'],
  );
  assert.equal((await op.req({ method: 'GET', url: '/api/auth/me' })).statusCode, 401);
});

test('the last active administrator can be neither deactivated nor stripped of ADMIN', async () => {
  const me = (await admin.req({ method: 'GET', url: '/api/admin/users?q=admin' }))
    .json()
    .items.find((u: { username: string }) => u.username === 'admin');
  const before = await auditCount();
  const off = await admin.req({ method: 'POST', url: `/api/admin/users/${me.id}/deactivate`, payload: {} });
  assert.equal(off.statusCode, 409);
  assert.equal(off.json().code, 'LAST_ADMIN');
  const strip = await admin.req({
    method: 'PUT',
    url: `/api/admin/users/${me.id}/profiles`,
    payload: { profiles: [{ role: 'GP', aslId: '010301' }] },
  });
  assert.equal(strip.statusCode, 409);
  assert.equal(await auditCount(), before);

  // with a second active administrator, the first may go
  const second = await admin.req({
    method: 'POST',
    url: '/api/admin/users',
    payload: newOperator('admin2', { fiscalCode: 'VRDGPP80A01L219M', profiles: [{ role: 'ADMIN' }] }),
  });
  assert.equal(second.statusCode, 201, second.body);
  const admin2 = await login(w.app, 'admin2');
  const ok = await admin2.req({ method: 'POST', url: `/api/admin/users/${me.id}/deactivate`, payload: {} });
  assert.equal(ok.statusCode, 200);
  const refused = await admin2.req({
    method: 'POST',
    url: `/api/admin/users/${second.json().id}/deactivate`,
    payload: {},
  });
  assert.equal(refused.statusCode, 409);
  assert.equal(
    (await admin2.req({ method: 'POST', url: `/api/admin/users/${me.id}/activate`, payload: {} })).statusCode,
    200,
  );
  admin = await login(w.app, 'admin');
});

test('API keys: created (shown once), listed without the key, revoked (refused at once), each audited', async () => {
  const created = await admin.req({
    method: 'POST',
    url: '/api/admin/api-keys',
    payload: { name: 'Gestionale MMG' },
  });
  assert.equal(created.statusCode, 201, created.body);
  const { id, key } = created.json() as { id: number; key: string };
  assert.match(key, /^esz_/);
  assert.equal((await lastAudit()).action, 'API_KEY_CREATED');
  assert.ok(!JSON.stringify(await lastAudit()).includes(key), 'the key is not in the trail');
  const list = await admin.req({ method: 'GET', url: '/api/admin/api-keys' });
  assert.ok(!list.body.includes(key));
  assert.equal(list.json().items.find((k: { id: number }) => k.id === id).revokedAt, null);
  const withKey = () =>
    w.app.inject({
      method: 'GET',
      url: '/api/registry/exemptions?fiscalCode=RSSMRA80A01L219M',
      headers: { authorization: `Bearer ${key}` },
    });
  assert.notEqual((await withKey()).statusCode, 401);
  const revoked = await admin.req({ method: 'POST', url: `/api/admin/api-keys/${id}/revoke`, payload: {} });
  assert.equal(revoked.statusCode, 200);
  assert.ok(revoked.json().revokedAt);
  assert.equal((await lastAudit()).action, 'API_KEY_REVOKED');
  assert.equal((await withKey()).statusCode, 401);
  const missing = await admin.req({ method: 'POST', url: '/api/admin/api-keys/999999/revoke', payload: {} });
  assert.equal(missing.statusCode, 404);
  const empty = await admin.req({ method: 'POST', url: '/api/admin/api-keys', payload: { name: ' ' } });
  assert.equal(empty.statusCode, 400);
});

const officeBody = (districtId: string, extra: Record<string, unknown> = {}) => ({
  districtId,
  name: 'Sportello esenzioni – Centro',
  address: 'Via Esempio, 1 (dati dimostrativi)',
  services: ['PATHOLOGY', 'INCOME'],
  hours: [
    { weekday: 1, opens: '08:30', closes: '12:00' },
    { weekday: 3, opens: '14:00', closes: '16:30', note: 'solo invalidità' },
  ],
  closures: [{ date: '2026-12-24', note: 'Vigilia di Natale' }],
  ...extra,
});

test('districts and offices: created, changed, listed; each change audited; validation errors are 4xx', async () => {
  const d = await admin.req({
    method: 'POST',
    url: '/api/admin/districts',
    payload: { aslId: '010301', name: 'Distretto Nord' },
  });
  assert.equal(d.statusCode, 201, d.body);
  const districtId = d.json().id as string;
  assert.match(districtId, /^010301-\d\d$/);
  assert.equal((await lastAudit()).action, 'DISTRICT_CREATED');
  const renamed = await admin.req({
    method: 'PUT',
    url: `/api/admin/districts/${districtId}`,
    payload: { name: 'Distretto Torino Nord' },
  });
  assert.equal(renamed.json().name, 'Distretto Torino Nord');
  assert.equal((await lastAudit()).action, 'DISTRICT_RENAMED');
  assert.equal(
    (
      await admin.req({
        method: 'POST',
        url: '/api/admin/districts',
        payload: { aslId: '999999', name: 'X' },
      })
    ).statusCode,
    400,
  );

  const o = await admin.req({ method: 'POST', url: '/api/admin/offices', payload: officeBody(districtId) });
  assert.equal(o.statusCode, 201, o.body);
  const office = o.json();
  assert.deepEqual(office.services, ['PATHOLOGY', 'INCOME']);
  assert.equal(office.hours.length, 2);
  assert.equal(office.closures[0].date, '2026-12-24');
  let row = await lastAudit();
  assert.equal(row.action, 'OFFICE_CREATED');
  assert.equal(row.targetId, String(office.id));

  const bad = [
    officeBody(districtId, { hours: [{ weekday: 8, opens: '08:00', closes: '09:00' }] }),
    officeBody(districtId, { hours: [{ weekday: 1, opens: '12:00', closes: '09:00' }] }),
    officeBody(districtId, { hours: [{ weekday: 1, opens: '8', closes: '09:00' }] }),
    officeBody(districtId, { services: [] }),
    officeBody(districtId, { services: ['MASSAGGI'] }),
    officeBody(districtId, { address: '' }),
    officeBody('NOPE'),
    officeBody(districtId, { closures: [{ date: '2026-12-24' }, { date: '2026-12-24' }] }),
  ];
  const before = await auditCount();
  for (const b of bad) {
    const res = await admin.req({ method: 'POST', url: '/api/admin/offices', payload: b });
    assert.equal(res.statusCode, 400, JSON.stringify(b));
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  }
  assert.equal(await auditCount(), before);

  const changed = await admin.req({
    method: 'PUT',
    url: `/api/admin/offices/${office.id}`,
    payload: officeBody(districtId, { address: 'Via Nuova, 2 (dati dimostrativi)', active: false }),
  });
  assert.equal(changed.statusCode, 200, changed.body);
  assert.equal(changed.json().active, false);
  row = await lastAudit();
  assert.equal(row.action, 'OFFICE_CHANGED');
  assert.equal((row.detail.before as { address: string }).address, 'Via Esempio, 1 (dati dimostrativi)');
  assert.equal((row.detail.after as { address: string }).address, 'Via Nuova, 2 (dati dimostrativi)');
  assert.equal(
    (await admin.req({ method: 'PUT', url: '/api/admin/offices/999999', payload: officeBody(districtId) }))
      .statusCode,
    404,
  );
  const listed = await admin.req({ method: 'GET', url: `/api/admin/offices?districtId=${districtId}` });
  assert.equal(listed.json().items.length, 1);
  const districts = await admin.req({ method: 'GET', url: '/api/admin/districts?aslId=010301' });
  assert.equal(districts.json().items.find((x: { id: string }) => x.id === districtId).offices, 1);
});

test('parameters: the certificate age per Region and per ASL decides a counter submission; audited', async () => {
  const list = await admin.req({ method: 'GET', url: '/api/admin/parameters' });
  assert.equal(list.json().defaults.certificateMaxAgeMonths, 6);
  const bad = await admin.req({
    method: 'PUT',
    url: '/api/admin/parameters',
    payload: { name: 'CERTIFICATE_MAX_AGE_MONTHS', scope: '', value: 3 },
  });
  assert.equal(bad.statusCode, 400);
  const region = await admin.req({
    method: 'PUT',
    url: '/api/admin/parameters',
    payload: { name: 'CERTIFICATE_MAX_AGE_MONTHS', scope: '010', value: 12 },
  });
  assert.equal(region.statusCode, 200, region.body);
  assert.equal((await lastAudit()).action, 'PARAMETER_SET');
  const asl = await admin.req({
    method: 'PUT',
    url: '/api/admin/parameters',
    payload: { name: 'CERTIFICATE_MAX_AGE_MONTHS', scope: '010301', value: 1 },
  });
  assert.equal(asl.statusCode, 200);
  const { parameterValue } = await import('../src/db/repositories/administration.js');
  const { certificateMaxAgeFor } = await import('../src/services/cases/case-rules.js');
  assert.equal(await certificateMaxAgeFor(w.database.db, '010301', 6), 1);
  assert.equal(await certificateMaxAgeFor(w.database.db, '010211', 6), 12);
  assert.equal(await certificateMaxAgeFor(w.database.db, '120202', 6), 6);
  assert.equal(await parameterValue(w.database.db, 'CERTIFICATE_MAX_AGE_MONTHS', ['010']), 12);
  const cleared = await admin.req({
    method: 'DELETE',
    url: '/api/admin/parameters/CERTIFICATE_MAX_AGE_MONTHS?scope=010301',
  });
  assert.equal(cleared.statusCode, 204);
  assert.equal((await lastAudit()).action, 'PARAMETER_CLEARED');
  assert.equal(await certificateMaxAgeFor(w.database.db, '010301', 6), 12);
  const lead = await admin.req({
    method: 'PUT',
    url: '/api/admin/parameters',
    payload: { name: 'EXPIRY_REMINDER_DAYS', value: 45 },
  });
  assert.equal(lead.statusCode, 200, lead.body);
  assert.equal(await parameterValue(w.database.db, 'EXPIRY_REMINDER_DAYS', ['']), 45);
});

test('setting an exemption duration is audited', async () => {
  const set = await admin.req({
    method: 'PUT',
    url: '/api/admin/exemption-codes/013.250/duration',
    payload: { amount: 24, unit: 'MONTHS' },
  });
  assert.equal(set.statusCode, 200, set.body);
  const row = await lastAudit();
  assert.equal(row.action, 'DURATION_SET');
  assert.equal(row.targetId, '013.250');
  assert.equal(row.detail.maxAmount, 24);
});

test('the trail is a verified HMAC chain: an edit behind the trigger is found', async () => {
  const ok = await verifyAdminAudit(w.database.db);
  assert.equal(ok.ok, true);
  assert.ok(ok.rows >= 10, `rows: ${ok.rows}`);
  await assert.rejects(w.database.db.execute(sql`update admin_audit set action = 'X' where id = 1`));
  await w.database.db.execute(sql`alter table admin_audit disable trigger admin_audit_no_update`);
  await w.database.db.execute(sql`update admin_audit set detail = '{}' where id = 2`);
  await w.database.db.execute(sql`alter table admin_audit enable trigger admin_audit_no_update`);
  const broken = await verifyAdminAudit(w.database.db);
  assert.equal(broken.ok, false);
  assert.equal(!broken.ok && broken.brokenAtId, 2);
});
