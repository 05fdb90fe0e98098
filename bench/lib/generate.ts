/**
 * Fills a migrated database with realistic, set-based data for the benchmarks: people with valid fiscal
 * codes, ten years of cases in the 12 Piemonte ASLs (weighted by population), codes weighted by
 * prevalence, history rows, registry exemptions, and the bench users and API key.
 *
 * Everything is `insert … select … from generate_series` in the database, so the same code runs on
 * PostgreSQL and PGlite. Secondary indexes and foreign keys of the big tables are dropped during the
 * load and re-created at the end (much faster than maintaining them row by row).
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkCharacter, REJECTION_REASONS, type Role } from '@esenzioni/domain';
import type { Database } from '../../packages/server/src/db/client.js';
import { migrateDatabase } from '../../packages/server/src/db/client.js';
import { importCatalogues } from '../../packages/server/src/catalog/import.js';
import { hashSecret } from '../../packages/server/src/auth/passwords.js';
import { createApiKey } from '../../packages/server/src/auth/api-keys.js';
import {
  appUser,
  caseHistory,
  exemptionCase,
  registryExemption,
  userProfile,
} from '../../packages/server/src/db/schema.js';
import {
  insertSelectSql,
  REGISTRY_FROM_CASE,
  validUntilSql,
  durationJoinSql,
} from '../../packages/server/src/db/repositories/case-rows.js';
import { FEMALE_NAMES, MALE_NAMES, SURNAMES, firstNamePart, surnamePart } from './names.js';
import { REPO_ROOT, sqlOf, type Sql } from './sql.js';

/** The 12 Piemonte ASLs and their resident population (ISTAT 2023, thousands, rounded). */
export const ASL_POPULATION: ReadonlyArray<readonly [string, number]> = [
  ['010301', 848], // Città di Torino
  ['010203', 578], // TO3
  ['010204', 512], // TO4
  ['010205', 305], // TO5
  ['010206', 163], // VC
  ['010207', 168], // BI
  ['010208', 344], // NO
  ['010209', 155], // VCO
  ['010210', 415], // CN1
  ['010211', 170], // CN2
  ['010212', 206], // AT
  ['010213', 408], // AL
];
/** The ASL whose operator the benchmarks log in as: the largest, so the worst case. */
export const BENCH_ASL = '010301';

/**
 * Codes of cases, weighted by how often they are issued (Piemonte: hypertension 031/031A first,
 * diabetes 013 second, tumours 048 third, then the long tail of chronic, invalidity and rare diseases).
 */
export const CODE_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['031.402', 12], ['031.403', 4], ['031.404', 2], ['031.405', 3], ['031A.401', 11],
  ['013.250', 16],
  ['048', 13],
  ['C01', 2], ['C02', 3], ['C03', 3], ['C05', 1], ['L03', 1], ['L04', 1], ['G02', 1],
  ['021.428', 3], ['024.518.81', 2], ['029.331.0', 2], ['038.332', 2], ['035.242.0', 1],
  ['016.070.54', 1], ['054.720.0', 2], ['026.252.0', 1], ['044.296.0', 2],
  ['RF0100', 1], ['RB0010', 1],
]; // prettier-ignore

export interface GenerateOptions {
  cases: number;
  /** people; default 0.75 × cases (1.5 M at 2 M cases) */
  people?: number;
  /** registry exemptions; default 0.5 × cases (1 M at 2 M cases) */
  registry?: number;
  log?: (line: string) => void;
  /** where to write the credentials; null = do not write */
  credentialsFile?: string | null;
}

export interface BenchCredentials {
  operator: { username: string; password: string; pin: string; aslId: string };
  gp: { username: string; password: string; pin: string };
  apiKey: string;
}

export interface GenerateResult {
  counts: Record<string, number>;
  seconds: number;
  credentials: BenchCredentials;
}

export const DEFAULT_CREDENTIALS_FILE = path.join(REPO_ROOT, 'bench', 'results', '.bench-credentials.json');
const BIG_TABLES = ['exemption_case', 'case_history', 'person', 'registry_exemption'];

/** The (Rome) day a validated case was validated: its validity starts then, as in the product. */
const VALIDATED_ON = `(z.upd at time zone 'Europe/Rome')::date`;

