/**
 * Issue 13 §5: the public front door's data, read without signing in: the exemption families with
 * what they cover, who may ask and the documents to bring; the active offices with hours and closed
 * days (the administration's data; the demo's from the ASL page). No personal data; rate-limited.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { login, startWorld, type TestWorld } from './helpers/app.js';
import { useFixedTestKeys } from './helpers/audit-keys.js';
import { PUBLIC_RATE_PER_MINUTE } from '../src/routes/public.js';
import { PAGE_ASL, PAGE_OFFICES, seedPageOffices } from '../src/seed/offices.js';

let w: TestWorld;
before(async () => {
  useFixedTestKeys();
  w = await startWorld();
});
after(() => w.close());

const anonymous = (url: string) => w.app.inject({ method: 'GET', url, remoteAddress: '10.9.9.1' });

test('the families are public: what each covers, who may ask, the documents from the catalogue, the income limits', async () => {
  const res = await anonymous('/api/public/families');
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  const families = body.items.map((f: { family: string }) => f.family);
  for (const f of ['CHRONIC', 'RARE', 'INVALIDITY', 'INCOME', 'DENTAL', 'PREGNANCY'])
    assert.ok(families.includes(f), f);
  const income = body.items.find((f: { family: string }) => f.family === 'INCOME');
  assert.deepEqual(
    income.codes.map((c: { code: string }) => c.code),
    ['E01', 'E02', 'E03', 'E04'],
  );
  assert.ok(income.covers.length > 20);
  const invalidity = body.items.find((f: { family: string }) => f.family === 'INVALIDITY');
  assert.ok(invalidity.documents.length > 0, 'documents from family_document');
  assert.ok(invalidity.documents.some((d: { document: string }) => /verbale/i.test(d.document)));
  const e01 = body.incomeThresholds.find((t: { code: string }) => t.code === 'E01');
  assert.equal(e01?.baseCents, 3615198);
  assert.equal(res.headers['set-cookie'], undefined);
});

test('offices: the ASL page offices are seeded once; the public list shows active offices only, without personal data', async () => {
  const created = await w.database.db.transaction((tx) => seedPageOffices(tx, new Date()));
  assert.equal(created, PAGE_OFFICES.length);
  assert.equal(await w.database.db.transaction((tx) => seedPageOffices(tx, new Date())), 0, 'idempotent');

  const all = await anonymous('/api/public/offices');
  assert.equal(all.statusCode, 200, all.body);
  const body = all.json();
  assert.ok(body.asls.some((a: { id: string }) => a.id === PAGE_ASL));
  const page = body.items.filter((o: { aslId: string }) => o.aslId === PAGE_ASL);
  assert.equal(page.length, 6);
  const d4 = page.find((o: { districtName: string }) => o.districtName === 'Distretto 4');
  assert.equal(d4.address, 'Largo D. De Dominicis, 7');
  assert.deepEqual(
    d4.hours.map(
      (h: { weekday: number; opens: string; closes: string }) => `${h.weekday} ${h.opens}-${h.closes}`,
    ),
    ['1 08:30-11:30', '2 08:30-11:30', '2 14:30-16:00', '3 08:30-10:00', '4 08:30-11:30'],
  );
  assert.match(d4.source, /Pagina informativa/);
  assert.equal('active' in d4, false);

  // an office the administrator deactivates leaves the public page
  const admin = await login(w.app, 'admin');
  const o = await admin.req({
    method: 'POST',
    url: '/api/admin/offices',
    payload: {
      districtId: '010301-T1',
      name: 'Sportello dimostrativo',
      address: 'Via Esempio, 1 (dati dimostrativi)',
      services: ['INCOME'],
      hours: [{ weekday: 2, opens: '09:00', closes: '12:00' }],
      closures: [{ date: '2026-12-31', note: 'Chiuso' }],
    },
  });
  assert.equal(o.statusCode, 201, o.body);
  const torino = (await anonymous('/api/public/offices?aslId=010301')).json();
  assert.equal(torino.items.length, 1);
  assert.equal(torino.items[0].closures[0].date, '2026-12-31');
  await admin.req({
    method: 'PUT',
    url: `/api/admin/offices/${o.json().id}`,
    payload: {
      districtId: '010301-T1',
      name: 'Sportello dimostrativo',
      address: 'Via Esempio, 1 (dati dimostrativi)',
      services: ['INCOME'],
      hours: [],
      active: false,
    },
  });
  assert.equal((await anonymous('/api/public/offices?aslId=010301')).json().items.length, 0);
  const bad = await anonymous('/api/public/offices?aslId=abc');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /ASL non valida/);
  // nothing of a user or a person: no fiscal code pattern in the answers
  for (const url of ['/api/public/offices', '/api/public/families']) {
    const text = (await anonymous(url)).body;
    assert.doesNotMatch(text, /[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]/, url);
  }
});

test('the public reads are rate-limited per source address', async () => {
  let last = 0;
  for (let i = 0; i <= PUBLIC_RATE_PER_MINUTE; i++) {
    last = (
      await w.app.inject({
        method: 'GET',
        url: '/api/public/offices?aslId=010211',
        remoteAddress: '10.9.9.2',
      })
    ).statusCode;
  }
  assert.equal(last, 429);
  const other = await w.app.inject({ method: 'GET', url: '/api/public/offices', remoteAddress: '10.9.9.3' });
  assert.equal(other.statusCode, 200);
});
