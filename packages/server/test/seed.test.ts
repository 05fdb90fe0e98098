/**
 * The demo seed after a real catalogue import: numbering, history, registry, documents, accounts and
 * fiscal codes are checked row by row, on PGlite and on PostgreSQL.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import {
  CASE_STATUSES,
  REJECTION_REASONS,
  checkInvalidityData,
  decodeFiscalCode,
  exemptionState,
  isValidFiscalCode,
  parseCaseNumber,
  todayInRome,
} from '@esenzioni/domain';
import { openTestDatabase } from './helpers/db.js';
import { rows, type Database } from '../src/db/client.js';
import { appUser, userProfile } from '../src/db/schema.js';
import { verifySecret } from '../src/auth/passwords.js';
import { importCatalogues } from '../src/catalog/import.js';
import { searchKey } from '../src/catalog/search-key.js';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  DEMO_PIN,
  seedDemoData,
  seedProductionAdmin,
  type SeedResult,
} from '../src/seed/demo.js';
import { computeFiscalCode } from '../src/seed/fiscal-code.js';
import { uniqueFiscalCodes } from '../src/seed/people.js';
import { SYSTEM_ACTOR } from '../src/jobs/expiry.js';
import { hasActiveDelegation } from '../src/db/repositories/delegations.js';

interface CaseRow {
  id: number;
  case_number: string;
  asl_id: string;
  district_id: string | null;
  status: string;
  version: number;
  submitted_at: Date;
  updated_at: Date;
  submitter_type: string;
  submitter_fiscal_code: string;
  beneficiary_fiscal_code: string;
  beneficiary_first_name: string;
  beneficiary_last_name: string;
  beneficiary_first_name_key: string;
  beneficiary_last_name_key: string;
  exemption_code: string;
  diagnosis_code: string | null;
  family: string;
  valid_from: string | null;
  valid_until: string | null;
  rejection_reason: string | null;
  rejected_at: Date | null;
}
interface HistoryRow {
  case_id: number;
  at: Date;
  actor_fiscal_code: string;
  actor_role: string;
  status: string;
}

let database: Database;
let seeded: SeedResult;
let cases: CaseRow[];
let seedMs = 0;
const now = new Date();

before(async () => {
  database = await openTestDatabase();
  await importCatalogues(database.db);
  const t = performance.now();
  seeded = await seedDemoData(database.db, { now });
  seedMs = performance.now() - t;
  // raw rows: pg gives timestamptz as Date, PGlite as a string; normalise to Date
  cases = (await rows<CaseRow>(database.db, sql`select * from exemption_case order by id`)).map((c) => ({
    ...c,
    submitted_at: new Date(c.submitted_at),
    updated_at: new Date(c.updated_at),
    rejected_at: c.rejected_at === null ? null : new Date(c.rejected_at),
  }));
});
after(() => database.close());

const q = <T>(query: ReturnType<typeof sql>) => rows<T>(database.db, query);

test('about 300 cases over all five states, several families, in every Piemonte ASL', async (t) => {
  t.diagnostic(`seed: ${Math.round(seedMs)} ms on ${database.kind}, ${seeded.documents} documents`);
  assert.equal(seeded.skipped, false);
  assert.equal(seeded.cases, 300);
  assert.equal(cases.length, 300);
  assert.equal(seeded.people, 200);
  const byStatus = new Map<string, number>();
  for (const c of cases) byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
  // the five states of the workflow; the exemption's own life (expiry sweep) gives EXPIRING and EXPIRED
  for (const s of CASE_STATUSES.slice(0, 5))
    assert.ok((byStatus.get(s) ?? 0) >= 10, `${s}: ${byStatus.get(s)}`);
  assert.ok((byStatus.get('EXPIRED') ?? 0) >= 1, `EXPIRED: ${byStatus.get('EXPIRED')}`);
  // «In scadenza» is exactly the issued exemptions in their last 30 days: the demo's ones with an end are
  // income exemptions, which end on 31 March (issue 12 §1), so outside March there may be none
  const today = todayInRome(now);
  for (const c of cases.filter((x) => ['VALIDATED', 'EXPIRING', 'EXPIRED'].includes(x.status))) {
    const state = exemptionState({ validFrom: c.valid_from ?? today, validUntil: c.valid_until }, today);
    const expected = state === 'EXPIRING' ? 'EXPIRING' : state === 'EXPIRED' ? 'EXPIRED' : 'VALIDATED';
    assert.equal(c.status, expected, c.case_number);
  }
  const todo = (byStatus.get('SUBMITTED') ?? 0) + (byStatus.get('IN_PROGRESS') ?? 0);
  assert.ok(todo >= 75 && todo <= 135, `about 35 % to do, got ${todo}`);
  assert.ok(new Set(cases.map((c) => c.family)).size >= 4);
  assert.equal(new Set(cases.map((c) => c.asl_id)).size, 12);
  assert.ok(cases.filter((c) => c.asl_id === '010301').length >= 80);
  const [bra] = await q<{ id: string }>(
    sql`select id from district where asl_id = '010211' and name = 'Bra'`,
  );
  assert.ok(cases.filter((c) => c.district_id === bra?.id).length >= 20);
  const oldest = Math.min(...cases.map((c) => c.submitted_at.getTime()));
  const newest = Math.max(...cases.map((c) => c.submitted_at.getTime()));
  assert.ok(newest <= now.getTime() - 2 * 86_400_000, 'ends a few days before now');
  assert.ok(
    oldest >= now.getTime() - (3 * 365 + 1) * 86_400_000 && oldest <= now.getTime() - 2 * 365 * 86_400_000,
  );
});

test('case numbers: 18 digits, unique, consecutive per ASL and year, matching case_counter', async () => {
  const groups = new Map<string, CaseRow[]>();
  for (const c of cases) {
    const p = parseCaseNumber(c.case_number);
    assert.ok(p, c.case_number);
    assert.equal(p.aslId, c.asl_id);
    assert.equal(p.year, Number(todayInRome(c.submitted_at).slice(0, 4)));
    const key = `${p.aslId}:${p.year}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  assert.equal(new Set(cases.map((c) => c.case_number)).size, cases.length);
  const counters = await q<{ asl_id: string; year: number; last_value: number }>(
    sql`select * from case_counter`,
  );
  assert.equal(counters.length, groups.size);
  for (const [key, list] of groups) {
    const sorted = [...list].sort((a, b) => a.case_number.localeCompare(b.case_number));
    sorted.forEach((c, i) => assert.equal(parseCaseNumber(c.case_number)?.progressive, i + 1, key));
    for (let i = 1; i < sorted.length; i++) {
      assert.ok(
        (sorted[i]?.submitted_at.getTime() ?? 0) >= (sorted[i - 1]?.submitted_at.getTime() ?? 0),
        'numbered in order of submission',
      );
    }
    const counter = counters.find((r) => `${r.asl_id}:${r.year}` === key);
    assert.equal(counter?.last_value, list.length, key);
  }
});

test('every history starts with the submission and ends in the current state', async () => {
  const history = (await q<HistoryRow>(sql`select * from case_history order by case_id, id`)).map((h) => ({
    ...h,
    at: new Date(h.at),
  }));
  const byCase = new Map<number, HistoryRow[]>();
  for (const h of history) byCase.set(h.case_id, [...(byCase.get(h.case_id) ?? []), h]);
  // income exemptions are self-declarations, validated at once by the system (issue 12 §1, §10)
  const declared = new Set(
    (await q<{ case_id: number }>(sql`select case_id from self_declaration`)).map((r) => Number(r.case_id)),
  );
  for (const c of cases) {
    const h = byCase.get(c.id) ?? [];
    assert.equal(h[0]?.status, 'SUBMITTED', c.case_number);
    assert.equal(h[0]?.actor_fiscal_code, c.submitter_fiscal_code);
    assert.equal(h[h.length - 1]?.status, c.status, c.case_number);
    assert.equal(h.length, c.version);
    assert.equal(h[h.length - 1]?.at.getTime(), c.updated_at.getTime());
    for (let i = 1; i < h.length; i++) assert.ok((h[i]?.at.getTime() ?? 0) >= (h[i - 1]?.at.getTime() ?? 0));
    for (const e of h) {
      assert.ok(e.at.getTime() <= now.getTime());
      // the expiry sweep run after seeding: the system, never a person
      if (e.status === 'EXPIRING' || e.status === 'EXPIRED') {
        assert.deepEqual([e.actor_fiscal_code, e.actor_role], [SYSTEM_ACTOR.fiscalCode, SYSTEM_ACTOR.role]);
        continue;
      }
      if (declared.has(c.id) && e.status === 'VALIDATED') {
        assert.deepEqual([e.actor_fiscal_code, e.actor_role], ['SISTEMA', 'ADMIN']);
        assert.equal(e.at.getTime(), h[0]?.at.getTime(), 'issued when declared');
        continue;
      }
      if (['IN_PROGRESS', 'VALIDATED', 'REJECTED'].includes(e.status))
        assert.equal(e.actor_role, 'DISTRICT_OPERATOR');
      if (e.status === 'CANCELLED' || e.status === 'SUBMITTED')
        assert.equal(e.actor_fiscal_code, c.submitter_fiscal_code);
      assert.ok(isValidFiscalCode(e.actor_fiscal_code), e.actor_fiscal_code);
    }
  }
});

test('validated cases are in the registry, rejected ones carry a reason', async () => {
  const registry = await q<{
    case_id: number;
    fiscal_code: string;
    exemption_code: string;
    valid_from: string;
    valid_until: string | null;
  }>(sql`select * from registry_exemption`);
  const issued = ['VALIDATED', 'EXPIRING', 'EXPIRED'];
  const validated = cases.filter((c) => issued.includes(c.status));
  assert.equal(registry.length, validated.length);
  for (const c of validated) {
    const r = registry.find((x) => x.case_id === c.id);
    assert.ok(r && c.valid_from, c.case_number);
    assert.equal(r.fiscal_code, c.beneficiary_fiscal_code);
    assert.equal(r.exemption_code, c.exemption_code);
    assert.equal(r.valid_from, c.valid_from);
    assert.equal(r.valid_until, c.valid_until);
  }
  for (const c of cases) {
    assert.equal(
      c.status === 'REJECTED',
      c.rejection_reason !== null && c.rejected_at !== null,
      c.case_number,
    );
    if (c.rejection_reason) assert.ok((REJECTION_REASONS as readonly string[]).includes(c.rejection_reason));
    if (!issued.includes(c.status)) assert.equal(c.valid_from, null);
  }
});

test('demo registry rows of codes with a duration (exact or base code) have their end date (issue 11)', async () => {
  const rowsWithDuration = await q<{
    exemption_code: string;
    valid_from: string;
    valid_until: string | null;
  }>(
    sql`select r.exemption_code, r.valid_from::text as valid_from, r.valid_until::text as valid_until
          from registry_exemption r join exemption_code c on c.code = r.exemption_code
         where exists (select 1 from exemption_duration d
                        where d.code in (c.code, c.base_code) and d.unit <> 'UNLIMITED')`,
  );
  // the income codes E01–E04 of data/exemption-durations.csv are among the demo's codes
  assert.ok(rowsWithDuration.length > 0, 'the demo issues codes that have a duration');
  for (const r of rowsWithDuration) {
    assert.ok(r.valid_until, `${r.exemption_code} from ${r.valid_from} has an end date`);
    assert.ok(r.valid_until >= r.valid_from, r.exemption_code);
  }
});

test('no duplicate exemptions: no two registry rows of one person and code base in force on one date; one live case per pair (issue 11 §3)', async () => {
  const overlapping = await q<{ fiscal_code: string; base: string }>(
    sql`select a.fiscal_code, split_part(a.exemption_code, '.', 1) as base
          from registry_exemption a join registry_exemption b
            on b.fiscal_code = a.fiscal_code and b.id > a.id
           and split_part(b.exemption_code, '.', 1) = split_part(a.exemption_code, '.', 1)
         where a.revoked_at is null and b.revoked_at is null
           and a.valid_from <= coalesce(b.valid_until, 'infinity'::date)
           and b.valid_from <= coalesce(a.valid_until, 'infinity'::date)`,
  );
  assert.deepEqual(overlapping, []);
  const live = new Map<string, number>();
  for (const c of cases.filter((x) => !['REJECTED', 'CANCELLED'].includes(x.status))) {
    const key = `${c.beneficiary_fiscal_code}:${c.exemption_code.split('.')[0]}`;
    live.set(key, (live.get(key) ?? 0) + 1);
  }
  assert.deepEqual(
    [...live].filter(([, n]) => n > 1),
    [],
  );
});

test('codes, diagnoses, search keys and fiscal codes are consistent', async () => {
  const [bad] = await q<{ n: number }>(sql`select count(*)::int as n from exemption_case c
    left join exemption_code e on e.code = c.exemption_code
    left join diagnosis d on d.code = c.diagnosis_code
    where e.code is null or not e.assignable or e.family <> c.family or (c.diagnosis_code is not null and d.code is null)`);
  assert.equal(bad?.n, 0);
  for (const c of cases) {
    assert.equal(c.beneficiary_first_name_key, searchKey(c.beneficiary_first_name));
    assert.equal(c.beneficiary_last_name_key, searchKey(c.beneficiary_last_name));
    assert.ok(isValidFiscalCode(c.beneficiary_fiscal_code) && isValidFiscalCode(c.submitter_fiscal_code));
  }
  const people = await q<{
    fiscal_code: string;
    birth_date: string;
    sex: string;
    birth_place_code: string;
    residence_asl_id: string;
  }>(sql`select * from person`);
  assert.equal(people.length, 200);
  for (const p of people) {
    const d = decodeFiscalCode(p.fiscal_code);
    assert.ok(d, p.fiscal_code);
    assert.deepEqual(
      [d.birthDate, d.sex, d.birthPlaceCode],
      [p.birth_date, p.sex, p.birth_place_code],
      p.fiscal_code,
    );
  }
  assert.equal(
    computeFiscalCode({
      firstName: 'Mario',
      lastName: 'Rossi',
      birthDate: '1948-10-11',
      sex: 'M',
      birthPlaceCode: 'H501',
    }),
    'RSSMRA48R11H501A',
  );
});

test('the nine demo accounts exist with their profiles and the demo password and PIN', async () => {
  assert.deepEqual(
    DEMO_ACCOUNTS.map((a) => a.username),
    // admin.cataloghi (issue 12 §8): loads the exempt-services files
    [
      'operatore.torino',
      'operatore.cn2',
      'specialista',
      'medico.base',
      'cittadino',
      'admin',
      'admin.cataloghi',
      // issue 15: the statistics of ASL Città di Torino and of the Region
      'direzione.torino',
      'analista.regione',
    ],
  );
  for (const a of DEMO_ACCOUNTS) {
    const [u] = await database.db.select().from(appUser).where(eq(appUser.username, a.username));
    assert.ok(u, a.username);
    assert.ok(isValidFiscalCode(u.fiscalCode));
    assert.equal(await verifySecret(u.passwordHash, DEMO_PASSWORD), true);
    assert.equal(await verifySecret(u.pinHash, DEMO_PIN), true);
    const profiles = await database.db.select().from(userProfile).where(eq(userProfile.userId, u.id));
    const shape = (p: { role: string; aslId: string | null; districtId: string | null }) =>
      `${p.role}/${p.aslId}/${p.districtId}`;
    assert.deepEqual(profiles.map(shape).sort(), a.profiles.map(shape).sort(), a.username);
  }
  const roles = seeded.accounts.map((a) => `${a.username}:${a.role}:${a.aslId}:${a.districtName}`);
  assert.ok(roles.includes('operatore.torino:DISTRICT_OPERATOR:010301:null'));
  assert.ok(roles.includes('operatore.torino:ADMIN_OPERATOR:010301:null'));
  assert.ok(roles.includes('operatore.cn2:DISTRICT_OPERATOR:010211:Bra'));
  assert.ok(roles.includes('direzione.torino:ASL_MANAGER:010301:null'));
  assert.ok(roles.includes('analista.regione:REGION_ANALYST:null:null'));
});

test('the citizen lives in Torino and has a submitted and a validated case in the registry', async () => {
  const [u] = await database.db.select().from(appUser).where(eq(appUser.username, 'cittadino'));
  const [p] = await q<{ residence_asl_id: string }>(
    sql`select * from person where fiscal_code = ${u?.fiscalCode ?? ''}`,
  );
  assert.equal(p?.residence_asl_id, '010301');
  const own = cases.filter((c) => c.beneficiary_fiscal_code === u?.fiscalCode);
  assert.ok(own.some((c) => c.status === 'SUBMITTED'));
  const validated = own.filter((c) => c.status === 'VALIDATED');
  assert.ok(validated.length >= 1);
  // the expiry sweep after seeding: the income exemption E01, declared 470 days ago, has ended (issue 11
  // §2; issue 12 §1: to 31 March of the following year)
  const today = todayInRome(now);
  const expired = own.filter((c) => c.status === 'EXPIRED');
  assert.ok(
    expired.some((c) => c.exemption_code === 'E01' && c.valid_until !== null && c.valid_until < today),
    'an EXPIRED E01',
  );
  const [reg] = await q<{ n: number }>(
    sql`select count(*)::int as n from registry_exemption where fiscal_code = ${u?.fiscalCode ?? ''}`,
  );
  assert.ok((reg?.n ?? 0) >= 1);
});

test('doctor and pathology cases carry a real PDF certificate; attachments only on citizen and delegate cases', async () => {
  const docs = await q<{
    case_id: number;
    kind: string;
    file_name: string;
    content_type: string;
    size: number;
    sha256: string;
    bytes: Uint8Array;
  }>(sql`select * from document`);
  const withoutCertificate: string[] = [];
  for (const c of cases) {
    const mine = docs.filter((d) => d.case_id === c.id);
    const certs = mine.filter((d) => d.kind === 'CERTIFICATE');
    // a pathology case is never validated without its certificate (issue 11 §6): every one has it, but
    // the one scripted without (MARIO ROSSI's 044.296.0, sent by a delegate, still INVIATA)
    const pathology = c.family === 'CHRONIC' || c.family === 'RARE';
    if (pathology && c.submitter_type !== 'DOCTOR' && certs.length === 0) {
      withoutCertificate.push(`${c.exemption_code} ${c.submitter_type} ${c.status}`);
      continue;
    }
    assert.equal(certs.length, c.submitter_type === 'DOCTOR' || pathology ? 1 : 0, c.case_number);
    if (c.submitter_type === 'DOCTOR') assert.equal(certs[0]?.file_name, `certificato-${c.case_number}.pdf`);
    if (c.submitter_type === 'DOCTOR') assert.equal(mine.length, 1);
  }
  assert.deepEqual(withoutCertificate, ['044.296.0 DELEGATE SUBMITTED']);
  assert.ok(docs.filter((d) => d.kind === 'CERTIFICATE').length >= 100);
  assert.ok(docs.some((d) => d.kind === 'ATTACHMENT' && d.content_type === 'image/png'));
  for (const d of docs) {
    const bytes = Buffer.from(d.bytes);
    assert.equal(bytes.length, d.size);
    assert.equal(createHash('sha256').update(bytes).digest('hex'), d.sha256);
    if (d.content_type === 'application/pdf') assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    else assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
  }
});

test('every delegate-sent case was sent under a delegation in force that day; a minor’s was entered at the counter of their ASL (issue 12 §10)', async () => {
  const delegated = cases.filter((c) => c.submitter_type === 'DELEGATE');
  assert.ok(delegated.length >= 10, `${delegated.length} delegate cases`);
  for (const c of delegated) {
    const day = todayInRome(c.submitted_at);
    assert.ok(
      await hasActiveDelegation(database.db, c.beneficiary_fiscal_code, c.submitter_fiscal_code, day),
      `case ${c.case_number}: no delegation of ${c.beneficiary_fiscal_code} to ${c.submitter_fiscal_code} on ${day}`,
    );
  }
  const made = await q<{ role: string; same_asl: boolean; n: number }>(sql`
    select d.created_by_role as role, (a.residence_asl_id = b.residence_asl_id) as same_asl, count(*)::int as n
      from delegation d join person a on a.fiscal_code = d.delegator_fiscal_code
      join person b on b.fiscal_code = d.delegate_fiscal_code
     group by 1, 2`);
  // the counter registers two residents of its own ASL; online a citizen delegates for themselves
  assert.deepEqual(
    made.filter((m) => m.role === 'ADMIN_OPERATOR' && !m.same_asl),
    [],
  );
  assert.ok(made.some((m) => m.role === 'ADMIN_OPERATOR') && made.some((m) => m.role === 'CITIZEN'));
});

test('seeding again does nothing; the production admin is created once', async () => {
  const again = await seedDemoData(database.db);
  assert.equal(again.skipped, true);
  const [n] = await q<{ n: number }>(sql`select count(*)::int as n from exemption_case`);
  assert.equal(n?.n, 300);
  const admin = {
    username: 'amministratore',
    password: 'Una-Password-Lunga-1',
    pin: '97531864',
    fiscalCode: 'rssmra48r11h501a',
    firstName: 'AMMINISTRATORE',
    lastName: 'SISTEMA',
  };
  assert.equal(await seedProductionAdmin(database.db, admin), true);
  assert.equal(
    await seedProductionAdmin(database.db, { ...admin, password: 'Altra-Password-Lunga-2' }),
    false,
  );
  const [u] = await database.db.select().from(appUser).where(eq(appUser.username, 'amministratore'));
  assert.equal(u?.fiscalCode, 'RSSMRA48R11H501A');
  assert.equal(await verifySecret(u?.passwordHash ?? '', admin.password), true);
  const profiles = await database.db
    .select()
    .from(userProfile)
    .where(eq(userProfile.userId, u?.id ?? -1));
  assert.deepEqual(
    profiles.map((p) => p.role),
    ['ADMIN'],
  );
  await assert.rejects(
    seedProductionAdmin(database.db, { ...admin, username: 'altro', fiscalCode: 'RSSMRA48R11H501B' }),
    /codice fiscale/,
  );
});

test('two demo people with the same data get distinct codes by omocodia', () => {
  const unique = uniqueFiscalCodes();
  const base = computeFiscalCode({
    firstName: 'NELLO',
    lastName: 'TRENTASEI',
    birthDate: '1953-06-10',
    sex: 'M',
    birthPlaceCode: 'L219',
  });
  const first = unique(base);
  const second = unique(base);
  assert.equal(first, 'TRNNLL53H10L219W');
  assert.equal(second.slice(0, 15), 'TRNNLL53H10L21V', 'rightmost digit 9 becomes V');
  assert.notEqual(first, second);
  assert.ok(isValidFiscalCode(second));
  assert.equal(decodeFiscalCode(second)?.birthPlaceCode, 'L219');
});

test('income exemptions are made through the income flow: each has its declaration, below the limit (issue 12 §10)', async () => {
  const income = cases.filter((c) => c.family === 'INCOME');
  assert.ok(income.length >= 15, `${income.length} income exemptions`);
  const declarations = await q<{
    case_id: number;
    code: string;
    declarant_title: string;
    household_income_cents: string | null;
    threshold_cents: string | null;
    income_year: number;
    dpr445_accepted_at: Date;
  }>(sql`select * from self_declaration`);
  const byCase = new Map(declarations.map((d) => [Number(d.case_id), d]));
  const people = new Map<string, number>();
  for (const c of income) {
    // issued at once: never sent, in progress, rejected or cancelled
    assert.ok(['VALIDATED', 'EXPIRING', 'EXPIRED'].includes(c.status), `${c.case_number} ${c.status}`);
    const d = byCase.get(c.id);
    assert.ok(d, `${c.case_number} has its declaration`);
    assert.equal(d.code, c.exemption_code);
    assert.equal(d.income_year, Number(c.valid_from!.slice(0, 4)) - 1);
    assert.equal(c.valid_until, `${Number(c.valid_from!.slice(0, 4)) + 1}-03-31`, c.case_number);
    if (c.exemption_code !== 'E03') {
      assert.ok(Number(d.household_income_cents) < Number(d.threshold_cents), c.case_number);
    }
    assert.equal(d.declarant_title === 'SELF', c.submitter_type === 'CITIZEN', c.case_number);
    people.set(c.beneficiary_fiscal_code, (people.get(c.beneficiary_fiscal_code) ?? 0) + 1);
  }
  // one income exemption per person
  assert.deepEqual(
    [...people].filter(([, n]) => n > 1),
    [],
  );
});

test('every demo invalidity case has a demo verbale that fits its code (issue 12 §4)', async () => {
  const invalidity = cases.filter((c) => c.family === 'INVALIDITY');
  assert.ok(invalidity.length >= 5, `${invalidity.length} invalidity cases`);
  const verbali = await q<{
    case_id: number;
    kind: string;
    percentage: number | null;
    category: number | null;
    accompaniment: boolean;
    verbale_number: string;
    verbale_date: string;
    issuing_body: string;
  }>(sql`select case_id, kind, percentage, category, accompaniment, verbale_number,
                verbale_date::text as verbale_date, issuing_body from invalidity_data`);
  const byCase = new Map(verbali.map((v) => [Number(v.case_id), v]));
  for (const c of invalidity) {
    const v = byCase.get(c.id);
    assert.ok(v, `${c.case_number} ${c.exemption_code} has its verbale`);
    // clearly demo data, never passing for an official document
    assert.match(v.verbale_number, /^DEMO-/);
    assert.match(v.issuing_body, /dati dimostrativi/);
    assert.ok(v.verbale_date < todayInRome(c.submitted_at), c.case_number);
    const check = checkInvalidityData(
      c.exemption_code,
      {
        invalidityKind: v.kind,
        invalidityPercentage: v.percentage ?? undefined,
        invalidityCategory: v.category ?? undefined,
        invalidityAccompaniment: v.accompaniment,
        verbaleNumber: v.verbale_number,
        verbaleDate: v.verbale_date,
        verbaleIssuer: v.issuing_body,
      },
      todayInRome(c.submitted_at),
      null,
    );
    assert.deepEqual(check.issues, [], `${c.case_number} ${c.exemption_code}`);
  }
  assert.equal(verbali.length, invalidity.length, 'no verbale on a case of another family');
});