/**
 * Durations an administrator sets (tumours, 048: five years), so that validity goes through the
 * domain's rule (case-rows.ts validUntilSql) with a duration as well as without.
 */
export const BENCH_DURATIONS: ReadonlyArray<readonly [string, number, 'DAYS' | 'MONTHS' | 'YEARS']> = [
  ['048', 5, 'YEARS'],
];

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: readonly string[]) => `array[${xs.map(lit).join(',')}]::text[]`;

/** 1000 slots, each value repeated in proportion to its weight: `(slots)[1 + k]` picks by weight. */
function slots(weights: ReadonlyArray<readonly [string, number]>, n = 1000): string[] {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  const out: string[] = [];
  let acc = 0;
  for (const [v, w] of weights) {
    acc += w;
    while (out.length < Math.round((acc / total) * n)) out.push(v);
  }
  return out;
}

/** Districts per ASL, as the demo seed makes them: Torino 4, CN2 2 (Alba, Bra), others 2–4. */
export const districtCount = (aslId: string) =>
  aslId === '010301' ? 4 : aslId === '010211' ? 2 : 2 + (Number(aslId.slice(3)) % 3);

function piemonteBelfiore(): string[] {
  const csv = fs.readFileSync(path.join(REPO_ROOT, 'data', 'comuni_istat_belfiore.csv'), 'utf8');
  const out: string[] = [];
  for (const line of csv.split('\n').slice(1)) {
    const cols = line.split(',');
    // codice_istat,nome,codice_catastale,…,cod_regione,regione — names have no commas in this file's Piemonte rows
    if (cols[cols.length - 1]?.trim() === 'Piemonte' && cols[2] && /^[A-Z]\d{3}$/.test(cols[2]))
      out.push(cols[2]);
  }
  return out;
}

export function benchFiscalCode(first15: string): string {
  return first15 + checkCharacter(first15);
}

