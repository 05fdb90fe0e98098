/**
 * SQL of the statistics (issue 15): the rebuild of the pre-aggregated tables (migrations 0025, 0031) and
 * the dashboard's reads, all in one statement (dashboardFigures). The tables hold GROUPING SETS levels — a row with base_code '*' sums every code of its
 * family, one with family '*' every family; district_id '*' sums an ASL, asl_id '*' the Region — so the
 * dashboard reads the level its filters need (a code filter the code's rows, an ASL filter the ASL's
 * totals, …) and only the breakdowns by district read district rows. Dates are Rome's.
 * Nothing here reads a name, a fiscal code or a case number: only counts leave these queries.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Tx } from '../client.js';

/** What every read is narrowed to (the scope is already applied by the use case). */
export interface StatFilter {
  /** first days of the first and last month of the period (YYYY-MM-01) */
  from: string;
  to: string;
  aslId: string | null;
  districtId: string | null;
  family: string | null;
  code: string | null;
}

const ROME = sql.raw(`'Europe/Rome'`);

/**
 * The GROUPING SETS of a table: every combination of a place level (district, ASL, Region) and a code
 * level (code, family, all), each with the `always` columns (month, a band, days).
 */
function levels(always: string[]): SQL {
  const places = [['asl_id', 'district_id'], ['asl_id'], []];
  const codes = [['family', 'base_code'], ['family'], []];
  const sets = places.flatMap((p) => codes.map((c) => `(${[...always, ...p, ...c].join(', ')})`));
  return sql.raw(`grouping sets (${sets.join(', ')})`);
}
/** The key columns of a rolled-up row: '*' where the level sums over the column. */
const rolled = sql.raw(
  `coalesce(asl_id, '*') as asl_id, coalesce(district_id, '*') as district_id, coalesce(family, '*') as family,
   coalesce(base_code, '*') as base_code`,
);
/**
 * The family a case is counted under: its base code's in the catalogue (a re-import may have moved a code to
 * another family after cases were filed), else the case's own. So every base code has one family in the
 * tables and a code filter reads one key. Used with `statFamilyJoin` on the case `c`.
 */
const statFamily = sql.raw(`coalesce(sf.family, c.family)`);
const statFamilyJoin = sql.raw(`left join exemption_code sf on sf.code = c.exemption_base_code`);
const monthOf = (col: SQL) => sql`date_trunc('month', ${col} at time zone ${ROME})::date`;
const dayOf = (col: SQL) => sql`(${col} at time zone ${ROME})::date`;

/**
 * Rebuilds every statistics table in one transaction (readers see the old figures until it commits):
 * flows and lead times from the whole history, backlog and exemptions in force as of `snapshot`
 * (YYYY-MM-DD, Rome). Returns the rows written.
 */
