/**
 * The rows of an exemption case, of its history and of its registry exemption, as every writer of
 * cases builds them: the product (services, through cases.ts), the demo seed (seed/persist.ts) and the
 * benchmark generator (bench/lib/generate.ts). A column is added here, once:
 * - `caseRowOf` derives a case row from its history (state, last actor, notes, dates, validity), so a
 *   case the seed writes after five events is the row the product leaves after the same five;
 * - `issuedValidity` is the domain's rule (issuedUntil, durations.ts) fed with the code's catalogue end
 *   and its duration (exact code, else base code: repositories/durations.ts), and `validUntilSql` its
 *   SQL twin for writers in bulk;
 * - `insertSelectSql` writes `insert … select` for bulk writers with the column list of the table, and
 *   the compiler asks for an expression for every column that has neither a default nor NULL;
 * - `REGISTRY_FROM_CASE` is the registry row of a validated case, in SQL; `registryRowOf` in code.
 */
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  issuedUntil,
  OPEN_END,
  todayInRome,
  type CaseStatus,
  type CodeDuration,
  type ExemptionFamily,
  type RejectionReason,
  type Role,
  type SubmitterType,
} from '@esenzioni/domain';
import { caseHistory, exemptionCase, registryExemption, type HistoryAction } from '../schema.js';
import { searchKey } from '../../catalog/search-key.js';

export type CaseInsert = typeof exemptionCase.$inferInsert;
export type HistoryInsert = typeof caseHistory.$inferInsert;
export type RegistryInsert = typeof registryExemption.$inferInsert;

// ------------------------------------------------------------------ validity

/** What of a catalogue code decides how long an issued exemption lasts. */
export interface CodeValidity {
  /** the catalogue's end of validity of the code; null or 9999-12-31: none */
  validUntil: string | null;
  /** the duration found for the code (its own, else its base code's: durations.ts); absent: none */
  duration?: CodeDuration | null;
}

/**
 * An exemption issued on `validFrom` (a Rome calendar day) for `code`: the domain's rule. `birthDate`
 * is the beneficiary's, for a duration counted from birth (040).
 */
export function issuedValidity(
  validFrom: string,
  code: CodeValidity,
  birthDate: string | null = null,
): { validFrom: string; validUntil: string | null } {
  return { validFrom, validUntil: issuedUntil(validFrom, code.duration ?? null, code.validUntil, birthDate) };
}

/**
 * The SQL twin of `issuedValidity(...).validUntil` for durations counted from the validation date:
 * `validFrom` is a date expression, `code` the alias of an exemption_code row (its valid_until), and
 * `duration` the alias of its duration (columns unit, min_amount, max_amount; all null: none), as
 * `durationJoinSql` joins it. PostgreSQL clamps a month or year added to the 29th–31st to the last day
 * of a shorter month: that day is then the end (the anniversary does not exist), otherwise the end is
 * the day before the anniversary, as in the domain's periodEnd. Durations counted from birth are not
 * handled here (no writer in bulk issues 040).
 */
export function validUntilSql(validFrom: string, code: string, duration: string): string {
  const catalogEnd = `nullif(${code}.valid_until, date '${OPEN_END}')`;
  const amount = `coalesce(${duration}.max_amount, ${duration}.min_amount)`;
  const span = `case ${duration}.unit when 'DAYS' then make_interval(days => ${amount})
      when 'MONTHS' then make_interval(months => ${amount})
      when 'YEARS' then make_interval(years => ${amount}) end`;
  const shifted = `(${validFrom} + ${span})::date`;
  const byDuration = `case when ${duration}.unit <> 'DAYS'
        and extract(day from ${shifted}) < extract(day from ${validFrom})
      then ${shifted} else ${shifted} - 1 end`;
  return `(case when ${duration}.unit in ('DAYS', 'MONTHS', 'YEARS') and ${amount} >= 1
      then least(${byDuration}, ${catalogEnd})
      else ${catalogEnd} end)`;
}

/** `left join lateral` of the duration of the exemption_code row `code`: its own, else its base code's. */
export const durationJoinSql = (code: string, alias: string): string =>
  `left join lateral (select d.unit, d.min_amount, d.max_amount from exemption_duration d
      where d.code in (${code}.code, ${code}.base_code) order by d.code = ${code}.code desc limit 1) ${alias} on true`;

// ------------------------------------------------------------------ rows in code

/** One step of a case's history: the submission or a command, and the state it left. */
export interface HistoryStep {
  at: Date;
  actorFiscalCode: string;
  actorRole: Role;
  action: HistoryAction;
  status: CaseStatus;
  beneficiaryNote?: string | null;
  internalNote?: string | null;
}

export interface CaseFacts {
  caseNumber: string;
  beneficiary: {
    fiscalCode: string;
    firstName: string;
    lastName: string;
    aslId: string;
    districtId: string | null;
    /** for a duration counted from birth (040) */
    birthDate?: string | null;
  };
  submitter: { type: SubmitterType; fiscalCode: string; userId?: number | null };
  code: CodeValidity & { code: string; family: ExemptionFamily };
  diagnosisCode?: string | null;
  rejectionReason?: RejectionReason | null;
}

