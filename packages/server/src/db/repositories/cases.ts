/**
 * SQL for exemption cases: search, detail, history, creation, compare-and-set transitions, and what
 * the notifications and conflict messages read of a case.
 */
import { and, asc, desc, eq, getTableColumns, gte, inArray, like, lt, or, sql, type SQL } from 'drizzle-orm';
import {
  VIEW_STATUSES,
  type CaseStatusChangedEvent,
  type CaseSearchQuery,
  type CaseStatus,
  type PresenterKind,
  type Role,
} from '@esenzioni/domain';
import { rows, type Tx } from '../client.js';
import {
  asl,
  caseCertificate,
  caseHistory,
  casePresenter,
  district,
  exemptionCase,
  exemptionCode,
  type HistoryAction,
} from '../schema.js';
import { searchKey } from '../../catalog/search-key.js';
import { escapeLike } from '../like.js';

const ROME = 'Europe/Rome';

export function searchConditions(scope: SQL, q: CaseSearchQuery): SQL {
  const conds: SQL[] = [scope];
  conds.push(
    q.status ? eq(exemptionCase.status, q.status) : inArray(exemptionCase.status, [...VIEW_STATUSES[q.view]]),
  );
  if (q.status && !VIEW_STATUSES[q.view].includes(q.status)) conds.push(sql`false`);
  if (q.family) conds.push(eq(exemptionCase.family, q.family));
  if (q.exemptionCode) {
    // a condition code (048) finds its ICD-9 sub-codes (048.191.1) too; a sub-code finds itself
    const code = q.exemptionCode.toUpperCase();
    conds.push(
      code.includes('.')
        ? and(
            eq(exemptionCase.exemptionBaseCode, code.split('.')[0]!),
            eq(exemptionCase.exemptionCode, code),
          )!
        : eq(exemptionCase.exemptionBaseCode, code),
    );
  }
  if (q.createdFrom)
    conds.push(gte(exemptionCase.submittedAt, sql`(${q.createdFrom}::date)::timestamp at time zone ${ROME}`));
  if (q.createdTo)
    conds.push(
      lt(exemptionCase.submittedAt, sql`(${q.createdTo}::date + 1)::timestamp at time zone ${ROME}`),
    );
  if (q.lastName)
    conds.push(like(exemptionCase.beneficiaryLastNameKey, `${escapeLike(searchKey(q.lastName))}%`));
  if (q.firstName)
    conds.push(like(exemptionCase.beneficiaryFirstNameKey, `${escapeLike(searchKey(q.firstName))}%`));
  if (q.fiscalCode) conds.push(eq(exemptionCase.beneficiaryFiscalCode, q.fiscalCode));
  return and(...conds) as SQL;
}

function orderOf(q: CaseSearchQuery) {
  const sort = q.sort ?? (q.view === 'todo' ? 'submittedAt' : '-submittedAt');
  switch (sort) {
    case 'submittedAt':
      return [asc(exemptionCase.submittedAt), asc(exemptionCase.id)];
    case '-submittedAt':
      return [desc(exemptionCase.submittedAt), desc(exemptionCase.id)];
    case 'caseNumber':
      return [asc(exemptionCase.caseNumber)];
    case '-caseNumber':
      return [desc(exemptionCase.caseNumber)];
  }
}

export const listColumns = {
  caseNumber: exemptionCase.caseNumber,
  aslId: exemptionCase.aslId,
  aslName: asl.name,
  districtId: exemptionCase.districtId,
  districtName: district.name,
  fiscalCode: exemptionCase.beneficiaryFiscalCode,
  firstName: exemptionCase.beneficiaryFirstName,
  lastName: exemptionCase.beneficiaryLastName,
  submitterType: exemptionCase.submitterType,
  submitterFiscalCode: exemptionCase.submitterFiscalCode,
  exemptionCode: exemptionCase.exemptionCode,
  status: exemptionCase.status,
  submittedAt: exemptionCase.submittedAt,
};

/**
 * One page of a search, as a deferred join: the ids of the page are chosen first from the covering
 * indexes alone (the surname and code indexes carry status, date and id), then only those rows are
 * read with their ASL and district names. Without it a surname prefix walked the ASL's closed cases by
 * date reading each row from the heap to test the name (EXPLAIN in bench/README.md).
 */