export async function rebuildStatistics(tx: Tx, snapshot: string, at: Date): Promise<number> {
  const started = Date.now();
  // the groupings and sorts below hold millions of rows at regional scale: in memory rather than spilled to
  // disk (this transaction only); no JIT, whose compilation cost more than it saved here
  await tx.execute(sql`set local work_mem = '128MB'`);
  await tx.execute(sql`set local jit = off`);
  await tx.execute(sql`delete from stat_flow_month`);
  await tx.execute(sql`delete from stat_lead_time_month`);
  await tx.execute(sql`delete from stat_lead_time_cumulative`);
  await tx.execute(sql`delete from stat_backlog`);
  await tx.execute(sql`delete from stat_in_force`);
  // the decisions: the history row that brought the case to VALIDATED, REJECTED or CANCELLED
  const decision = sql`h.action in ('validate', 'reject', 'cancel', 'annul')
      and h.status in ('VALIDATED', 'REJECTED', 'CANCELLED')`;
  const flow = await rows<{ n: number }>(
    tx,
    sql`with events as (
          select ${monthOf(sql`c.submitted_at`)} as month, c.asl_id, coalesce(c.district_id, '') as district_id,
                 ${statFamily} as family, c.exemption_base_code as base_code,
                 1 as received, 0 as validated, 0 as rejected, 0 as cancelled,
                 0 as r1, 0 as r2, 0 as r3, 0 as r4
            from exemption_case c ${statFamilyJoin}
          union all
          select ${monthOf(sql`h.at`)}, c.asl_id, coalesce(c.district_id, ''), ${statFamily}, c.exemption_base_code,
                 0, (h.status = 'VALIDATED')::int, (h.status = 'REJECTED')::int, (h.status = 'CANCELLED')::int,
                 (h.status = 'REJECTED' and c.rejection_reason = 'INSUFFICIENT_REQUIREMENTS')::int,
                 (h.status = 'REJECTED' and c.rejection_reason = 'INCORRECT_DOCUMENTATION')::int,
                 (h.status = 'REJECTED' and c.rejection_reason = 'INSUFFICIENT_DOCUMENTATION')::int,
                 (h.status = 'REJECTED' and (c.rejection_reason = 'OTHER' or c.rejection_reason is null))::int
            from case_history h join exemption_case c on c.id = h.case_id ${statFamilyJoin}
           where ${decision}
        ), base as materialized (
          select month, asl_id collate "C" as asl_id, district_id collate "C" as district_id,
                 family collate "C" as family, base_code collate "C" as base_code, sum(received) as received,
                 sum(validated) as validated, sum(rejected) as rejected, sum(cancelled) as cancelled,
                 sum(r1) as r1, sum(r2) as r2, sum(r3) as r3, sum(r4) as r4
            from events group by 1, 2, 3, 4, 5
        ), ins as (
          insert into stat_flow_month (month, asl_id, district_id, family, base_code, received, validated,
                 rejected, cancelled, rejected_insufficient_requirements, rejected_incorrect_documentation,
                 rejected_insufficient_documentation, rejected_other)
          select month, ${rolled},
                 sum(received), sum(validated), sum(rejected), sum(cancelled), sum(r1), sum(r2), sum(r3), sum(r4)
            from base
           group by ${levels(['month'])}
          returning 1
        )
        select count(*)::int as n from ins`,
  );
  // lead times: per month and key the month's figures (nearest-rank median and 90th percentile of the
  // histogram, stat_percentile); per district key and number of days the running total over the months
  // (migration 0031). Keys in the "C" collation: the sorts of millions of rows compare bytes, not words.
  const lead = await rows<{ n: number }>(
    tx,
    sql`with base as materialized (
          select ${monthOf(sql`h.at`)} as month, c.asl_id collate "C" as asl_id,
                 coalesce(c.district_id, '') collate "C" as district_id, ${statFamily} collate "C" as family,
                 c.exemption_base_code collate "C" as base_code,
                 greatest(0, ${dayOf(sql`h.at`)} - ${dayOf(sql`c.submitted_at`)}) as days, count(*) as cases
            from case_history h join exemption_case c on c.id = h.case_id ${statFamilyJoin}
           where h.action in ('validate', 'reject') and h.status in ('VALIDATED', 'REJECTED')
           group by 1, 2, 3, 4, 5, 6
        ), leveled as materialized (
          select month, ${rolled}, days, sum(cases)::int as cases
            from base
           group by ${levels(['month', 'days'])}
        ), ins_month as (
          insert into stat_lead_time_month (month, asl_id, district_id, family, base_code, cases, median, p90)
          select month, asl_id, district_id, family, base_code, total, stat_percentile(days, cases, 1, 2),
                 stat_percentile(days, cases, 9, 10)
            from (select month, asl_id, district_id, family, base_code, sum(cases)::int as total,
                         array_agg(days order by days) as days, array_agg(cases order by days) as cases
                    from leveled group by 1, 2, 3, 4, 5) h
          returning 1
        ), ins_cumulative as (
          insert into stat_lead_time_cumulative (asl_id, district_id, family, base_code, days, months, cases)
          select asl_id, district_id, family, base_code, days, array_agg(month order by month),
                 stat_running_total(array_agg(cases order by month))
            from leveled
           where asl_id <> '*' and district_id <> '*'
           group by 1, 2, 3, 4, 5
           -- in the order of the index: the rows one read needs sit together
           order by base_code, family, asl_id, district_id, days
          returning 1
        )
        select ((select count(*) from ins_month) + (select count(*) from ins_cumulative))::int as n`,
  );
  const backlog = await rows<{ n: number }>(
    tx,
    sql`with base as materialized (
          select c.asl_id, coalesce(c.district_id, '') as district_id, ${statFamily} as family,
                 c.exemption_base_code as base_code,
                 case when ${snapshot}::date - ${dayOf(sql`c.submitted_at`)} <= 7 then 0
                      when ${snapshot}::date - ${dayOf(sql`c.submitted_at`)} <= 30 then 1
                      when ${snapshot}::date - ${dayOf(sql`c.submitted_at`)} <= 90 then 2 else 3 end as age_band,
                 count(*) as cases
            from exemption_case c ${statFamilyJoin}
           where c.status in ('SUBMITTED', 'IN_PROGRESS')
           group by 1, 2, 3, 4, 5
        ), ins as (
          insert into stat_backlog (asl_id, district_id, family, base_code, age_band, cases)
          select ${rolled}, age_band, sum(cases)
            from base
           group by ${levels(['age_band'])}
          returning 1
        )
        select count(*)::int as n from ins`,
  );
  // in force on the snapshot date: the rule of repositories/in-force.ts on the case's own period
  const inForce = await rows<{ n: number }>(
    tx,
    sql`with base as materialized (
          select c.asl_id, coalesce(c.district_id, '') as district_id, ${statFamily} as family,
                 c.exemption_base_code as base_code,
                 case when c.valid_until is null then 3
                      when c.valid_until - ${snapshot}::date <= 30 then 0
                      when c.valid_until - ${snapshot}::date <= 60 then 1
                      when c.valid_until - ${snapshot}::date <= 90 then 2 else 3 end as expiry_band,
                 count(*) as exemptions
            from exemption_case c ${statFamilyJoin}
           where c.status in ('VALIDATED', 'EXPIRING') and c.revoked_at is null
             and c.valid_from <= ${snapshot}::date and (c.valid_until is null or c.valid_until >= ${snapshot}::date)
           group by 1, 2, 3, 4, 5
        ), ins as (
          insert into stat_in_force (asl_id, district_id, family, base_code, expiry_band, exemptions)
          select ${rolled}, expiry_band, sum(exemptions)
            from base
           group by ${levels(['expiry_band'])}
          returning 1
        )
        select count(*)::int as n from ins`,
  );
  // the planner's statistics of the new rows (the dashboard's plans depend on them)
  await tx.execute(
    sql`analyze stat_flow_month, stat_lead_time_month, stat_lead_time_cumulative, stat_backlog, stat_in_force`,
  );
  await tx.execute(
    sql`insert into stat_refresh (id, refreshed_at, snapshot_date, duration_ms)
        values (1, ${at.toISOString()}, ${snapshot}, ${Date.now() - started})
        on conflict (id) do update set refreshed_at = excluded.refreshed_at,
          snapshot_date = excluded.snapshot_date, duration_ms = excluded.duration_ms`,
  );
  return [flow, lead, backlog, inForce].reduce((s, r) => s + (r[0]?.n ?? 0), 0);
}