/**
 * The case row after `history` (oldest first, the submission first): its state, version (one per
 * step), last actor, latest notes, rejection time, and validity from the day it was validated.
 */
export function caseRowOf(facts: CaseFacts, history: readonly HistoryStep[]): CaseInsert {
  const first = history[0];
  const last = history[history.length - 1];
  if (!first || !last || first.action !== 'submit') throw new Error('a case starts with its submission');
  const latest = (k: 'beneficiaryNote' | 'internalNote') =>
    history.reduce<string | null>((acc, s) => s[k] ?? acc, null);
  const validated = history.find((s) => s.status === 'VALIDATED');
  const rejected = history.find((s) => s.status === 'REJECTED');
  const validity = validated
    ? issuedValidity(todayInRome(validated.at), facts.code, facts.beneficiary.birthDate ?? null)
    : { validFrom: null, validUntil: null };
  return {
    caseNumber: facts.caseNumber,
    aslId: facts.beneficiary.aslId,
    districtId: facts.beneficiary.districtId,
    beneficiaryFiscalCode: facts.beneficiary.fiscalCode,
    beneficiaryFirstName: facts.beneficiary.firstName,
    beneficiaryLastName: facts.beneficiary.lastName,
    beneficiaryFirstNameKey: searchKey(facts.beneficiary.firstName),
    beneficiaryLastNameKey: searchKey(facts.beneficiary.lastName),
    submitterType: facts.submitter.type,
    submitterFiscalCode: facts.submitter.fiscalCode,
    submitterUserId: facts.submitter.userId ?? null,
    exemptionCode: facts.code.code,
    diagnosisCode: facts.diagnosisCode ?? null,
    family: facts.code.family,
    status: last.status,
    version: history.length,
    submittedAt: first.at,
    updatedAt: last.at,
    ...validity,
    rejectionReason: last.status === 'REJECTED' ? (facts.rejectionReason ?? null) : null,
    rejectedAt: last.status === 'REJECTED' ? (rejected?.at ?? last.at) : null,
    beneficiaryNote: latest('beneficiaryNote'),
    internalNote: latest('internalNote'),
    lastActorFiscalCode: last.actorFiscalCode,
    lastActorRole: last.actorRole,
  };
}

export const historyRowOf = (caseId: number, s: HistoryStep): HistoryInsert => ({
  caseId,
  at: s.at,
  actorFiscalCode: s.actorFiscalCode,
  actorRole: s.actorRole,
  action: s.action,
  status: s.status,
  beneficiaryNote: s.beneficiaryNote ?? null,
  internalNote: s.internalNote ?? null,
});

/** The registry exemption of a validated case (null when the case is not validated). */
export function registryRowOf(
  c: Pick<
    CaseInsert,
    'beneficiaryFiscalCode' | 'exemptionCode' | 'family' | 'validFrom' | 'validUntil' | 'aslId' | 'status'
  > & { id: number },
  createdAt?: Date,
): RegistryInsert | null {
  if (c.status !== 'VALIDATED' || !c.validFrom) return null;
  return {
    fiscalCode: c.beneficiaryFiscalCode,
    exemptionCode: c.exemptionCode,
    family: c.family,
    validFrom: c.validFrom,
    validUntil: c.validUntil ?? null,
    caseId: c.id,
    aslId: c.aslId,
    ...(createdAt ? { createdAt } : {}),
  };
}

// ------------------------------------------------------------------ rows in bulk SQL

type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];

/**
 * An SQL expression per column of a row of `T` (keys as in the schema): required for every column
 * without a default that is NOT NULL, optional otherwise (left out: the column's default or NULL).
 */
export type ColumnSql<T> = { [K in RequiredKeys<T>]: string } & {
  [K in Exclude<keyof T, RequiredKeys<T>>]?: string;
};

/**
 * `[with …] insert into <table> (<columns>) select <expressions> …`, the columns named from the
 * schema (the with clause at the top, where a data-modifying one must be). `tail` is everything after
 * the select list (from, where, order by, returning).
 */
export function insertSelectSql<T extends PgTable>(
  table: T,
  exprs: ColumnSql<T['$inferInsert']>,
  tail: string,
  withClause?: string,
): string {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const names: string[] = [];
  const values: string[] = [];
  for (const [key, expr] of Object.entries(exprs as Record<string, string | undefined>)) {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    if (expr === undefined) continue;
    names.push(column.name);
    values.push(`${expr} as ${column.name}`);
  }
  return `${withClause ? `with ${withClause}\n` : ''}insert into ${getTableName(table)} (${names.join(', ')})
select ${values.join(',\n  ')}
${tail}`;
}

/** The registry row of a validated case, as expressions on an exemption_case row (see registryRowOf). */
export const REGISTRY_FROM_CASE = {
  fiscalCode: 'beneficiary_fiscal_code',
  exemptionCode: 'exemption_code',
  family: 'family',
  validFrom: 'valid_from',
  validUntil: 'valid_until',
  caseId: 'id',
  aslId: 'asl_id',
} as const satisfies ColumnSql<RegistryInsert>;
