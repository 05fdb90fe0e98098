/**
 * Statistics for the ASL managers and the Region (issue 15), on a fixture of five years of cases (the
 * demo's history generator, ~600 closed cases) plus open cases sent at chosen ages, on an injected clock:
 * - the job rebuilds the tables and every figure of the dashboard equals the SQL count on the cases and
 *   their history (flows per month, rejection reasons, lead-time median and 90th percentile, backlog by
 *   age band and district, exemptions in force by family and code, expiring in 30/60/90 days);
 * - counts of 1–4 are suppressed («< 5») and no name, fiscal code or case number is in any answer;
 * - roles: an ASL manager reads only their ASL (another ASL or its district: 403), the Region's analyst
 *   every ASL, anybody else 403;
 * - the exports: CSV with BOM, `;` and the filters line, XLSX read back with exceljs, same figures.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import {
  suppressCumulative,
  suppressPartition,
  WITHHELD,
  type StatCount,
  type StatisticsDashboard,
} from '@esenzioni/domain';
import { rows } from '../src/db/client.js';
import { insertUserWithProfiles } from '../src/db/repositories/seed.js';
import { hashSecret } from '../src/auth/passwords.js';
import { seedDistricts } from '../src/seed/districts.js';
import { seedDemoHistory } from '../src/seed/history.js';
import { statisticsJob } from '../src/jobs/statistics-schedule.js';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { newCase, PASSWORD, PIN, PEOPLE } from './helpers/fixtures.js';

const now = new Date('2026-06-15T10:00:00Z');
const DAY = 86_400_000;
const TORINO = '010301';
const CN2 = '010211';
let w: TestWorld;
let manager: Client;
let analyst: Client;
let opTorino: Client;
let gp: Client;

const get = async (c: Client, query: string) =>
  c.req({ method: 'GET', url: `/api/statistics/dashboard${query}` });
const dashboard = async (c: Client, query = '') => {
  const res = await get(c, query);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as StatisticsDashboard;
};
const shown = (n: number) => (n > 0 && n < 5 ? null : n);
const transpose = <T>(columns: T[][]): T[][] => (columns[0] ?? []).map((_, i) => columns.map((c) => c[i]!));
const q = <T>(s: ReturnType<typeof sql>) => rows<T>(w.database.db, s);

before(async () => {
  w = await startWorld({ clock: () => now });
  const db = w.database.db;
  await db.transaction((tx) => seedDistricts(tx));
  const written = await seedDemoHistory(db, { cases: 600, now });
  assert.ok(written > 500, `${written} cases`);
  // open cases at known ages: 3–4 days (×6, Torino), 20–21 days (×2: a small cell), 200 days (×5, Bra)
  type Who = keyof typeof PEOPLE;
  const ages: Array<[Who, number, string]> = [
    ...(['013.250', '031.402', '048'] as const).flatMap((code): Array<[Who, number, string]> => [
      ['torino', 3, code],
      ['torino2', 4, code],
    ]),
    ['lucia', 20, '048'],
    ['giovanni', 21, '048'],
    ...(['013.250', '031.402', '048', '031.403', '026.252.0'] as const).map((code): [Who, number, string] => [
      'bra',
      200,
      code,
    ]),
  ];
  for (const [who, days, code] of ages) await newCase(db, who, code, new Date(now.getTime() - days * DAY));
  const [passwordHash, pinHash] = await Promise.all([hashSecret(PASSWORD), hashSecret(PIN)]);
  await db.transaction(async (tx) => {
    const user = (username: string, fiscalCode: string) => ({
      username,
      passwordHash,
      pinHash,
      fiscalCode,
      firstName: 'TEST',
      lastName: username.toUpperCase(),
    });
    await insertUserWithProfiles(tx, user('stat.torino', 'STTTRN70A01L219X'), [
      { role: 'ASL_MANAGER', aslId: TORINO, districtId: null },
    ]);
    await insertUserWithProfiles(tx, user('stat.regione', 'STTRGN70A01L219X'), [
      { role: 'REGION_ANALYST', aslId: null, districtId: null },
    ]);
  });
  // the scheduled job, as the maintenance runner (PGlite) or pg-boss (PostgreSQL) runs it
  const written2 = await statisticsJob().run(db, now);
  assert.ok(written2 > 0);
  manager = await login(w.app, 'stat.torino');
  analyst = await login(w.app, 'stat.regione');
  opTorino = await login(w.app, 'op.torino');
  gp = await login(w.app, 'gp');
});
after(() => w?.close());

const PERIOD = '?from=2024-07&to=2026-06';

test('the flows per month equal the SQL counts of cases and decisions (Rome months), small cells suppressed', async () => {
  const d = await dashboard(manager, PERIOD);
  assert.equal(d.filters.asl, TORINO);
  assert.equal(d.snapshotDate, '2026-06-15');
  assert.equal(d.flow.length, 24);
  const received = await q<{ m: string; n: number }>(
    sql`select to_char(submitted_at at time zone 'Europe/Rome', 'YYYY-MM') as m, count(*)::int as n
          from exemption_case where asl_id = ${TORINO} group by 1`,
  );
  const decided = await q<{ m: string; status: string; n: number }>(
    sql`select to_char(h.at at time zone 'Europe/Rome', 'YYYY-MM') as m, h.status, count(*)::int as n
          from case_history h join exemption_case c on c.id = h.case_id
         where c.asl_id = ${TORINO} and h.action in ('validate', 'reject', 'cancel', 'annul')
           and h.status in ('VALIDATED', 'REJECTED', 'CANCELLED') group by 1, 2`,
  );
  // each column is one breakdown (suppressPartition): 1–4 suppressed, and a second cell withheld when
  // only one is
  const count = (m: string, status: string) => decided.find((x) => x.m === m && x.status === status)?.n ?? 0;
  const months = d.flow.map((r) => r.month);
  assert.deepEqual(
    d.flow.map((r) => [r.received, r.validated, r.rejected, r.cancelled]),
    transpose([
      suppressPartition(months.map((m) => received.find((x) => x.m === m)?.n ?? 0)),
      ...['VALIDATED', 'REJECTED', 'CANCELLED'].map((st) =>
        suppressPartition(months.map((m) => count(m, st))),
      ),
    ]),
  );
  const nonZero = d.flow.filter((r) => typeof r.received === 'number' && r.received >= 5).length;
  assert.ok(nonZero >= 12, `the fixture fills most months: ${nonZero}`);
  assert.ok(
    d.flow.some((r) => r.rejected === null),
    'some monthly rejections are 1–4 and suppressed',
  );
  for (const column of ['received', 'validated', 'rejected', 'cancelled'] as const)
    assert.notEqual(
      d.flow.filter((r) => r[column] === null).length,
      1,
      `${column}: never exactly one small cell, which the others and a total would give back`,
    );

  // the Region: every ASL; a family and a code narrow it
  const all = await dashboard(analyst, PERIOD);
  const total = all.flow.reduce((s, r) => s + (typeof r.received === 'number' ? r.received : 0), 0);
  const [sqlTotal] = await q<{ n: number }>(
    sql`select count(*)::int as n from exemption_case
         where submitted_at >= '2024-06-30T22:00:00Z' and submitted_at < '2026-06-30T22:00:00Z'`,
  );
  // suppressed months are left out of the sum: the total is at most the SQL count and close to it
  assert.ok(total <= sqlTotal!.n && total > sqlTotal!.n * 0.95, `${total} vs ${sqlTotal!.n}`);
  const chronic = await dashboard(analyst, `${PERIOD}&family=CHRONIC&code=013`);
  const by013 = await q<{ m: string; n: number }>(
    sql`select to_char(submitted_at at time zone 'Europe/Rome', 'YYYY-MM') as m, count(*)::int as n
          from exemption_case where exemption_base_code = '013' group by 1`,
  );
  assert.deepEqual(
    chronic.flow.map((r) => r.received),
    suppressPartition(chronic.flow.map((r) => by013.find((x) => x.m === r.month)?.n ?? 0)),
  );
  assert.ok(chronic.flow.some((r) => r.received === null));
});

test('rejection reasons, lead times (median, 90th percentile as percentile_disc) and backlog equal SQL', async () => {
  const d = await dashboard(analyst, PERIOD);
  const reasons = await q<{ reason: string; n: number }>(
    sql`select coalesce(c.rejection_reason, 'OTHER') as reason, count(*)::int as n
          from case_history h join exemption_case c on c.id = h.case_id
         where h.action = 'reject' and h.status = 'REJECTED'
           and h.at >= '2024-06-30T22:00:00Z' and h.at < '2026-06-30T22:00:00Z' group by 1`,
  );
  assert.deepEqual(
    d.rejectionReasons.map((r) => r.count),
    suppressPartition(d.rejectionReasons.map((r) => reasons.find((x) => x.reason === r.reason)?.n ?? 0)),
  );

  const lead = await q<{ m: string; n: number; median: number; p90: number }>(
    sql`select to_char(h.at at time zone 'Europe/Rome', 'YYYY-MM') as m, count(*)::int as n,
               percentile_disc(0.5) within group (order by d) as median, percentile_disc(0.9) within group (order by d) as p90
          from (select h.at, (h.at at time zone 'Europe/Rome')::date - (c.submitted_at at time zone 'Europe/Rome')::date as d
                  from case_history h join exemption_case c on c.id = h.case_id
                 where h.action in ('validate', 'reject') and h.status in ('VALIDATED', 'REJECTED')) h
         group by 1`,
  );
  // a month's decisions are its validated plus its rejected: shown only where the flows show both
  const leadCases = d.leadTimeByMonth.map((r, i) => {
    const n = lead.find((x) => x.m === r.month)?.n ?? 0;
    const f = d.flow[i]!;
    assert.equal(f.month, r.month);
    if (typeof f.validated === 'number' && typeof f.rejected === 'number') {
      assert.equal(n, f.validated + f.rejected, `${r.month}: decisions = validated + rejected`);
      return n;
    }
    return n === 0 ? 0 : WITHHELD;
  });
  assert.ok(leadCases.some((c) => typeof c === 'number' && c > 0));
  assert.ok(leadCases.includes(WITHHELD));
  let checked = 0;
  d.leadTimeByMonth.forEach((r, i) => {
    const e = lead.find((x) => x.m === r.month);
    assert.equal(r.cases, leadCases[i], r.month);
    if (!e || e.n < 5) {
      assert.equal(r.median, null, r.month);
      return;
    }
    // a withheld count (5 or more cases) keeps its median and percentile
    assert.deepEqual([r.median, r.p90], [Number(e.median), Number(e.p90)], r.month);
    checked++;
  });
  assert.ok(checked >= 12);
  // per district over the period (running totals over the months, migration 0031), and over a code and
  // a shorter period whose ends fall inside the history
  for (const [query, from, to, code] of [
    [PERIOD, '2024-06-30T22:00:00Z', '2026-06-30T22:00:00Z', null],
    ['?from=2025-02&to=2025-09&code=013', '2025-01-31T23:00:00Z', '2025-09-30T22:00:00Z', '013'],
  ] as const) {
    const byDistrict = (await dashboard(analyst, query)).leadTimeByDistrict;
    const expected = await q<{ district: string; n: number; median: number; p90: number }>(
      sql`select coalesce(c.district_id, '') as district, count(*)::int as n,
                 percentile_disc(0.5) within group (order by greatest(0, (h.at at time zone 'Europe/Rome')::date - (c.submitted_at at time zone 'Europe/Rome')::date)) as median,
                 percentile_disc(0.9) within group (order by greatest(0, (h.at at time zone 'Europe/Rome')::date - (c.submitted_at at time zone 'Europe/Rome')::date)) as p90
            from case_history h join exemption_case c on c.id = h.case_id
           where h.action in ('validate', 'reject') and h.status in ('VALIDATED', 'REJECTED')
             and h.at >= ${from} and h.at < ${to} and (${code}::text is null or c.exemption_base_code = ${code})
           group by 1 order by 1`,
    );
    assert.ok(expected.length > (code ? 3 : 10), `${query}: ${expected.length} districts`);
    assert.deepEqual(
      byDistrict.map((r) => [r.districtId, r.cases, r.median, r.p90]),
      expected.map((e, i) => [
        e.district,
        suppressPartition(expected.map((x) => x.n))[i],
        e.n < 5 ? null : Number(e.median),
        e.n < 5 ? null : Number(e.p90),
      ]),
      query,
    );
  }

  // backlog on the snapshot day: 6 of 0–7 days (Torino), 2 of 8–30 (a small cell), 5 over 90 (CN2)
  const open = await q<{ band: number; n: number }>(
    sql`select case when d <= 7 then 0 when d <= 30 then 1 when d <= 90 then 2 else 3 end as band, count(*)::int as n
          from (select date '2026-06-15' - (submitted_at at time zone 'Europe/Rome')::date as d
                  from exemption_case where status in ('SUBMITTED', 'IN_PROGRESS')) x group by 1`,
  );
  // the districts' breakdown gives the total (13): with 6, 0 and 5 shown the small cell would be 13 - 11 = 2,
  // so the 5 is withheld, and the 6 (a withheld cell below 6 would be 5, and the small one 2)
  assert.deepEqual(
    [0, 1, 2, 3].map((b) => open.find((x) => x.band === b)?.n ?? 0),
    [6, 2, 0, 5],
  );
  assert.deepEqual(
    d.backlogByAge.map((r) => r.count),
    [WITHHELD, null, 0, WITHHELD],
  );
  const byDistrict = new Map(d.backlogByDistrict.map((r) => [r.districtId, r.count]));
  assert.equal(byDistrict.get('010211-BRA'), 5);
  assert.equal(byDistrict.get('010301-T1'), 8);
});

test('exemptions in force by family and code, and expiring within 30/60/90 days, equal SQL', async () => {
  const d = await dashboard(analyst);
  const inForce = await q<{ family: string; code: string; until: string | null }>(
    sql`select family, exemption_base_code as code, to_char(valid_until, 'YYYY-MM-DD') as until from exemption_case
         where status in ('VALIDATED', 'EXPIRING') and revoked_at is null
           and valid_from <= '2026-06-15' and (valid_until is null or valid_until >= '2026-06-15')`,
  );
  const byFamily = new Map<string, number>();
  const byCode = new Map<string, number>();
  for (const r of inForce) {
    byFamily.set(r.family, (byFamily.get(r.family) ?? 0) + 1);
    byCode.set(r.code, (byCode.get(r.code) ?? 0) + 1);
  }
  assert.deepEqual(
    Object.fromEntries(d.inForceByFamily.map((r) => [r.family, r.count])),
    Object.fromEntries(
      d.inForceByFamily.map((r, i, all) => [
        r.family,
        suppressPartition(all.map((x) => byFamily.get(x.family) ?? 0))[i],
      ]),
    ),
  );
  assert.deepEqual(d.inForceByFamily.map((r) => r.family).sort(), [...byFamily.keys()].sort());
  const top = [...byCode].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 20);
  assert.deepEqual(
    d.inForceByCode.map((r) => [r.code, r.count]),
    top.map(([k, v]) => [k, shown(v)]),
  );
  const within = (days: number) =>
    inForce.filter(
      (r) => r.until !== null && r.until <= new Date(now.getTime() + days * DAY).toISOString().slice(0, 10),
    ).length;
  assert.deepEqual(
    d.expiring.map((r) => r.count),
    suppressCumulative([30, 60, 90].map((n) => within(n))),
  );
});

test('roles: the manager only their ASL, the analyst every ASL, others refused; no personal data', async () => {
  const own = await dashboard(manager);
  assert.deepEqual(
    own.options.asls.map((a) => a.id),
    [TORINO],
  );
  assert.ok(own.backlogByDistrict.every((r) => r.aslId === TORINO));
  assert.equal((await get(manager, `?asl=${CN2}`)).statusCode, 403);
  assert.equal((await get(manager, '?district=010211-BRA')).statusCode, 403);
  assert.equal((await get(manager, `?asl=${TORINO}&district=010301-T1`)).statusCode, 200);
  const cn2 = await dashboard(analyst, `?asl=${CN2}`);
  assert.ok(cn2.backlogByDistrict.every((r) => r.aslId === CN2));
  assert.ok((await dashboard(analyst)).options.asls.length >= 12);
  for (const c of [opTorino, gp]) {
    assert.equal((await get(c, '')).statusCode, 403);
    const exp = await c.req({ method: 'GET', url: '/api/statistics/export?table=flow&format=csv' });
    assert.equal(exp.statusCode, 403);
  }
  assert.equal((await w.app.inject({ method: 'GET', url: '/api/statistics/dashboard' })).statusCode, 401);
  assert.equal((await get(analyst, '?from=2026-05&to=2025-01')).statusCode, 400);

  // aggregates only: no fiscal code, no case number, no beneficiary's name anywhere in the answer
  const body = (await get(analyst, PERIOD)).body;
  const sample = await q<{ cf: string; n: string; ln: string }>(
    sql`select beneficiary_fiscal_code as cf, case_number as n, beneficiary_last_name as ln from exemption_case limit 50`,
  );
  for (const s of sample) {
    assert.ok(!body.includes(s.cf) && !body.includes(s.n), 'no fiscal code or case number');
    assert.ok(!body.includes(`"${s.ln}"`), 'no surname');
  }
});

test('exports: CSV (BOM, «;», filters) and XLSX (read back) hold the figures of the page', async () => {
  const d = await dashboard(manager, `${PERIOD}&family=CHRONIC`);
  const csv = await manager.req({
    method: 'GET',
    url: `/api/statistics/export${PERIOD}&family=CHRONIC&table=flow&format=csv`,
  });
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  assert.match(String(csv.headers['content-disposition']), /pratiche-per-mese\.csv/);
  assert.deepEqual([...csv.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(lines[0], 'Pratiche ricevute, validate, respinte e annullate per mese');
  assert.match(
    lines[1]!,
    /^Filtri: Periodo: da luglio 2024 a giugno 2026, ASL: .*TORINO.*, Distretto: tutti, Famiglia: Malattie croniche, Codice: tutti$/,
  );
  assert.equal(lines[4], 'Mese;Ricevute;Validate;Respinte;Annullate');
  const cell = (n: StatCount) => (n === null ? '< 5' : n === WITHHELD ? 'riservato' : String(n));
  assert.deepEqual(
    lines.slice(5, 5 + d.flow.length),
    d.flow
      .map((r) =>
        ['', cell(r.received), cell(r.validated), cell(r.rejected), cell(r.cancelled)]
          .join(';')
          .replace(/^/, ''),
      )
      .map((l, i) => `${lines[5 + i]!.split(';')[0]}${l}`),
  );
  assert.ok(csv.body.includes('< 5'), 'a suppressed cell is written «< 5»');

  const xlsx = await manager.req({
    method: 'GET',
    url: `/api/statistics/export${PERIOD}&family=CHRONIC&table=backlogByDistrict&format=xlsx`,
  });
  assert.equal(xlsx.statusCode, 200);
  assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  assert.equal(sheet.getCell('A1').value, 'Pratiche aperte per distretto');
  assert.match(String(sheet.getCell('A2').value), /Famiglia: Malattie croniche/);
  assert.deepEqual((sheet.getRow(5).values as unknown[]).slice(1), ['Distretto', 'Pratiche aperte']);
  const data: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 5) data.push((row.values as unknown[]).slice(1));
  });
  assert.deepEqual(
    data,
    d.backlogByDistrict.map((r) => [
      r.districtName,
      r.count === null ? '< 5' : r.count === WITHHELD ? 'riservato' : r.count,
    ]),
  );
});

test('a base code whose cases carry two families (the catalogue moved it) is one code, under the catalogue family', async () => {
  const db = w.database.db;
  // the code with most decisions, and its family in the catalogue
  const [top] = await q<{ code: string; family: string }>(
    sql`select c.exemption_base_code as code, e.family from case_history h join exemption_case c on c.id = h.case_id
          join exemption_code e on e.code = c.exemption_base_code
         where h.action in ('validate', 'reject') group by 1, 2 order by count(*) desc limit 1`,
  );
  assert.ok(top);
  const { code, family } = top;
  assert.notEqual(family, 'OTHER');
  // every other case of it filed under another family, as if the catalogue had moved the code since
  await db.execute(
    sql`update exemption_case set family = 'OTHER' where exemption_base_code = ${code} and id % 2 = 0`,
  );
  try {
    await statisticsJob().run(db, now);
    const d = await dashboard(analyst, `${PERIOD}&code=${code}`);
    const lead = await q<{ m: string; n: number; median: number; p90: number }>(
      sql`select to_char(h.at at time zone 'Europe/Rome', 'YYYY-MM') as m, count(*)::int as n,
                 percentile_disc(0.5) within group (order by d) as median, percentile_disc(0.9) within group (order by d) as p90
            from (select h.at, (h.at at time zone 'Europe/Rome')::date - (c.submitted_at at time zone 'Europe/Rome')::date as d
                    from case_history h join exemption_case c on c.id = h.case_id
                   where h.action in ('validate', 'reject') and h.status in ('VALIDATED', 'REJECTED')
                     and c.exemption_base_code = ${code}) h
           group by 1`,
    );
    let checked = 0;
    for (const r of d.leadTimeByMonth) {
      const e = lead.find((x) => x.m === r.month);
      if (!e || e.n < 5) continue;
      assert.ok(r.cases === e.n || r.cases === WITHHELD, r.month);
      assert.deepEqual([r.median, r.p90], [Number(e.median), Number(e.p90)], r.month);
      checked++;
    }
    assert.ok(checked >= 3, `${checked} months of ${code} checked`);
    // the family views: the code is in its catalogue family with all its cases, and not in OTHER
    const own = await dashboard(analyst, `${PERIOD}&family=${family}`);
    const other = await dashboard(analyst, `${PERIOD}&family=OTHER`);
    const [inForce] = await q<{ n: number }>(
      sql`select count(*)::int as n from exemption_case
           where exemption_base_code = ${code} and status in ('VALIDATED', 'EXPIRING') and revoked_at is null
             and valid_from <= '2026-06-15' and (valid_until is null or valid_until >= '2026-06-15')`,
    );
    assert.equal(own.inForceByCode.find((c) => c.code === code)?.count, shown(inForce!.n));
    assert.equal(
      other.inForceByCode.find((c) => c.code === '013'),
      undefined,
    );
  } finally {
    await db.execute(sql`update exemption_case set family = ${family} where exemption_base_code = ${code}`);
    await statisticsJob().run(db, now);
  }
});

test('two breakdowns of one total: when one would give its small cells away, the other hides the total', async () => {
  const db = w.database.db;
  // a code with only 4 + 4 open cases in one district: by age «< 5» and «< 5»; the district's row would say
  // 8, and so 4 and 4
  const key = sql`'010211', '010211-ALB', 'CHRONIC', 'ZZ9'`;
  await db.execute(
    sql`insert into stat_backlog (asl_id, district_id, family, base_code, age_band, cases)
        values (${key}, 0, 4), (${key}, 1, 4)`,
  );
  try {
    const d = await dashboard(analyst, '?asl=010211&district=010211-ALB&code=ZZ9');
    assert.deepEqual(
      d.backlogByAge.map((r) => r.count),
      [null, null, 0, 0],
    );
    assert.deepEqual(
      d.backlogByDistrict.map((r) => [r.districtId, r.count]),
      [['010211-ALB', WITHHELD]],
    );
  } finally {
    await db.execute(sql`delete from stat_backlog where base_code = 'ZZ9'`);
  }
});

test('decisions by district that give their small cells away through the flows: the validated and rejected are withheld', async () => {
  const db = w.database.db;
  // a code decided 4 times in each of two districts of one ASL, all validated in March: by district «< 5»
  // and «< 5», and the flows' 8 validated (0 rejected) would say 4 and 4
  await db.execute(
    sql`insert into stat_flow_month (month, asl_id, district_id, family, base_code, received, validated, rejected,
          cancelled, rejected_insufficient_requirements, rejected_incorrect_documentation,
          rejected_insufficient_documentation, rejected_other)
        values ('2026-03-01', '010211', '*', 'CHRONIC', 'ZZ8', 0, 8, 0, 0, 0, 0, 0, 0)`,
  );
  await db.execute(
    sql`insert into stat_lead_time_month (month, asl_id, district_id, family, base_code, cases, median, p90)
        values ('2026-03-01', '010211', '*', 'CHRONIC', 'ZZ8', 8, 10, 12)`,
  );
  await db.execute(
    sql`insert into stat_lead_time_cumulative (asl_id, district_id, family, base_code, days, months, cases)
        values ('010211', '010211-ALB', 'CHRONIC', 'ZZ8', 10, array['2026-03-01'::date], array[4]),
               ('010211', '010211-BRA', 'CHRONIC', 'ZZ8', 12, array['2026-03-01'::date], array[4])`,
  );
  try {
    const d = await dashboard(analyst, '?from=2026-01&to=2026-06&asl=010211&code=ZZ8');
    assert.deepEqual(
      d.leadTimeByDistrict.map((r) => [r.districtId, r.cases]),
      [
        ['010211-ALB', null],
        ['010211-BRA', null],
      ],
    );
    const march = d.flow.find((r) => r.month === '2026-03')!;
    assert.equal(march.validated, WITHHELD, 'the 8 validated would give 4 and 4 back');
    assert.equal(d.leadTimeByMonth.find((r) => r.month === '2026-03')?.cases, WITHHELD);
  } finally {
    await db.execute(sql`delete from stat_flow_month where base_code = 'ZZ8'`);
    await db.execute(sql`delete from stat_lead_time_month where base_code = 'ZZ8'`);
    await db.execute(sql`delete from stat_lead_time_cumulative where base_code = 'ZZ8'`);
  }
});