/**
 * Whether the tables hold what this version's rebuild writes: false when decisions are counted but the lead
 * times are empty — tables added by a migration (0031) and not yet rebuilt by this version, even if a
 * process of the previous version rebuilt its own tables today during a rolling deploy.
 */
export async function statisticsComplete(tx: Tx): Promise<boolean> {
  const [r] = await rows<{ ok: boolean }>(
    tx,
    sql`select exists (select 1 from stat_lead_time_month)
               or not exists (select 1 from stat_flow_month where validated > 0 or rejected > 0) as ok`,
  );
  return r?.ok ?? false;
}

/** When the tables were rebuilt and the day of their snapshot; null before the first rebuild. */
export async function statisticsRefresh(
  tx: Tx,
): Promise<{ refreshedAt: Date; snapshotDate: string; durationMs: number } | null> {
  const [r] = await rows<{ refreshed_at: Date | string; snapshot_date: string; duration_ms: number }>(
    tx,
    sql`select refreshed_at, to_char(snapshot_date, 'YYYY-MM-DD') as snapshot_date, duration_ms
          from stat_refresh where id = 1`,
  );
  return r
    ? { refreshedAt: new Date(r.refreshed_at), snapshotDate: r.snapshot_date, durationMs: r.duration_ms }
    : null;
}