export function pageQuery(tx: Tx, where: SQL, q: CaseSearchQuery, limit: number, offset: number) {
  const order = orderOf(q);
  const ids = tx
    .select({ id: exemptionCase.id })
    .from(exemptionCase)
    .where(where)
    .orderBy(...order)
    .limit(limit)
    .offset(offset);
  return tx
    .select(listColumns)
    .from(exemptionCase)
    .innerJoin(asl, eq(asl.id, exemptionCase.aslId))
    .leftJoin(district, eq(district.id, exemptionCase.districtId))
    .where(inArray(exemptionCase.id, ids))
    .orderBy(...order);
}

/**
 * Past this many matches a search says "più di 1.000" instead of counting every match on each page:
 * counting the 40,000 open cases of a large ASL costs more than the page itself (bench/README.md).
 */
export const COUNT_CAP = 1_000;

/** Matches up to `cap` + 1, so the caller knows whether the figure is exact. */
export function countQuery(tx: Tx, where: SQL, cap = COUNT_CAP) {
  const capped = tx
    .select({ one: sql`1` })
    .from(exemptionCase)
    .where(where)
    .limit(cap + 1)
    .as('capped');
  return tx.select({ n: sql<number>`count(*)::int` }).from(capped);
}

export async function countCases(tx: Tx, where: SQL, cap = COUNT_CAP): Promise<number> {
  const r = await countQuery(tx, where, cap);
  return Number(r[0]?.n ?? 0);
}

export type CaseRow = typeof exemptionCase.$inferSelect;

export async function findCase(
  tx: Tx,
  scope: SQL,
  caseNumber: string,
  forUpdate = false,
): Promise<CaseRow | undefined> {
  const q = tx
    .select()
    .from(exemptionCase)
    .where(and(scope, eq(exemptionCase.caseNumber, caseNumber)))
    .limit(1);
  const r = forUpdate ? await q.for('update') : await q;
  return r[0];
}

export async function historyOf(tx: Tx, caseId: number) {
  return tx.select().from(caseHistory).where(eq(caseHistory.caseId, caseId)).orderBy(asc(caseHistory.id));
}

export interface Change {
  status: CaseStatus;
  at: Date;
  actorFiscalCode: string;
  actorRole: Role;
  set?: Partial<
    Pick<
      CaseRow,
      | 'validFrom'
      | 'validUntil'
      | 'rejectionReason'
      | 'rejectedAt'
      | 'beneficiaryNote'
      | 'internalNote'
      | 'diagnosisCode'
      | 'exemptionCode'
    >
  >;
}

export interface HistoryEntry {
  at: Date;
  actorFiscalCode: string;
  actorRole: Role;
  action: HistoryAction;
  status: CaseStatus;
  beneficiaryNote: string | null;
  internalNote: string | null;
}

export interface Transition {
  caseId: number;
  expectedVersion: number;
  change: Change;
  /** one row per state passed through, in order */
  history: HistoryEntry[];
  /** the outbox event, when the state changed */
  event: CaseStatusChangedEvent | null;
  /** the case is validated: its exemption enters the registry (validity from the new row) */
  issueExemption: boolean;
  /**
   * the exemption ends («Revoca»: its registry row's last day becomes `lastDay`, so a lookup for an
   * earlier date still answers it) or is withdrawn («Annulla esenzione»: revoked_at, which `inForceOn`
   * excludes for every date: as if it had never been held)
   */
  endExemption?: { revokeOn: string } | { annulledAt: Date } | null;
}

const CASE_TABLE_COLUMNS = getTableColumns(exemptionCase);
const CASE_COLUMNS = Object.entries(CASE_TABLE_COLUMNS);

/** A row of `returning *` (driver values, snake_case) as Drizzle would have mapped it. */
function caseRowOf(raw: Record<string, unknown>): CaseRow {
  const row: Record<string, unknown> = {};
  for (const [key, column] of CASE_COLUMNS) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as CaseRow;
}

const lastDayOf = (t: Transition): string | null =>
  t.endExemption && 'revokeOn' in t.endExemption ? t.endExemption.revokeOn : null;
const annulledAtOf = (t: Transition): string | null =>
  t.endExemption && 'annulledAt' in t.endExemption ? t.endExemption.annulledAt.toISOString() : null;

