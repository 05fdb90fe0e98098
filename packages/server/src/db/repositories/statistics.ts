/**
 * SQL of the statistics (issue 15): the rebuild of the pre-aggregated tables (migration 0025) and the
 * dashboard's reads. The tables hold GROUPING SETS levels — a row with base_code '*' sums every code of its
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
const monthOf = (col: SQL) => sql`date_trunc('month', ${col} at time zone ${ROME})::date`;
const dayOf = (col: SQL) => sql`(${col} at time zone ${ROME})::date`;

/**
 * Rebuilds every statistics table in one transaction (readers see the old figures until it commits):
 * flows and lead times from the whole history, backlog and exemptions in force as of `snapshot`
 * (YYYY-MM-DD, Rome). Returns the rows written.
 */
export async function rebuildStatistics(tx: Tx, snapshot: string, at: Date): Promise<number> {
  const started = Date.now();
  await tx.execute(sql`delete from stat_flow_month`);
  await tx.execute(sql`delete from stat_lead_time`);
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
                 c.family, c.exemption_base_code as base_code,
                 1 as received, 0 as validated, 0 as rejected, 0 as cancelled,
                 0 as r1, 0 as r2, 0 as r3, 0 as r4
            from exemption_case c
          union all
          select ${monthOf(sql`h.at`)}, c.asl_id, coalesce(c.district_id, ''), c.family, c.exemption_base_code,
                 0, (h.status = 'VALIDATED')::int, (h.status = 'REJECTED')::int, (h.status = 'CANCELLED')::int,
                 (h.status = 'REJECTED' and c.rejection_reason = 'INSUFFICIENT_REQUIREMENTS')::int,
                 (h.status = 'REJECTED' and c.rejection_reason = 'INCORRECT_DOCUMENTATION')::int,
                 (h.status = 'REJECTED' and c.rejection_reason = 'INSUFFICIENT_DOCUMENTATION')::int,
                 (h.status = 'REJECTED' and (c.rejection_reason = 'OTHER' or c.rejection_reason is null))::int
            from case_history h join exemption_case c on c.id = h.case_id
           where ${decision}
        ), base as materialized (
          select month, asl_id, district_id, family, base_code, sum(received) as received,
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
  // lead times: per month and key the month's figures (nearest-rank median and 90th percentile, the SQL
  // percentile_disc: the first number of days whose running share of the cases reaches p, compared in
  // integers); per district key and number of days the running total over the months (migration 0031)
  const lead = await rows<{ n: number }>(
    tx,
    sql`with base as materialized (
          select ${monthOf(sql`h.at`)} as month, c.asl_id, coalesce(c.district_id, '') as district_id,
                 c.family, c.exemption_base_code as base_code,
                 greatest(0, ${dayOf(sql`h.at`)} - ${dayOf(sql`c.submitted_at`)}) as days, count(*) as cases
            from case_history h join exemption_case c on c.id = h.case_id
           where h.action in ('validate', 'reject') and h.status in ('VALIDATED', 'REJECTED')
           group by 1, 2, 3, 4, 5, 6
        ), leveled as materialized (
          select month, ${rolled}, days, sum(cases)::int as cases
            from base
           group by ${levels(['month', 'days'])}
        ), by_month as (
          select month, asl_id, district_id, family, base_code, days,
                 sum(cases) over (partition by month, asl_id, district_id, family, base_code order by days) as run,
                 sum(cases) over (partition by month, asl_id, district_id, family, base_code) as total
            from leveled
        ), ins_month as (
          insert into stat_lead_time (month, asl_id, district_id, family, base_code, cases, median, p90)
          select month, asl_id, district_id, family, base_code, max(total)::int,
                 min(days) filter (where 2 * run >= total), min(days) filter (where 10 * run >= 9 * total)
            from by_month group by 1, 2, 3, 4, 5
          returning 1
        ), running as (
          select asl_id, district_id, family, base_code, days, month,
                 sum(cases) over (partition by asl_id, district_id, family, base_code, days order by month) as run
            from leveled
           where asl_id <> '*' and district_id <> '*'
        ), ins_cumulative as (
          insert into stat_lead_time_cumulative (asl_id, district_id, family, base_code, days, months, cases)
          select asl_id, district_id, family, base_code, days,
                 array_agg(month order by month), array_agg(run::int order by month)
            from running group by 1, 2, 3, 4, 5
          returning 1
        )
        select ((select count(*) from ins_month) + (select count(*) from ins_cumulative))::int as n`,
  );
  const backlog = await rows<{ n: number }>(
    tx,
    sql`with base as materialized (
          select c.asl_id, coalesce(c.district_id, '') as district_id, c.family, c.exemption_base_code as base_code,
                 case when ${snapshot}::date - ${dayOf(sql`c.submitted_at`)} <= 7 then 0
                      when ${snapshot}::date - ${dayOf(sql`c.submitted_at`)} <= 30 then 1
                      when ${snapshot}::date - ${dayOf(sql`c.submitted_at`)} <= 90 then 2 else 3 end as age_band,
                 count(*) as cases
            from exemption_case c
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
          select c.asl_id, coalesce(c.district_id, '') as district_id, c.family, c.exemption_base_code as base_code,
                 case when c.valid_until is null then 3
                      when c.valid_until - ${snapshot}::date <= 30 then 0
                      when c.valid_until - ${snapshot}::date <= 60 then 1
                      when c.valid_until - ${snapshot}::date <= 90 then 2 else 3 end as expiry_band,
                 count(*) as exemptions
            from exemption_case c
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
  await tx.execute(
    sql`insert into stat_refresh (id, refreshed_at, snapshot_date, duration_ms)
        values (1, ${at.toISOString()}, ${snapshot}, ${Date.now() - started})
        on conflict (id) do update set refreshed_at = excluded.refreshed_at,
          snapshot_date = excluded.snapshot_date, duration_ms = excluded.duration_ms`,
  );
  return [flow, lead, backlog, inForce].reduce((s, r) => s + (r[0]?.n ?? 0), 0);
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

export async function flowByMonth(tx: Tx, f: StatFilter): Promise<FlowRow[]> {
  return rows<FlowRow>(
    tx,
    sql`select to_char(month, 'YYYY-MM') as month, sum(received)::int as received, sum(validated)::int as validated,
               sum(rejected)::int as rejected, sum(cancelled)::int as cancelled
          from stat_flow_month ${where(level(f), place(f), period(f))}
         group by month order by month`,
  );
}

export async function rejectionReasons(tx: Tx, f: StatFilter): Promise<Record<string, number>> {
  const [r] = await rows<Record<string, number | null>>(
    tx,
    sql`select sum(rejected_insufficient_requirements)::int as "INSUFFICIENT_REQUIREMENTS",
               sum(rejected_incorrect_documentation)::int as "INCORRECT_DOCUMENTATION",
               sum(rejected_insufficient_documentation)::int as "INSUFFICIENT_DOCUMENTATION",
               sum(rejected_other)::int as "OTHER"
          from stat_flow_month ${where(level(f), place(f), period(f))}`,
  );
  return Object.fromEntries(Object.entries(r ?? {}).map(([k, v]) => [k, v ?? 0]));
}

export interface LeadTimeRow {
  cases: number;
  median: number;
  p90: number;
}

/** The lead times of each month of the period (months without decisions are absent). */
export async function leadTimeByMonth(
  tx: Tx,
  f: StatFilter,
): Promise<Array<LeadTimeRow & { month: string }>> {
  // one row per month: a base code belongs to one family (the catalogue's), so a code level is one key
  return rows(
    tx,
    sql`select to_char(month, 'YYYY-MM') as month, cases, median, p90
          from stat_lead_time ${where(level(f), place(f), period(f))} order by month`,
  );
}

/**
 * The lead times of each district over the period: per number of days, the running total at the period's
 * last month minus the one before its first month (width_bucket: how many months of the row are ≤ the
 * given one, a binary search; 0 gives NULL, that is none), then the nearest-rank percentiles as above.
 */
export async function leadTimeByDistrict(
  tx: Tx,
  f: StatFilter,
): Promise<Array<LeadTimeRow & { aslId: string; districtId: string }>> {
  return rows(
    tx,
    sql`with period as (
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
          from running group by 1, 2 order by 1, 2`,
  );
}

export async function backlogByAge(tx: Tx, f: StatFilter): Promise<Array<{ band: number; cases: number }>> {
  return rows(
    tx,
    sql`select age_band as band, sum(cases)::int as cases
          from stat_backlog ${where(level(f), place(f))} group by age_band order by age_band`,
  );
}

export interface PlaceCount {
  aslId: string;
  districtId: string;
  n: number;
}

export async function backlogByDistrict(tx: Tx, f: StatFilter): Promise<PlaceCount[]> {
  return rows(
    tx,
    sql`select asl_id as "aslId", district_id as "districtId", sum(cases)::int as n
          from stat_backlog ${where(level(f), districtRows(f))} group by 1, 2 order by 1, 2`,
  );
}

export async function expiryBands(tx: Tx, f: StatFilter): Promise<Array<{ band: number; n: number }>> {
  return rows(
    tx,
    sql`select expiry_band as band, sum(exemptions)::int as n
          from stat_in_force ${where(level(f), place(f))} group by expiry_band order by expiry_band`,
  );
}

/** Exemptions in force per family (the family level; with a code filter, that code's family). */
export async function inForceByFamily(tx: Tx, f: StatFilter): Promise<Array<{ family: string; n: number }>> {
  const lvl = f.code
    ? level(f)
    : f.family
      ? sql`base_code = '*' and family = ${f.family}`
      : sql`base_code = '*' and family <> '*'`;
  return rows(
    tx,
    sql`select family, sum(exemptions)::int as n
          from stat_in_force ${where(lvl, place(f))} group by family order by n desc, family`,
  );
}

/** The `limit` codes with most exemptions in force. */
export async function inForceByCode(
  tx: Tx,
  f: StatFilter,
  limit: number,
): Promise<Array<{ code: string; family: string; n: number }>> {
  const lvl = f.code
    ? level(f)
    : f.family
      ? sql`base_code <> '*' and family = ${f.family}`
      : sql`base_code <> '*' and family <> '*'`;
  return rows(
    tx,
    sql`select base_code as code, min(family) as family, sum(exemptions)::int as n
          from stat_in_force ${where(lvl, place(f))}
         group by base_code order by n desc, base_code limit ${limit}`,
  );
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

/** The names of the codes (catalogue descriptions). */
export async function codeDescriptions(tx: Tx, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const found = await rows<{ code: string; description: string }>(
    tx,
    sql`select code, description from exemption_code
         where code in (${sql.join(
           codes.map((c) => sql`${c}`),
           sql`, `,
         )})`,
  );
  return new Map(found.map((r) => [r.code, r.description]));
}