/** The level of the GROUPING SETS the filters read (see the header). */
function level(f: StatFilter): SQL {
  if (f.code)
    return f.family ? sql`base_code = ${f.code} and family = ${f.family}` : sql`base_code = ${f.code}`;
  return sql`base_code = '*' and family = ${f.family ?? '*'}`;
}
/** The place level of the filters: the district's rows, the ASL's totals or the Region's. */
const place = (f: StatFilter): SQL[] =>
  f.districtId !== null
    ? [sql`asl_id = ${f.aslId ?? ''}`, sql`district_id = ${f.districtId}`]
    : [sql`asl_id = ${f.aslId ?? '*'}`, sql`district_id = '*'`];
/** The district rows within the filters (the breakdowns by district). */
const districtRows = (f: StatFilter): SQL[] => [
  f.aslId ? sql`asl_id = ${f.aslId}` : sql`asl_id <> '*'`,
  f.districtId !== null ? sql`district_id = ${f.districtId}` : sql`district_id <> '*'`,
];
const where = (...parts: Array<SQL | SQL[]>) => sql`where ${sql.join(parts.flat(), sql` and `)}`;
const period = (f: StatFilter) => sql`month between ${f.from}::date and ${f.to}::date`;

export interface FlowRow {
  month: string;
  received: number;
  validated: number;
  rejected: number;
  cancelled: number;
}
export interface LeadTimeRow {
  cases: number;
  median: number;
  p90: number;
}
export interface PlaceCount {
  aslId: string;
  districtId: string;
  n: number;
}

/** Every figure of the dashboard for the filters, as one statement answers them (see dashboardFigures). */
export interface DashboardFigures {
  refresh: { refreshedAt: string; snapshotDate: string } | null;
  flow: FlowRow[];
  reasons: Record<string, number>;
  /** months without decisions are absent */
  leadByMonth: Array<LeadTimeRow & { month: string }>;
  leadByDistrict: Array<LeadTimeRow & { aslId: string; districtId: string }>;
  backlogByAge: Array<{ band: number; cases: number }>;
  backlogByDistrict: PlaceCount[];
  expiryBands: Array<{ band: number; n: number }>;
  inForceByFamily: Array<{ family: string; n: number }>;
  /** the codes with most exemptions in force, with the catalogue's description */
  inForceByCode: Array<{ code: string; family: string; n: number; description: string | null }>;
}

const flowByMonth = (f: StatFilter) =>
  sql`select to_char(month, 'YYYY-MM') as month, sum(received)::int as received, sum(validated)::int as validated,
             sum(rejected)::int as rejected, sum(cancelled)::int as cancelled
        from stat_flow_month ${where(level(f), place(f), period(f))}
       group by month order by month`;