/**
 * Compare-and-set and everything that goes with it, in one statement (data-modifying CTEs): the new
 * state only if nobody changed the case since `expectedVersion`; and, only if that update happened,
 * the history rows, the registry row of a validation and the outbox event. A case action is then
 * two round trips inside its transaction (load, this) instead of five. Undefined: the version moved.
 */
export async function commitTransition(tx: Tx, t: Transition): Promise<CaseRow | undefined> {
  const set: Record<string, unknown> = {
    status: t.change.status,
    updatedAt: t.change.at,
    lastActorFiscalCode: t.change.actorFiscalCode,
    lastActorRole: t.change.actorRole,
    ...t.change.set,
  };
  const assignments = Object.entries(set).map(([key, value]) => {
    const column = CASE_TABLE_COLUMNS[key as keyof typeof CASE_TABLE_COLUMNS];
    return sql`${sql.identifier(column.name)} = ${value === null || value === undefined ? null : sql.param(value, column)}`;
  });
  const history = JSON.stringify(
    t.history.map((h) => [
      h.at.toISOString(),
      h.actorFiscalCode,
      h.actorRole,
      h.action,
      h.status,
      h.beneficiaryNote,
      h.internalNote,
    ]),
  );
  const result = await rows<Record<string, unknown>>(
    tx,
    sql`with upd as (
      update exemption_case set version = version + 1, ${sql.join(assignments, sql`, `)}
       where id = ${t.caseId} and version = ${t.expectedVersion}
      returning *
    ), hist as (
      insert into case_history (case_id, at, actor_fiscal_code, actor_role, action, status, beneficiary_note, internal_note)
      select upd.id, (h->>0)::timestamptz, h->>1, h->>2, h->>3, h->>4, h->>5, h->>6
        from upd, jsonb_array_elements(${history}::jsonb) with ordinality as x(h, n)
       order by n
    ), reg as (
      insert into registry_exemption (fiscal_code, exemption_code, family, valid_from, valid_until, case_id, asl_id)
      select beneficiary_fiscal_code, exemption_code, family, valid_from, valid_until, id, asl_id
        from upd where ${t.issueExemption}
    ), renewed as (
      -- a renewal: the exemption it renews ends the day before the new one starts (issue 11 §3)
      update registry_exemption r set valid_until = upd.valid_from - 1
        from upd
       where ${t.issueExemption} and r.case_id = upd.renews_case_id and r.revoked_at is null
         and r.valid_from < upd.valid_from and (r.valid_until is null or r.valid_until >= upd.valid_from)
    ), ended as (
      update registry_exemption r
         set valid_until = least(r.valid_until, ${lastDayOf(t)}::date),
             revoked_at = coalesce(${annulledAtOf(t)}::timestamptz, r.revoked_at)
        from upd
       where ${Boolean(t.endExemption)} and r.case_id = upd.id and r.revoked_at is null
    ), ev as (
      insert into outbox (event_type, payload)
      select ${t.event?.eventType ?? null}, ${t.event === null ? null : JSON.stringify(t.event.payload)}::jsonb
        from upd where ${t.event !== null}
    )
    select * from upd`,
  );
  return result[0] ? caseRowOf(result[0]) : undefined;
}

export async function appendHistory(
  tx: Tx,
  rows: Array<{
    caseId: number;
    at: Date;
    actorFiscalCode: string;
    actorRole: Role;
    action: HistoryAction;
    status: CaseStatus;
    beneficiaryNote?: string | null;
    internalNote?: string | null;
  }>,
): Promise<void> {
  if (rows.length)
    await tx.insert(caseHistory).values(
      rows.map((r) => ({
        ...r,
        beneficiaryNote: r.beneficiaryNote ?? null,
        internalNote: r.internalNote ?? null,
      })),
    );
}

export async function findCaseById(tx: Tx, id: number): Promise<CaseRow | undefined> {
  const [row] = await tx.select().from(exemptionCase).where(eq(exemptionCase.id, id));
  return row;
}

export type NewCaseRow = typeof exemptionCase.$inferInsert;

export async function insertCase(tx: Tx, values: NewCaseRow): Promise<number> {
  const [created] = await tx.insert(exemptionCase).values(values).returning({ id: exemptionCase.id });
  if (!created) throw new Error('case not created');
  return created.id;
}

