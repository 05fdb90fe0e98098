/**
 * IDOR matrix (issue 9 §8): every route of the OpenAPI document × every kind of caller, each request aimed at
 * a resource that belongs to somebody else (a case and a person of ASL CN2, another citizen's delegation,
 * notification and exemption). The matrix is generated from the OpenAPI document, so a route added tomorrow
 * fails this test until it is listed in ROUTES with who may reach the foreign resource.
 *
 * For each pair: never a 5xx; a caller not listed as allowed never gets a 2xx and never sees the foreign
 * person's name; an allowed caller of a read gets its 2xx (so the matrix cannot pass by refusing everybody).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApiKey } from '../src/auth/api-keys.js';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { newCase, PEOPLE, USERS } from './helpers/fixtures.js';

type ActorName =
  | 'anonymous'
  | 'citizen'
  | 'lucia'
  | 'gp'
  | 'specialist'
  | 'specialist2'
  | 'opTorino'
  | 'opBra'
  | 'counter'
  | 'admin'
  | 'apiKey';
const ACTORS: ActorName[] = [
  'anonymous',
  'citizen',
  'lucia',
  'gp',
  'specialist',
  'specialist2',
  'opTorino',
  'opBra',
  'counter',
  'admin',
  'apiKey',
];

interface Targets {
  caseNumber: string;
  attachmentId: string;
  exemptionId: string;
  delegationId: string;
  notificationId: string;
}

interface RouteRule {
  /** callers who may get a 2xx on the foreign resource */
  allowed: ActorName[];
  /** how the request is filled: path params, query and body aimed at the foreign resource */
  request(
    t: Targets,
  ): Pick<InjectOptions, 'query' | 'payload' | 'headers'> & { params?: Record<string, string> };
  /** routes that change state are not replayed for allowed callers (the foreign resource would change) */
  mutates?: boolean;
  /** the route answers the same harmless data to everyone (login, catalogue): only "no 5xx" applies */
  public?: boolean;
  /** ends the caller's session: not replayed here (it would log every caller out; api-auth tests cover it) */
  endsSession?: boolean;
}

const FOREIGN = PEOPLE.bra; // ASL 010211 CN2, district Bra
const OTHER_CITIZEN = PEOPLE.giovanni; // delegate of lucia; not the logged-in citizen
const CN2_READERS: ActorName[] = ['opBra'];