const rejectionReasons = (f: StatFilter) =>
  sql`select coalesce(sum(rejected_insufficient_requirements), 0)::int as "INSUFFICIENT_REQUIREMENTS",
             coalesce(sum(rejected_incorrect_documentation), 0)::int as "INCORRECT_DOCUMENTATION",
             coalesce(sum(rejected_insufficient_documentation), 0)::int as "INSUFFICIENT_DOCUMENTATION",
             coalesce(sum(rejected_other), 0)::int as "OTHER"
        from stat_flow_month ${where(level(f), place(f), period(f))}`;

/**
 * One row per month: the rebuild files each base code under one family (the catalogue's), so a code level
 * is one key; `distinct on` keeps one row per month even for a code outside the catalogue whose cases carry
 * two families (the one with more cases).
 */
const leadTimeByMonth = (f: StatFilter) =>
  sql`select distinct on (month) to_char(month, 'YYYY-MM') as month, cases, median, p90
        from stat_lead_time_month ${where(level(f), place(f), period(f))} order by month, cases desc`;

/**
 * The lead times of each district over the period: per number of days, the running total at the period's
 * last month minus the one before its first month (width_bucket: how many months of the row are ≤ the
 * given one, a binary search; 0 gives NULL, that is none), then the nearest-rank percentiles as in the
 * rebuild.
 */
const leadTimeByDistrict = (f: StatFilter) =>
  // materialized: the arrays are read once per row, not carried into the sort of the window
  sql`with period as materialized (
        select asl_id, district_id, days,
               coalesce(cases[width_bucket(${f.to}::date, months)], 0)
                 - coalesce(cases[width_bucket((${f.from}::date - interval '1 month')::date, months)], 0) as n
          from stat_lead_time_cumulative ${where(level(f), districtRows(f))}
      ), running as (
        select asl_id, district_id, days,
               sum(n) over (partition by asl_id, district_id order by days) as run,
               sum(n) over (partition by asl_id, district_id) as total
          from period where n > 0
      )
      select asl_id as "aslId", district_id as "districtId", max(total)::int as cases,
             min(days) filter (where 2 * run >= total) as median,
             min(days) filter (where 10 * run >= 9 * total) as p90
        from running group by 1, 2 order by 1, 2`;

const backlogByAge = (f: StatFilter) =>
  sql`select age_band as band, sum(cases)::int as cases
        from stat_backlog ${where(level(f), place(f))} group by age_band order by age_band`;

const backlogByDistrict = (f: StatFilter) =>
  sql`select asl_id as "aslId", district_id as "districtId", sum(cases)::int as n
        from stat_backlog ${where(level(f), districtRows(f))} group by 1, 2 order by 1, 2`;

const expiryBands = (f: StatFilter) =>
  sql`select expiry_band as band, sum(exemptions)::int as n
        from stat_in_force ${where(level(f), place(f))} group by expiry_band order by expiry_band`;

/** Exemptions in force per family (the family level; with a code filter, that code's family). */
function inForceByFamily(f: StatFilter) {
  const lvl = f.code
    ? level(f)
    : f.family
      ? sql`base_code = '*' and family = ${f.family}`
      : sql`base_code = '*' and family <> '*'`;
  return sql`select family, sum(exemptions)::int as n
               from stat_in_force ${where(lvl, place(f))} group by family order by n desc, family`;
}

/** The `limit` codes with most exemptions in force, with their description in the catalogue. */
function inForceByCode(f: StatFilter, limit: number) {
  const lvl = f.code
    ? level(f)
    : f.family
      ? sql`base_code <> '*' and family = ${f.family}`
      : sql`base_code <> '*' and family <> '*'`;
  return sql`select t.code, t.family, t.n, e.description
               from (select base_code as code, min(family) as family, sum(exemptions)::int as n
                       from stat_in_force ${where(lvl, place(f))}
                      group by base_code order by n desc, base_code limit ${limit}) t
               left join exemption_code e on e.code = t.code
              order by t.n desc, t.code`;
}