export async function insertCertificate(
  tx: Tx,
  c: { caseId: number; issuedOn: string; verificationCode: string | null; issuerFiscalCode: string | null },
): Promise<void> {
  await tx.insert(caseCertificate).values(c);
}

/**
 * Is a case of `fiscalCode` for `code` open (SUBMITTED or IN_PROGRESS)? The advisory lock serialises
 * two submissions for the same pair until commit, so both cannot pass the check.
 */
export async function lockAndFindOpenCase(tx: Tx, fiscalCode: string, code: string): Promise<boolean> {
  await tx.execute(sql`select pg_advisory_xact_lock(727003, hashtext(${`${fiscalCode}:${code}`}))`);
  const open = await tx
    .select({ id: exemptionCase.id })
    .from(exemptionCase)
    .where(
      and(
        eq(exemptionCase.beneficiaryFiscalCode, fiscalCode),
        eq(exemptionCase.exemptionCode, code),
        inArray(exemptionCase.status, ['SUBMITTED', 'IN_PROGRESS']),
      ),
    )
    .limit(1);
  return open.length > 0;
}

/** The ASL's name, or undefined when it is not in the table. */
export async function aslNameOf(tx: Tx, aslId: string): Promise<string | undefined> {
  const [row] = await tx.select({ name: asl.name }).from(asl).where(eq(asl.id, aslId));
  return row?.name;
}

/** Only the columns the notification texts and recipients need (the outbox drains hundreds a second). */
export async function recipientsOfCase(tx: Tx, caseNumber: string) {
  const [c] = await tx
    .select({
      beneficiaryFiscalCode: exemptionCase.beneficiaryFiscalCode,
      beneficiaryFirstName: exemptionCase.beneficiaryFirstName,
      beneficiaryLastName: exemptionCase.beneficiaryLastName,
      submitterType: exemptionCase.submitterType,
      submitterFiscalCode: exemptionCase.submitterFiscalCode,
      // issue 17 §6: the district operator who last took the case in charge
      inChargeFiscalCode: sql<string | null>`(select h.actor_fiscal_code from case_history h
        where h.case_id = exemption_case.id and h.action = 'takeCharge' order by h.id desc limit 1)`,
    })
    .from(exemptionCase)
    .where(eq(exemptionCase.caseNumber, caseNumber));
  return c;
}

/** A citizen's (or their delegator's) cases in `scope`, newest first, with the code's description. */
export async function casesWithDescription(tx: Tx, scope: SQL, limit: number) {
  return tx
    .select({ c: exemptionCase, description: exemptionCode.description })
    .from(exemptionCase)
    .leftJoin(exemptionCode, eq(exemptionCode.code, exemptionCase.exemptionCode))
    .where(scope)
    .orderBy(desc(exemptionCase.submittedAt), desc(exemptionCase.id))
    .limit(limit);
}

/** Does the catalogue know `code`, as a code or as a condition (base) code? */
export async function isKnownCodeOrBase(tx: Tx, code: string): Promise<boolean> {
  const found = await tx
    .select({ code: exemptionCode.code })
    .from(exemptionCode)
    .where(or(eq(exemptionCode.code, code), eq(exemptionCode.baseCode, code)))
    .limit(1);
  return found.length > 0;
}

export interface DetailLookups {
  asl_name: string | null;
  district_name: string | null;
  code_description: string | null;
  diagnosis_description: string | null;
  birth_date: string | null;
  services: Array<{ code: string | null; description: string; example: boolean }>;
  documents: Array<{ id: number; kind: string; fileName: string; contentType: string; size: number }>;
  renewal_of: string | null;
  renewed_by: string | null;
  /** issue 17 §1, for the ASL's staff: the sender's name and structure, the certificate, who has it */
  submitter_name: string | null;
  submitter_structure: string | null;
  certificate: {
    issuedOn: string;
    issuerFiscalCode: string | null;
    issuerName: string | null;
    issuedHere: boolean;
  } | null;
  in_charge: { fiscalCode: string; name: string | null; since: string } | null;
  /** the role of who wrote the Nota Beneficiario in force (the citizen's own at submission, or staff) */
  beneficiary_note_role: string | null;
  /** issue 17 §3: who presented a counter request */
  presenter: { kind: PresenterKind; fiscalCode: string | null; name: string | null } | null;
}

/**
 * What the detail adds to the case row (names from the catalogues, the birth date, the services the
 * code exempts, the documents) in one statement: a detail follows every read and every action.
 */