const none = () => ({});
const ROUTES: Record<string, RouteRule> = {
  'POST /api/auth/login': {
    allowed: [],
    public: true,
    request: () => ({ payload: { username: 'nessuno', password: 'x', pin: '000000' } }),
  },
  'POST /api/auth/profile': {
    allowed: [],
    public: true,
    request: () => ({ payload: { profileId: '999999' } }),
  },
  'GET /api/auth/me': { allowed: [], public: true, request: none },
  'POST /api/auth/logout': { allowed: [], public: true, endsSession: true, request: none },
  'POST /api/auth/logout-all': { allowed: [], public: true, endsSession: true, request: none },
  // issue 13: the identity logins carry no foreign resource (the identity comes from the provider or the certificate)
  'GET /api/auth/methods': { allowed: [], public: true, request: none },
  'GET /api/auth/oidc/jwks': { allowed: [], public: true, request: none },
  'GET /api/auth/oidc/{provider}/start': {
    allowed: [],
    public: true,
    request: () => ({ params: { provider: 'spid' } }),
  },
  'GET /api/auth/oidc/{provider}/callback': {
    allowed: [],
    public: true,
    request: () => ({ params: { provider: 'spid' }, query: { code: 'x', state: 'y' } }),
  },
  'POST /api/auth/certificate': { allowed: [], public: true, mutates: true, request: none },
  // unlocking an operator's account is for administrators only
  'POST /api/auth/unlock': {
    allowed: ['admin'],
    mutates: true,
    request: () => ({ payload: { username: 'op.bra' } }),
  },
  'GET /api/cases': {
    allowed: [],
    public: true,
    request: () => ({ query: { view: 'todo', fiscalCode: FOREIGN.fiscalCode } }),
  },
  'POST /api/cases': { allowed: [], public: true, mutates: true, request: () => ({ payload: {} }) },
  'GET /api/cases/export.csv': {
    allowed: [],
    public: true,
    request: () => ({ query: { view: 'todo', fiscalCode: FOREIGN.fiscalCode } }),
  },
  'GET /api/cases/suggest-codes': {
    allowed: [],
    public: true,
    request: () => ({ query: { diagnosisCode: '250.00' } }),
  },
  'GET /api/cases/{caseNumber}': {
    allowed: CN2_READERS,
    request: (t) => ({ params: { caseNumber: t.caseNumber } }),
  },
  'GET /api/cases/{caseNumber}/history': {
    allowed: CN2_READERS,
    request: (t) => ({ params: { caseNumber: t.caseNumber } }),
  },
  'GET /api/cases/{caseNumber}/certificate': {
    allowed: CN2_READERS,
    request: (t) => ({ params: { caseNumber: t.caseNumber } }),
  },
  'GET /api/cases/{caseNumber}/attachments/{id}': {
    allowed: CN2_READERS,
    request: (t) => ({ params: { caseNumber: t.caseNumber, id: t.attachmentId } }),
  },
  'POST /api/cases/{caseNumber}/take-charge': {
    allowed: CN2_READERS,
    mutates: true,
    request: (t) => ({ params: { caseNumber: t.caseNumber }, headers: { 'if-match': '"1"' }, payload: {} }),
  },
  'POST /api/cases/{caseNumber}/validate': {
    allowed: CN2_READERS,
    mutates: true,
    request: (t) => ({ params: { caseNumber: t.caseNumber }, headers: { 'if-match': '"1"' }, payload: {} }),
  },
  'POST /api/cases/{caseNumber}/reject': {
    allowed: CN2_READERS,
    mutates: true,
    request: (t) => ({
      params: { caseNumber: t.caseNumber },
      headers: { 'if-match': '"1"' },
      payload: { reason: 'OTHER', beneficiaryNote: 'motivo' },
    }),
  },
  'POST /api/cases/{caseNumber}/revoke': {
    allowed: CN2_READERS,
    mutates: true,
    request: (t) => ({
      params: { caseNumber: t.caseNumber },
      headers: { 'if-match': '"1"' },
      payload: { reason: 'REQUIREMENTS_LOST' },
    }),
  },
  'POST /api/cases/{caseNumber}/annul': {
    allowed: CN2_READERS,
    mutates: true,
    request: (t) => ({ params: { caseNumber: t.caseNumber }, headers: { 'if-match': '"1"' }, payload: {} }),
  },
  // issue 17 §2: «Correggi diagnosi», the district of the case's ASL only
  'POST /api/cases/{caseNumber}/diagnosis': {
    allowed: CN2_READERS,
    mutates: true,
    request: (t) => ({
      params: { caseNumber: t.caseNumber },
      headers: { 'if-match': '"1"' },
      payload: { diagnosisCode: '174.9' },
    }),
  },
  // a «revoca con blocco» is lifted only by a district operator of the person's ASL
  'POST /api/people/{fiscalCode}/blocks/{code}/lift': {
    allowed: CN2_READERS,
    mutates: true,
    request: () => ({ params: { fiscalCode: FOREIGN.fiscalCode, code: '048' }, payload: {} }),
  },
  'POST /api/cases/{caseNumber}/notes': {
    allowed: CN2_READERS,
    mutates: true,
    request: (t) => ({
      params: { caseNumber: t.caseNumber },
      headers: { 'if-match': '"1"' },
      payload: { internalNote: 'nota' },
    }),
  },
  'POST /api/cases/{caseNumber}/cancel': {
    allowed: [],
    mutates: true,
    request: (t) => ({ params: { caseNumber: t.caseNumber }, headers: { 'if-match': '"1"' }, payload: {} }),
  },
  // a renewal: the specialist who sent the case, the counter of its ASL (none of them is an actor here)
  'POST /api/cases/{caseNumber}/renew': {
    allowed: [],
    mutates: true,
    request: (t) => ({ params: { caseNumber: t.caseNumber }, payload: { issuedOn: '2026-01-02' } }),
  },
  // the regional registry answers any prescriber or pharmacy in the region, by design (docs/domain.md §2.6)
  'GET /api/registry/exemptions': {
    allowed: ['gp', 'opTorino', 'opBra', 'apiKey'],
    request: () => ({ query: { fiscalCode: FOREIGN.fiscalCode } }),
  },
  // issue 14: the FHIR read API answers the registry lookup's callers (docs/interoperability.md)
  'GET /fhir/metadata': { allowed: [], public: true, request: none },
  'GET /fhir/Patient': {
    allowed: ['gp', 'opTorino', 'opBra', 'apiKey'],
    request: () => ({ query: { identifier: `http://hl7.it/sid/codiceFiscale|${FOREIGN.fiscalCode}` } }),
  },
  'GET /fhir/Coverage': {
    allowed: ['gp', 'opTorino', 'opBra', 'apiKey'],
    request: () => ({ query: { 'beneficiary:identifier': FOREIGN.fiscalCode } }),
  },
  'GET /fhir/Coverage/{id}': {
    allowed: ['gp', 'opTorino', 'opBra', 'apiKey'],
    request: (t) => ({ params: { id: t.exemptionId } }),
  },
  // a specialist certifies patients of any ASL; operators look up only people of their own ASL
  'GET /api/people/{fiscalCode}': {
    allowed: ['specialist', 'specialist2', 'opBra'],
    request: () => ({ params: { fiscalCode: FOREIGN.fiscalCode } }),
  },
  // one attestato per person: operators of the person's ASL only (another ASL: 404)
  'GET /api/people/{fiscalCode}/attestato.pdf': {
    allowed: ['opBra'],
    request: () => ({ params: { fiscalCode: FOREIGN.fiscalCode } }),
  },
  'GET /api/me/attestato.pdf': {
    allowed: [],
    request: () => ({ query: { onBehalfOf: FOREIGN.fiscalCode } }),
  },
  // the public check of an attestato answers only "valido alla data …" or "non valido"
  'GET /api/attestati/verify/{code}': {
    allowed: [],
    public: true,
    request: () => ({ params: { code: 'ABCD-EFGH-JKMN-PQRS' } }),
  },
  'GET /api/me/access-log': {
    allowed: [],
    public: true,
    request: () => ({ query: { onBehalfOf: FOREIGN.fiscalCode } }),
  },
  'GET /api/me/exemptions': {
    allowed: [],
    public: true,
    request: () => ({ query: { onBehalfOf: FOREIGN.fiscalCode } }),
  },
  'GET /api/me/exemptions/{id}/attestato.pdf': {
    allowed: [],
    request: (t) => ({ params: { id: t.exemptionId } }),
  },
  'GET /api/me/cases': {
    allowed: [],
    public: true,
    request: () => ({ query: { onBehalfOf: FOREIGN.fiscalCode } }),
  },
  'POST /api/me/cases': { allowed: [], public: true, mutates: true, request: () => ({ payload: {} }) },
  'GET /api/me/cases/{caseNumber}': {
    allowed: [],
    request: (t) => ({ params: { caseNumber: t.caseNumber } }),
  },
  'POST /api/me/cases/{caseNumber}/cancel': {
    allowed: [],
    mutates: true,
    request: (t) => ({ params: { caseNumber: t.caseNumber }, payload: {} }),
  },
  'POST /api/me/cases/{caseNumber}/renew': {
    allowed: [],
    mutates: true,
    request: (t) => ({
      params: { caseNumber: t.caseNumber },
      query: { onBehalfOf: FOREIGN.fiscalCode },
      payload: {},
    }),
  },
  'POST /api/delegations': { allowed: [], public: true, mutates: true, request: () => ({ payload: {} }) },
  'GET /api/delegations': { allowed: [], public: true, request: none },
  // lucia's own delegation; the counter of her ASL registers and revokes delegations of people who come in person
  'POST /api/delegations/{id}/revoke': {
    allowed: ['lucia', 'counter'],
    mutates: true,
    request: (t) => ({ params: { id: t.delegationId }, payload: {} }),
  },
  'GET /api/notifications': { allowed: [], public: true, request: none },
  'POST /api/notifications/{id}/read': {
    allowed: [],
    mutates: true,
    request: (t) => ({ params: { id: t.notificationId }, payload: {} }),
  },
  'GET /api/catalog/exemptions': { allowed: [], public: true, request: () => ({ query: { q: '048' } }) },
  'GET /api/catalog/diagnoses': { allowed: [], public: true, request: () => ({ query: { q: '250' } }) },
  // issue 12 §9, §5 (H1): catalogue data and a computation, no person's data
  'GET /api/catalog/documents': {
    allowed: [],
    public: true,
    request: () => ({ query: { family: 'INVALIDITY' } }),
  },
  'GET /api/catalog/pregnancy': { allowed: [], public: true, request: () => ({ query: { week: '12' } }) },
  // issue 12 §8 (H4): reference data (what a code covers), no person's data
  'GET /api/catalog/exemptions/{code}/services': {
    allowed: [],
    public: true,
    request: () => ({ params: { code: '048' } }),
  },
  // issue 12 §6 (H5): the Region's codes are reference data; a counter issues only to people of its ASL
  'GET /api/regional/codes': { allowed: [], public: true, request: none },
  'POST /api/regional/exemptions': {
    allowed: [],
    mutates: true,
    request: () => ({
      payload: {
        exemptionCode: 'OD1',
        beneficiary: FOREIGN.fiscalCode,
        incomeCents: 900000,
        documentsShown: true,
        dpr445Accepted: true,
      },
    }),
  },
  // issue 12 §1 (H2): income declarations. The foreign case is not a declaration, so nobody reads it here
  // (income.test.ts checks that the ASL's operators and the person or delegate do, and others get 404);
  // the counter declares only for people of its ASL, a citizen only for themselves or a delegator
  'POST /api/income-declarations': {
    allowed: [],
    mutates: true,
    request: () => ({
      payload: {
        beneficiaryFiscalCode: FOREIGN.fiscalCode,
        declarantFiscalCode: FOREIGN.fiscalCode,
        declarantTitle: 'SELF',
        identityDocument: {
          kind: 'PASSAPORTO',
          number: 'YA1234567',
          issuedBy: 'Questura',
          expiresOn: '2099-01-01',
        },
        exemptionCode: 'E03',
        incomeYear: new Date().getFullYear() - 1,
        householdIncomeCents: 0,
        hasSpouse: false,
        dependentChildren: 0,
        socialAllowance: true,
        dpr445Accepted: true,
      },
    }),
  },
  'GET /api/income-declarations/{caseNumber}': {
    allowed: [],
    request: (t) => ({ params: { caseNumber: t.caseNumber } }),
  },
  'GET /api/income-declarations/{caseNumber}/certificate.pdf': {
    allowed: [],
    request: (t) => ({ params: { caseNumber: t.caseNumber } }),
  },
  'POST /api/me/income-declarations': {
    allowed: [],
    mutates: true,
    request: () => ({
      query: { onBehalfOf: FOREIGN.fiscalCode },
      payload: {
        exemptionCode: 'E03',
        incomeYear: new Date().getFullYear() - 1,
        householdIncomeCents: 0,
        hasSpouse: false,
        dependentChildren: 0,
        socialAllowance: true,
        dpr445Accepted: true,
      },
    }),
  },
  'GET /api/me/income-declarations/{caseNumber}': {
    allowed: [],
    request: (t) => ({ params: { caseNumber: t.caseNumber }, query: { onBehalfOf: FOREIGN.fiscalCode } }),
  },
  'GET /api/me/income-declarations/{caseNumber}/certificate.pdf': {
    allowed: [],
    request: (t) => ({ params: { caseNumber: t.caseNumber }, query: { onBehalfOf: FOREIGN.fiscalCode } }),
  },
  'PUT /api/admin/exemption-codes/{code}/duration': {
    allowed: ['admin'],
    mutates: true,
    request: () => ({ params: { code: '048' }, payload: {} }),
  },
  'GET /api/admin/mail-outbox': { allowed: ['admin'], request: none },
  // issue 12 §8 (H4): the exempt-services files, administrator only
  'GET /api/admin/exempt-services': { allowed: ['admin'], request: none },
  'POST /api/admin/exempt-services': {
    allowed: ['admin'],
    mutates: true,
    request: () => ({
      payload: { fileName: 'x.csv', csv: 'code,service_code,note,valid_from,valid_until,source' },
    }),
  },
  'GET /api/admin/outbox/dead': { allowed: ['admin'], request: none },
  // issue 14: the reconciliations with the regional registry (ids and field names, no personal data)
  'GET /api/admin/registry/reconciliations': { allowed: ['admin'], request: none },
  'POST /api/admin/outbox/{id}/retry': {
    allowed: ['admin'],
    mutates: true,
    request: () => ({ params: { id: '999999' }, payload: {} }),
  },
  'POST /api/admin/mail-outbox/{id}/retry': {
    allowed: ['admin'],
    mutates: true,
    request: () => ({ params: { id: '999999' }, payload: {} }),
  },
  // issue 12 §2 (H3): the MEF list upload and its progress, for administrators only
  'POST /api/admin/mef-imports': {
    allowed: ['admin'],
    mutates: true,
    request: () => ({
      query: { fileName: 'elenco.csv' },
      headers: { 'content-type': 'text/csv' },
      payload: 'codice_fiscale;codice_esenzione;anno\n',
    }),
  },
  'GET /api/admin/mef-imports': { allowed: ['admin'], request: none },
  // issue 13 §3: the administration, administrator only (no personal data of citizens)
  'GET /api/admin/users': { allowed: ['admin'], request: none },
  'GET /api/admin/users/{id}': { allowed: [], request: () => ({ params: { id: '999999' } }) },
  'POST /api/admin/users': {
    allowed: ['admin'],
    mutates: true,
    request: () => ({ payload: { username: 'idor.x' } }),
  },
  'PUT /api/admin/users/{id}/profiles': {
    allowed: ['admin'],
    mutates: true,
    request: () => ({ params: { id: '999999' }, payload: { profiles: [{ role: 'ADMIN' }] } }),
  },
  'POST /api/admin/users/{id}/deactivate': {
    allowed: ['admin'],
    mutates: true,
    request: () => ({ params: { id: '999999' }, payload: {} }),
  },
  'POST /api/admin/users/{id}/activate': {
    allowed: ['admin'],
    mutates: true,
    request: () => ({ params: { id: '999999' }, payload: {} }),
  },
  'GET /api/admin/api-keys': { allowed: ['admin'], request: none },
  'POST /api/admin/api-keys': { allowed: ['admin'], mutates: true, request: () => ({ payload: {} }) },
  'POST /api/admin/api-keys/{id}/revoke': {
    allowed: ['admin'],
    mutates: true,
    request: () => ({ params: { id: '999999' }, payload: {} }),
  },
  'GET /api/admin/asls': { allowed: ['admin'], request: none },
  'GET /api/admin/districts': { allowed: ['admin'], request: none },
  'POST /api/admin/districts': { allowed: ['admin'], mutates: true, request: () => ({ payload: {} }) },
  'PUT /api/admin/districts/{id}': {
    allowed: ['admin'],
    mutates: true,
    request: () => ({ params: { id: 'NOPE' }, payload: { name: 'X' } }),
  },
  'GET /api/admin/offices': { allowed: ['admin'], request: none },
  'POST /api/admin/offices': { allowed: ['admin'], mutates: true, request: () => ({ payload: {} }) },
  'PUT /api/admin/offices/{id}': {
    allowed: ['admin'],
    mutates: true,
    request: () => ({ params: { id: '999999' }, payload: {} }),
  },
  'GET /api/admin/parameters': { allowed: ['admin'], request: none },
  'PUT /api/admin/parameters': { allowed: ['admin'], mutates: true, request: () => ({ payload: {} }) },
  'DELETE /api/admin/parameters/{name}': {
    allowed: ['admin'],
    mutates: true,
    request: () => ({ params: { name: 'EXPIRY_REMINDER_DAYS' }, query: { scope: 'none' } }),
  },
  'GET /api/admin/audit': { allowed: ['admin'], request: none },
  // issue 13 §5: the public front door, the same harmless data to everyone
  'GET /api/public/families': { allowed: [], public: true, request: none },
  'GET /api/public/offices': { allowed: [], public: true, request: none },
  // no import exists in this world: nobody gets a 2xx (the admin a 404, the others 401/403)
  'GET /api/admin/mef-imports/{id}': { allowed: [], request: () => ({ params: { id: '999999' } }) },
  // issue 13 §4: the import of the registry of assistiti (administrator only)
  'POST /api/admin/person-imports': {
    allowed: ['admin'],
    mutates: true,
    request: () => ({
      query: { fileName: 'assistiti.csv' },
      headers: { 'content-type': 'text/csv' },
      payload: 'codice_fiscale;cognome;nome;data_nascita;sesso;comune_residenza;asl;distretto;medico;stato\n',
    }),
  },
  'GET /api/admin/person-imports': { allowed: ['admin'], request: none },
  'GET /api/admin/person-imports/{id}': { allowed: [], request: () => ({ params: { id: '999999' } }) },
  // issue 12 §3 (H3): the art. 71 checks of an ASL; the foreign operator reads only their own ASL's list
  'GET /api/declaration-checks': { allowed: ['opTorino', 'opBra'], request: none },
  'POST /api/declaration-checks/{id}/outcome': {
    allowed: [],
    request: () => ({ params: { id: '999999' }, payload: { outcome: 'CONFORMING' } }),
  },
  // issue 15: aggregates for the ASL managers and the Region only (statistics.test.ts); none of these callers
  'GET /api/statistics/dashboard': { allowed: [], request: () => ({ query: { asl: '010211' } }) },
  'GET /api/statistics/export': {
    allowed: [],
    request: () => ({ query: { asl: '010211', table: 'flow', format: 'csv' } }),
  },
};