/** Byte order, as the "C" collation and the SQL `order by` of these keys (codes, ids, months). */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A query's rows as one JSON array (an empty array when none). */
const jsonRows = (query: SQL) => sql`(select coalesce(json_agg(x), '[]'::json) from (${query}) x)`;

/**
 * Every figure of the dashboard in one statement and one round trip (each table a JSON column): at
 * 2 million cases the statements cost less than their round trips did when sent one by one.
 */
export async function dashboardFigures(tx: Tx, f: StatFilter, topCodes: number): Promise<DashboardFigures> {
  const [r] = await rows<{
    refresh: DashboardFigures['refresh'];
    flow: FlowRow[];
    reasons: Record<string, number>;
    lead_month: DashboardFigures['leadByMonth'];
    lead_district: DashboardFigures['leadByDistrict'];
    backlog_age: DashboardFigures['backlogByAge'];
    backlog_district: PlaceCount[];
    expiry: DashboardFigures['expiryBands'];
    families: DashboardFigures['inForceByFamily'];
    codes: DashboardFigures['inForceByCode'];
  }>(
    tx,
    sql`select (select json_build_object('refreshedAt', refreshed_at, 'snapshotDate', to_char(snapshot_date, 'YYYY-MM-DD'))
                  from stat_refresh where id = 1) as refresh,
               ${jsonRows(flowByMonth(f))} as flow,
               (select row_to_json(x) from (${rejectionReasons(f)}) x) as reasons,
               ${jsonRows(leadTimeByMonth(f))} as lead_month,
               ${jsonRows(leadTimeByDistrict(f))} as lead_district,
               ${jsonRows(backlogByAge(f))} as backlog_age,
               ${jsonRows(backlogByDistrict(f))} as backlog_district,
               ${jsonRows(expiryBands(f))} as expiry,
               ${jsonRows(inForceByFamily(f))} as families,
               ${jsonRows(inForceByCode(f, topCodes))} as codes`,
  );
  if (!r) throw new Error('dashboardFigures: no row');
  // json_agg keeps the subquery's order in practice, not by definition: the orders the page shows are set here
  const byPlace = (a: { aslId: string; districtId: string }, b: typeof a) =>
    a.aslId === b.aslId ? cmp(a.districtId, b.districtId) : cmp(a.aslId, b.aslId);
  return {
    refresh: r.refresh,
    flow: r.flow.sort((a, b) => cmp(a.month, b.month)),
    reasons: r.reasons,
    leadByMonth: r.lead_month.sort((a, b) => cmp(a.month, b.month)),
    leadByDistrict: r.lead_district.sort(byPlace),
    backlogByAge: r.backlog_age.sort((a, b) => a.band - b.band),
    backlogByDistrict: r.backlog_district.sort(byPlace),
    expiryBands: r.expiry.sort((a, b) => a.band - b.band),
    inForceByFamily: r.families.sort((a, b) => b.n - a.n || cmp(a.family, b.family)),
    inForceByCode: r.codes.sort((a, b) => b.n - a.n || cmp(a.code, b.code)),
  };
}

/** The ASLs and districts a filter may name (names for the tables). */
export async function statPlaces(
  tx: Tx,
  aslId: string | null,
): Promise<{
  asls: Array<{ id: string; name: string }>;
  districts: Array<{ id: string; aslId: string; name: string }>;
}> {
  const asls = await rows<{ id: string; name: string }>(
    tx,
    sql`select a.id, a.name from asl a
         where ${aslId ? sql`a.id = ${aslId}` : sql`exists (select 1 from district d where d.asl_id = a.id)`}
         order by a.name`,
  );
  const districts = await rows<{ id: string; aslId: string; name: string }>(
    tx,
    sql`select d.id, d.asl_id as "aslId", d.name from district d
         ${aslId ? sql`where d.asl_id = ${aslId}` : sql``} order by d.asl_id, d.name`,
  );
  return { asls, districts };
}