export async function detailLookups(tx: Tx, c: CaseRow): Promise<DetailLookups> {
  const [row] = await rows<DetailLookups>(
    tx,
    sql`select
      (select name from asl where id = ${c.aslId}) as asl_name,
      (select name from district where id = ${c.districtId}) as district_name,
      (select description from exemption_code where code = ${c.exemptionCode}) as code_description,
      (select description from diagnosis where code = ${c.diagnosisCode}) as diagnosis_description,
      (select birth_date from person where fiscal_code = ${c.beneficiaryFiscalCode}) as birth_date,
      (select coalesce(json_agg(json_build_object('code', s.service_code, 'description', s.description, 'example', s.example)
                                order by s.position, s.id), '[]'::json)
         from exempt_service s
        where s.exemption_code in (${c.exemptionCode}, (select base_code from exemption_code where code = ${c.exemptionCode}))) as services,
      (select coalesce(json_agg(json_build_object('id', d.id, 'kind', d.kind, 'fileName', d.file_name,
                                                  'contentType', d.content_type, 'size', d.size) order by d.id), '[]'::json)
         from document d
        where d.case_id = ${c.id}) as documents,
      (select case_number from exemption_case where id = ${c.renewsCaseId}) as renewal_of,
      (select case_number from exemption_case where renews_case_id = ${c.id} and status <> 'CANCELLED'
        order by id desc limit 1) as renewed_by,
      (select u.first_name || ' ' || u.last_name from app_user u
        where u.fiscal_code = ${c.submitterFiscalCode}
        order by (u.id = ${c.submitterUserId}) desc nulls last, u.id limit 1) as submitter_name,
      (select a.name from app_user u join user_profile p on p.user_id = u.id join asl a on a.id = p.asl_id
        where u.fiscal_code = ${c.submitterFiscalCode}
          and p.role = case ${c.submitterType} when 'DOCTOR' then 'SPECIALIST' else 'ADMIN_OPERATOR' end
        order by (u.id = ${c.submitterUserId}) desc nulls last, p.id limit 1) as submitter_structure,
      (select json_build_object('issuedOn', cc.issued_on, 'issuerFiscalCode', cc.issuer_fiscal_code,
                                'issuerName', (select u.first_name || ' ' || u.last_name from app_user u
                                                where u.fiscal_code = cc.issuer_fiscal_code order by u.id limit 1),
                                'issuedHere', cc.verification_code is not null)
         from case_certificate cc where cc.case_id = ${c.id}) as certificate,
      (select json_build_object('fiscalCode', h.actor_fiscal_code,
                                'name', (select u.first_name || ' ' || u.last_name from app_user u
                                          where u.fiscal_code = h.actor_fiscal_code order by u.id limit 1),
                                'since', h.at)
         from case_history h
        where h.case_id = ${c.id} and h.action = 'takeCharge' and ${c.status} = 'IN_PROGRESS'
        order by h.id desc limit 1) as in_charge,
      (select h.actor_role from case_history h
        where h.case_id = ${c.id} and h.beneficiary_note is not null
        order by h.id desc limit 1) as beneficiary_note_role,
      (select json_build_object('kind', cp.kind, 'fiscalCode', cp.fiscal_code, 'name', cp.name)
         from case_presenter cp where cp.case_id = ${c.id}) as presenter`,
  );
  return row!;
}

/** Who issues a specialist's certificate: the doctor's name and their structure's (the profile's ASL). */
export async function certificateIssuer(
  tx: Tx,
  userId: number,
  aslId: string | null,
): Promise<{ name: string | null; structure: string | null }> {
  const [row] = await rows<{ name: string | null; structure: string | null }>(
    tx,
    sql`select (select first_name || ' ' || last_name from app_user where id = ${userId}) as name,
               (select name from asl where id = ${aslId}) as structure`,
  );
  return row ?? { name: null, structure: null };
}

/** Who presented a counter request (issue 17 §3): one row per counter case, written with it. */
export async function insertCasePresenter(
  tx: Tx,
  caseId: number,
  p: { kind: PresenterKind; fiscalCode: string | null; name: string | null },
): Promise<void> {
  await tx.insert(casePresenter).values({ caseId, kind: p.kind, fiscalCode: p.fiscalCode, name: p.name });
}