let world: TestWorld;
let targets: Targets;
const callers = new Map<ActorName, (opts: InjectOptions) => Promise<LightMyRequestResponse>>();
let openApiRoutes: string[] = [];

before(async () => {
  world = await startWorld();
  const { app, database } = world;
  const clients: Partial<Record<ActorName, Client>> = {};
  for (const name of ACTORS) {
    if (name === 'anonymous' || name === 'apiKey') continue;
    clients[name] = await login(app, USERS[name].username);
  }
  const key = await createApiKey(database.db, 'Farmacia di prova');
  callers.set('anonymous', (o) => app.inject(o));
  callers.set('apiKey', (o) =>
    app.inject({
      ...o,
      headers: { ...(o.headers as Record<string, string>), authorization: `Bearer ${key.key}` },
    }),
  );
  for (const [name, c] of Object.entries(clients)) callers.set(name as ActorName, (o) => c.req(o));

  // the foreign resources: a case (with its certificate) and an exemption of a CN2 person, lucia's delegation
  // to giovanni, and a notification of giovanni
  const caseNumber = await newCase(database.db, 'bra');
  const opBra = clients.opBra!;
  const detail = (await opBra.req({ method: 'GET', url: `/api/cases/${caseNumber}` })).json() as {
    version?: number;
  };
  const validated = await opBra.req({
    method: 'POST',
    url: `/api/cases/${caseNumber}/validate`,
    ifMatch: detail.version ?? 1,
    payload: {},
  });
  assert.equal(validated.statusCode, 200, validated.body);
  const exemptions = await database.db.execute(
    (await import('drizzle-orm'))
      .sql`select id from registry_exemption where fiscal_code = ${FOREIGN.fiscalCode} limit 1`,
  );
  const exemptionId = String((exemptions as unknown as { rows: Array<{ id: number }> }).rows[0]?.id ?? '1');
  const delegation = await clients.lucia!.req({
    method: 'POST',
    url: '/api/delegations',
    payload: { delegateFiscalCode: OTHER_CITIZEN.fiscalCode },
  });
  const delegationId = String((delegation.json() as { id?: string }).id ?? '1');
  const notes = await database.db.execute(
    (await import('drizzle-orm'))
      .sql`select id from notification where recipient_fiscal_code <> ${USERS.citizen.fiscalCode} limit 1`,
  );
  const notificationId = String((notes as unknown as { rows: Array<{ id: number }> }).rows[0]?.id ?? '1');
  const docs = await database.db.execute(
    (await import('drizzle-orm'))
      .sql`insert into document (case_id, kind, file_name, content_type, size, sha256, bytes)
      select id, 'ATTACHMENT', 'documento.pdf', 'application/pdf', 5, repeat('0', 64), '\x255044462d'::bytea
      from exemption_case where case_number = ${caseNumber} returning id`,
  );
  const attachmentId = String((docs as unknown as { rows: Array<{ id: number }> }).rows[0]?.id ?? 'missing');
  assert.notEqual(attachmentId, 'missing', 'the foreign case has a document');
  targets = { caseNumber, attachmentId, exemptionId, delegationId, notificationId };

  const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  openApiRoutes = Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
  );
});