async function timed(log: (l: string) => void, label: string, f: () => Promise<unknown>): Promise<void> {
  const t = Date.now();
  log(`  ${label}…`);
  await f();
  log(`  ${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

export async function generate(database: Database, opts: GenerateOptions): Promise<GenerateResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const started = Date.now();
  const C = Math.max(100, Math.round(opts.cases));
  const P = Math.max(100, Math.round(opts.people ?? C * 0.75));
  const R = Math.max(10, Math.round(opts.registry ?? C * 0.5));
  log(
    `generating ${C.toLocaleString('en')} cases, ${P.toLocaleString('en')} people, ${R.toLocaleString('en')} registry exemptions on ${database.kind}`,
  );

  await timed(log, 'migrations', () => migrateDatabase(database));
  await timed(log, 'catalogues', () => importCatalogues(database.db));
  const s = await sqlOf(database);
  try {
    const existing = await s.query<{ n: number }>('select count(*)::int as n from exemption_case');
    if ((existing[0]?.n ?? 0) > 0)
      throw new Error('the database already has cases: use a fresh database (--fresh)');
    if (database.kind === 'postgres') {
      await s.exec(
        `set work_mem = '256MB'; set maintenance_work_mem = '512MB'; set synchronous_commit = off;`,
      );
    }
    await load(s, { C, P, R, log });
  } finally {
    await s.release();
  }
  const credentials = await benchUsers(database);
  if (opts.credentialsFile !== null) {
    const file = opts.credentialsFile ?? DEFAULT_CREDENTIALS_FILE;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
    log(`  credentials written to ${path.relative(process.cwd(), file)}`);
  }
  const s2 = await sqlOf(database);
  const counts: Record<string, number> = {};
  try {
    for (const t of [...BIG_TABLES, 'app_user', 'api_key']) {
      const r = await s2.query<{ n: number }>(`select count(*)::int as n from ${t}`);
      counts[t] = r[0]?.n ?? 0;
    }
    const closed = await s2.query<{ n: number }>(
      `select count(*)::int as n from exemption_case where status in ('VALIDATED','REJECTED','CANCELLED')`,
    );
    counts.closed = closed[0]?.n ?? 0;
  } finally {
    await s2.release();
  }
  const seconds = (Date.now() - started) / 1000;
  log(
    `done in ${seconds.toFixed(1)} s: ${Object.entries(counts)
      .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
      .join(', ')}`,
  );
  return { counts, seconds, credentials };
}

async function load(
  s: Sql,
  { C, P, R, log }: { C: number; P: number; R: number; log: (l: string) => void },
): Promise<void> {
  const belfiore = piemonteBelfiore();
  const names = [...MALE_NAMES, ...FEMALE_NAMES];
  const S = SURNAMES.length;
  const N = names.length;
  const D = 32_000; // birth days from 1930-01-01 (to 2017)
  const B = belfiore.length;
  // fiscal codes are unique: n ↦ (n × a) mod M is a bijection when a is prime to M, and M = S·N·D·B
  const M = S * N * D * B;
  const A = 1_000_003;

  // ---------------------------------------------------------------- helpers and districts
  await s.exec(`
    create or replace function bench_cf_check(s text) returns text language plpgsql immutable as $$
    declare
      odd int[] := array[1,0,5,7,9,13,15,17,19,21,2,4,18,20,11,3,6,8,12,14,16,10,22,25,24,23];
      total int := 0; c int; v int;
    begin
      for i in 1..15 loop
        c := ascii(substr(s, i, 1));
        v := case when c between 48 and 57 then c - 48 else c - 65 end;
        total := total + case when i % 2 = 1 then odd[v + 1] else v end;
      end loop;
      return chr(65 + total % 26);
    end $$;`);
  const districtRows = ASL_POPULATION.flatMap(([aslId]) =>
    Array.from({ length: districtCount(aslId) }, (_, i) => {
      const name = aslId === '010211' ? (i === 0 ? 'Alba' : 'Bra') : `Distretto ${i + 1}`;
      return `(${lit(`${aslId}-${String(i + 1).padStart(2, '0')}`)}, ${lit(aslId)}, ${lit(name)})`;
    }),
  );
  await s.exec(
    `insert into district (id, asl_id, name) values ${districtRows.join(',')} on conflict (id) do nothing`,
  );

  // ---------------------------------------------------------------- drop secondary indexes and FKs during the load
  const tables = BIG_TABLES.map(lit).join(',');
  const indexes = await s.query<{ name: string; def: string }>(`
    select ci.relname as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class c on c.oid = i.indrelid join pg_class ci on ci.oid = i.indexrelid
    where c.relname in (${tables}) and not i.indisprimary
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`);
  const fks = await s.query<{ tbl: string; name: string; def: string }>(`
    select c.relname as tbl, k.conname as name, pg_get_constraintdef(k.oid) as def
    from pg_constraint k join pg_class c on c.oid = k.conrelid
    where k.contype = 'f' and c.relname in (${tables})`);
  for (const f of fks) await s.exec(`alter table ${f.tbl} drop constraint ${f.name}`);
  for (const i of indexes) await s.exec(`drop index ${i.name}`);
  log(`  dropped ${indexes.length} indexes and ${fks.length} foreign keys for the load`);

  // ---------------------------------------------------------------- people
  const aslSlots = arr(slots(ASL_POPULATION));
  const nDistricts = `case x.asl ${ASL_POPULATION.map(([a]) => `when ${lit(a)} then ${districtCount(a)}`).join(' ')} end`;
  await timed(log, `people (${P.toLocaleString('en')})`, () =>
    s.exec(`
      drop table if exists bench_people;
      create unlogged table bench_people (
        n int primary key, fiscal_code varchar(16) not null, first_name text not null, last_name text not null,
        sex char(1) not null, birth_date date not null, birth_place varchar(4) not null, asl_id varchar(6) not null, district_id varchar(16) not null);
      insert into bench_people
      select x.n, x.f15 || bench_cf_check(x.f15), x.first_name, x.last_name, x.sex, x.birth_date, x.place, x.asl,
             x.asl || '-' || lpad((1 + floor(x.rd * ${nDistricts}))::int::text, 2, '0')
      from (
        select n, f15, first_name, last_name, sex, birth_date, place, asl, rd from (
          select y.*,
            (${arr(SURNAMES.map(surnamePart))})[1 + y.si] || (${arr(names.map(firstNamePart))})[1 + y.ni]
              || to_char(y.birth_date, 'YY') || substr('ABCDEHLMPRST', extract(month from y.birth_date)::int, 1)
              || lpad((extract(day from y.birth_date)::int + case when y.sex = 'F' then 40 else 0 end)::text, 2, '0')
              || y.place as f15
          from (
            select z.n, z.si, z.ni,
              (${arr(SURNAMES)})[1 + z.si] as last_name, (${arr(names)})[1 + z.ni] as first_name,
              case when z.ni < ${MALE_NAMES.length} then 'M' else 'F' end as sex,
              date '1930-01-01' + z.di as birth_date, (${arr(belfiore)})[1 + z.bi] as place,
              (${aslSlots})[1 + floor(random() * 1000)::int] as asl, random() as rd
            from (
              select n, (j % ${S})::int as si, (j / ${S} % ${N})::int as ni, (j / ${S * N} % ${D})::int as di,
                     (j / ${S * N * D} % ${B})::int as bi
              from (select n, (n::bigint * ${A}) % ${M}::bigint as j from generate_series(1, ${P}) n) g
            ) z
          ) y
        ) w
      ) x;
      insert into person (fiscal_code, first_name, last_name, birth_date, birth_place_code, sex, residence_asl_id, residence_district_id)
      select fiscal_code, first_name, last_name, birth_date, birth_place, sex, asl_id, district_id from bench_people
      on conflict (fiscal_code) do nothing;
      analyze bench_people;`),
  );

  // ---------------------------------------------------------------- cases, one calendar year at a time
  for (const [code, amount, unit] of BENCH_DURATIONS)
    await s.exec(
      `insert into exemption_duration (code, max_amount, unit, source) values (${lit(code)}, ${amount}, ${lit(unit)}, 'bench')
       on conflict (code) do update set max_amount = excluded.max_amount, unit = excluded.unit`,
    );
  const codeSlots = arr(slots(CODE_WEIGHTS));
  const now = new Date();
  const windowStart = new Date(now.getTime() - 3650 * 86_400_000);
  let idOffset = 0;
  const doctors = Math.min(2000, Math.max(10, Math.floor(P / 50)));
  for (let year = windowStart.getUTCFullYear(); year <= now.getUTCFullYear(); year++) {
    const from = new Date(Math.max(windowStart.getTime(), Date.UTC(year, 0, 1)));
    const to = new Date(Math.min(now.getTime(), Date.UTC(year + 1, 0, 1)));
    const share = (to.getTime() - from.getTime()) / (now.getTime() - windowStart.getTime());
    const n = year === now.getUTCFullYear() ? C - idOffset : Math.round(C * share);
    if (n <= 0) continue;
    await timed(
      log,
      `cases ${year} (${n.toLocaleString('en')}, ${(((idOffset + n) / C) * 100).toFixed(0)}%)`,
      () =>
        s.exec(
          insertSelectSql(
            exemptionCase,
            {
              id: `${idOffset} + row_number() over (order by z.sub_at, z.g)`,
              caseNumber: `'${year}' || z.asl_id || lpad((row_number() over (partition by z.asl_id order by z.sub_at, z.g))::text, 8, '0')`,
              aslId: 'z.asl_id',
              districtId: 'z.district_id',
              beneficiaryFiscalCode: 'z.fiscal_code',
              beneficiaryFirstName: 'z.first_name',
              beneficiaryLastName: 'z.last_name',
              // the generated names are upper-case ASCII: their search keys are themselves
              beneficiaryFirstNameKey: 'z.first_name',
              beneficiaryLastNameKey: 'z.last_name',
              submitterType: `case when z.r3 < 0.8 then 'DOCTOR' else 'CITIZEN' end`,
              submitterFiscalCode: 'case when z.r3 < 0.8 then z.doctor else z.fiscal_code end',
              exemptionCode: 'z.code',
              diagnosisCode: 'z.icd9_code',
              family: 'z.family',
              status: 'z.status',
              // one per history row written below
              version: `case z.status when 'SUBMITTED' then 1 when 'IN_PROGRESS' then 2 when 'CANCELLED' then 2 else 3 end
                + case when z.status in ('VALIDATED', 'REJECTED') and z.r1 < 0.4 then 1 else 0 end`,
              submittedAt: 'z.sub_at',
              updatedAt: 'z.upd',
              validFrom: `case when z.status = 'VALIDATED' then ${VALIDATED_ON} end`,
              validUntil: `case when z.status = 'VALIDATED' then ${validUntilSql(VALIDATED_ON, 'c', 'cd')} end`,
              rejectionReason: `case when z.status = 'REJECTED' then (${arr(REJECTION_REASONS)})[1 + floor(z.r1 * ${REJECTION_REASONS.length})::int] end`,
              rejectedAt: `case when z.status = 'REJECTED' then z.upd end`,
              internalNote: `case when z.status in ('VALIDATED', 'REJECTED') and z.r1 < 0.4 then 'Verificata documentazione allegata.' end`,
              lastActorFiscalCode: `case when z.status = 'SUBMITTED' then case when z.r3 < 0.8 then z.doctor else z.fiscal_code end
                when z.status = 'CANCELLED' then z.fiscal_code else z.doctor end`,
              lastActorRole: `case when z.status = 'SUBMITTED' then case when z.r3 < 0.8 then 'SPECIALIST' else 'CITIZEN' end
                when z.status = 'CANCELLED' then 'CITIZEN' else 'DISTRICT_OPERATOR' end`,
            },
            `from z join exemption_code c on c.code = z.code ${durationJoinSql('c', 'cd')}`,
            `x as materialized (
          select g, 1 + floor(random() * ${P})::int as pn, 1 + floor(random() * ${doctors})::int as dn,
            timestamptz ${lit(from.toISOString())} + random() * (timestamptz ${lit(to.toISOString())} - timestamptz ${lit(from.toISOString())}) as sub_at,
            random() as r1, random() as r2, random() as r3, floor(random() * 1000)::int as cslot
          from generate_series(1, ${n}) g
        ), y as materialized (
          select x.*, (${codeSlots})[1 + x.cslot] as code,
            case when x.sub_at > now() - interval '120 days' or x.r1 < 0.07
                 then case when x.r2 < 0.7 then 'SUBMITTED' else 'IN_PROGRESS' end
                 else case when x.r2 < 0.85 then 'VALIDATED' when x.r2 < 0.95 then 'REJECTED' else 'CANCELLED' end end as status
          from x
        ), z as (
          select y.*, p.fiscal_code, p.first_name, p.last_name, p.asl_id, p.district_id, d.fiscal_code as doctor, e.family, e.icd9_code,
            case when y.status = 'SUBMITTED' then y.sub_at else least(now(), y.sub_at + (1 + y.r3 * 40) * interval '1 day') end as upd
          from y join bench_people p on p.n = y.pn join bench_people d on d.n = y.dn join exemption_code e on e.code = y.code
        )`,
          ),
        ),
    );
    await s.exec(
      insertSelectSql(
        caseHistory,
        {
          caseId: 'h.case_id',
          at: 'h.at',
          actorFiscalCode: 'h.actor_fiscal_code',
          actorRole: 'h.actor_role',
          action: 'h.action',
          status: 'h.status',
          internalNote: 'h.internal_note',
        },
        `from (
      select id as case_id, submitted_at as at, submitter_fiscal_code as actor_fiscal_code,
             case when submitter_type = 'DOCTOR' then 'SPECIALIST' else 'CITIZEN' end as actor_role,
             'submit' as action, 'SUBMITTED' as status, null as internal_note
        from exemption_case where id > ${idOffset}
      union all
      select id, submitted_at + (updated_at - submitted_at) / 2, last_actor_fiscal_code, 'DISTRICT_OPERATOR', 'takeCharge', 'IN_PROGRESS', null
        from exemption_case where id > ${idOffset} and status in ('IN_PROGRESS', 'VALIDATED', 'REJECTED')
      union all
      select id, updated_at - interval '1 hour', last_actor_fiscal_code, 'DISTRICT_OPERATOR', 'addNote', status, internal_note
        from exemption_case where id > ${idOffset} and internal_note is not null
      union all
      select id, updated_at, last_actor_fiscal_code, last_actor_role,
             case status when 'VALIDATED' then 'validate' when 'REJECTED' then 'reject' else 'cancel' end, status, null
        from exemption_case where id > ${idOffset} and status in ('VALIDATED', 'REJECTED', 'CANCELLED')
    ) h
    order by h.case_id, h.at`,
      ),
    );
    idOffset += n;
  }
  await s.exec(`select setval(pg_get_serial_sequence('exemption_case', 'id'), ${idOffset})`);
  await s.exec(`
    insert into case_counter (asl_id, year, last_value)
    select asl_id, substr(case_number, 1, 4)::int, max(substr(case_number, 11, 8)::int) from exemption_case group by 1, 2
    on conflict (asl_id, year) do update set last_value = excluded.last_value`);

  // ---------------------------------------------------------------- registry
  await timed(log, `registry exemptions (${R.toLocaleString('en')})`, async () => {
    const v =
      (
        await s.query<{ n: number }>(
          `select count(*)::int as n from exemption_case where status = 'VALIDATED'`,
        )
      )[0]?.n ?? 0;
    const fromCases = Math.min(v, R);
    await s.exec(
      insertSelectSql(
        registryExemption,
        { ...REGISTRY_FROM_CASE, createdAt: 'updated_at' },
        `from exemption_case where status = 'VALIDATED' and random() < ${v ? fromCases / v : 0}`,
      ),
    );
    const have =
      (await s.query<{ n: number }>('select count(*)::int as n from registry_exemption'))[0]?.n ?? 0;
    if (have < R) {
      // income exemptions, issued without a case (self-declaration at the ASL desk)
      await s.exec(
        insertSelectSql(
          registryExemption,
          {
            fiscalCode: 'p.fiscal_code',
            exemptionCode: `(array['E01','E02','E03','E04'])[1 + floor(random() * 4)::int]`,
            family: `'INCOME'`,
            validFrom: `(date '2016-04-01' + floor(random() * 3000)::int)`,
            aslId: 'p.asl_id',
            createdAt: 'now()',
          },
          `from (select 1 + floor(random() * ${P})::int as pn from generate_series(1, ${R - have})) g join bench_people p on p.n = g.pn`,
        ),
      );
    }
  });

  // ---------------------------------------------------------------- indexes, keys, statistics
  await timed(log, `indexes (${indexes.length}) and foreign keys (${fks.length})`, async () => {
    for (const i of indexes) await s.exec(i.def);
    for (const f of fks) await s.exec(`alter table ${f.tbl} add constraint ${f.name} ${f.def}`);
  });
  await s.exec('drop table bench_people; drop function bench_cf_check(text);');
  await timed(log, 'vacuum analyze', () => s.exec(`vacuum analyze ${BIG_TABLES.join(', ')}`));
}

/** The operator of the largest ASL, a GP, and an API key for registry lookups. */
async function benchUsers(database: Database): Promise<BenchCredentials> {
  const password = 'Bench-Password-2026';
  const pin = '864209';
  const [passwordHash, pinHash] = await Promise.all([hashSecret(password), hashSecret(pin)]);
  const db = database.db;
  const users: Array<{ username: string; fiscalCode: string; role: Role; aslId: string }> = [
    {
      username: 'bench.op',
      fiscalCode: benchFiscalCode('BNCPRT80A01L219'),
      role: 'DISTRICT_OPERATOR',
      aslId: BENCH_ASL,
    },
    { username: 'bench.gp', fiscalCode: benchFiscalCode('BNCMDC75B41L219'), role: 'GP', aslId: BENCH_ASL },
  ];
  for (const u of users) {
    const [row] = await db
      .insert(appUser)
      .values({
        username: u.username,
        passwordHash,
        pinHash,
        fiscalCode: u.fiscalCode,
        firstName: 'BENCH',
        lastName: u.username.toUpperCase(),
      })
      .returning({ id: appUser.id });
    if (!row) throw new Error('user not created');
    await db.insert(userProfile).values({ userId: row.id, role: u.role, aslId: u.aslId, districtId: null });
  }
  const key = await createApiKey(db, 'bench');
  return {
    operator: { username: 'bench.op', password, pin, aslId: BENCH_ASL },
    gp: { username: 'bench.gp', password, pin },
    apiKey: key.key,
  };
}
