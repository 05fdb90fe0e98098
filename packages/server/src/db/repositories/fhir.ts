/**
 * SQL of the FHIR read API and of the push to the regional registry (issue 14): a registry exemption
 * with what its Coverage shows (the code's description, the case's number and state, the ASL's name),
 * the person a Patient shows, and the exemptions a change of a case touches.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../client.js';

/** One registry exemption as its Coverage needs it (snake_case: a raw row). */
export interface CoverageRow {
  id: number;
  fiscal_code: string;
  exemption_code: string;
  family: string;
  valid_from: string;
  valid_until: string | null;
  revoked_at: Date | string | null;
  source: string;
  ended_by_import: number | null;
  asl_id: string | null;
  asl_name: string | null;
  description: string | null;
  case_number: string | null;
  case_status: string | null;
}

const COVERAGE_SELECT = sql`
  select r.id, r.fiscal_code, r.exemption_code, r.family, r.valid_from::text as valid_from,
         r.valid_until::text as valid_until, r.revoked_at, r.source, r.ended_by_import, r.asl_id,
         a.name as asl_name, k.description, c.case_number, c.status as case_status
    from registry_exemption r
    left join exemption_code k on k.code = r.exemption_code
    left join exemption_case c on c.id = r.case_id
    left join asl a on a.id = r.asl_id`;

/** The registry exemption `id`, or undefined. */
export async function coverageById(db: Tx, id: number): Promise<CoverageRow | undefined> {
  const [row] = await rows<CoverageRow>(db, sql`${COVERAGE_SELECT} where r.id = ${id}`);
  return row;
}

/** Several registry exemptions by id (the reconciliation's sample), in id order. */
export function coveragesByIds(db: Tx, ids: readonly number[]): Promise<CoverageRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return rows<CoverageRow>(
    db,
    sql`${COVERAGE_SELECT} where r.id = any(${`{${ids.join(',')}}`}::bigint[]) order by r.id`,
  );
}

/**
 * A page of the person's exemptions, in force on `on` when given (the one rule of in-force.ts, as SQL
 * here: from valid_from to valid_until, not annulled), else every one; newest first. With the total.
 */
export async function coveragesOf(
  db: Tx,
  fiscalCode: string,
  on: string | null,
  offset: number,
  count: number,
): Promise<{ rows: CoverageRow[]; total: number }> {
  const inForce =
    on === null
      ? sql`true`
      : sql`r.valid_from <= ${on}::date and (r.valid_until is null or r.valid_until >= ${on}::date) and r.revoked_at is null`;
  const [page, [total]] = await Promise.all([
    rows<CoverageRow>(
      db,
      sql`${COVERAGE_SELECT} where r.fiscal_code = ${fiscalCode} and ${inForce}
           order by r.valid_from desc, r.id desc limit ${count} offset ${offset}`,
    ),
    rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from registry_exemption r where r.fiscal_code = ${fiscalCode} and ${inForce}`,
    ),
  ]);
  return { rows: page, total: Number(total?.n ?? 0) };
}

export interface PatientRow {
  fiscal_code: string;
  first_name: string;
  last_name: string;
  birth_date: string | null;
  sex: string | null;
}

/** The person with this fiscal code, or undefined. */
export async function patientOf(db: Tx, fiscalCode: string): Promise<PatientRow | undefined> {
  const [row] = await rows<PatientRow>(
    db,
    sql`select fiscal_code, first_name, last_name, birth_date::text as birth_date, sex
          from person where fiscal_code = ${fiscalCode}`,
  );
  return row;
}

/**
 * The registry exemptions a new state of case `caseNumber` changed: the case's own row and, for the
 * validation of a renewal, the row of the exemption it renews (shortened to the day before).
 */
export function registryRowsOfCase(
  tx: Tx,
  caseNumber: string,
): Promise<Array<{ id: number; renewed: boolean }>> {
  return rows<{ id: number; renewed: boolean }>(
    tx,
    sql`select r.id, r.case_id <> c.id as renewed
          from exemption_case c
          join registry_exemption r on r.case_id = c.id or (c.renews_case_id is not null and r.case_id = c.renews_case_id)
         where c.case_number = ${caseNumber}
         order by r.id`,
  );
}

/**
 * The registry exemptions changed on `day` (Europe/Rome): rows of cases with a history row that day
 * (validated, expired, revoked, annulled) and the rows their renewals shortened; at most `limit`.
 */
export async function coverageIdsChangedOn(db: Tx, day: string, limit: number): Promise<number[]> {
  const found = await rows<{ id: number }>(
    db,
    sql`select distinct r.id
          from case_history h
          join exemption_case c on c.id = h.case_id
          join registry_exemption r on r.case_id = c.id or (c.renews_case_id is not null and r.case_id = c.renews_case_id)
         where h.at >= (${day}::date::timestamp at time zone 'Europe/Rome')
           and h.at < ((${day}::date + 1)::timestamp at time zone 'Europe/Rome')
           and h.status in ('VALIDATED', 'EXPIRED', 'REVOKED', 'CANCELLED')
         order by r.id limit ${limit}`,
  );
  return found.map((r) => Number(r.id));
}

/** A random sample of `size` registry exemptions not in `except` (the reconciliation's spot check). */
export async function sampleCoverageIds(db: Tx, size: number, except: readonly number[]): Promise<number[]> {
  if (size <= 0) return [];
  const found = await rows<{ id: number }>(
    db,
    sql`select id from registry_exemption
         where not (id = any(${`{${except.join(',')}}`}::bigint[]))
         order by random() limit ${size}`,
  );
  return found.map((r) => Number(r.id));
}