after(async () => world?.close());

test('every route of the OpenAPI document is classified in the IDOR matrix', () => {
  const missing = openApiRoutes.filter((r) => !ROUTES[r] && r !== 'GET /');
  assert.deepEqual(missing, [], `routes to classify in security-idor.test.ts: ${missing.join(', ')}`);
});

test('no caller reaches a foreign case, person, delegation, notification or exemption it is not entitled to', async () => {
  let pairs = 0;
  const violations: string[] = [];
  for (const route of openApiRoutes) {
    const rule = ROUTES[route];
    if (!rule || rule.endsSession) continue;
    const [method, pathTemplate] = route.split(' ') as [string, string];
    for (const actor of ACTORS) {
      const allowed = rule.allowed.includes(actor);
      if (allowed && rule.mutates) continue;
      const r = rule.request(targets);
      const url = pathTemplate.replace(/\{(\w+)\}/g, (_m, name: string) =>
        encodeURIComponent(r.params?.[name] ?? '1'),
      );
      const res = await callers.get(actor)!({
        method: method as InjectOptions['method'],
        url,
        ...(r.query ? { query: r.query } : {}),
        ...(r.payload !== undefined ? { payload: r.payload as InjectOptions['payload'] } : {}),
        ...(r.headers ? { headers: r.headers } : {}),
      });
      pairs++;
      const where = `${route} as ${actor} → ${res.statusCode}`;
      if (res.statusCode >= 500) violations.push(`${where} (5xx): ${res.body.slice(0, 200)}`);
      if (rule.public) continue;
      const ok = res.statusCode >= 200 && res.statusCode < 300;
      if (!allowed && ok) violations.push(`${where}: a foreign resource was served`);
      if (!allowed && res.body.includes(FOREIGN.lastName))
        violations.push(`${where}: the foreign person's name is in the answer`);
      if (allowed && method === 'GET' && !ok)
        violations.push(`${where}: an entitled caller was refused (positive control)`);
    }
  }
  console.log(
    `IDOR matrix: ${openApiRoutes.length} routes × ${ACTORS.length} callers, ${pairs} requests, ${violations.length} violations`,
  );
  assert.deepEqual(violations, []);
});
