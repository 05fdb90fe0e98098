/**
 * SQL reading the access log about one person ("Chi ha consultato i miei dati"): a page of accesses,
 * filtered by period and kind, and the count of each kind in the period. Writing the log is
 * audit/access-log.ts.
 */
import {
  and,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  ne,
  notInArray,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { AccessLogKind, Role } from '@esenzioni/domain';
import { rows, type Tx } from '../client.js';
import { accessLog, asl, district } from '../schema.js';

const ROME = 'Europe/Rome';
/** Roles whose reads are automatic lookups even without an API key (a GP's registry check). */
export const MACHINE_ROLES: readonly Role[] = ['GP'];

/** Each kind as SQL on access_log. */
const KIND_SQL: Record<AccessLogKind, SQL> = {
  MACHINE: or(isNotNull(accessLog.actorApiKeyId), inArray(accessLog.actorRole, [...MACHINE_ROLES])) as SQL,
  CITIZEN: and(isNull(accessLog.actorApiKeyId), eq(accessLog.actorRole, 'CITIZEN')) as SQL,
  OPERATOR: and(
    isNull(accessLog.actorApiKeyId),
    notInArray(accessLog.actorRole, ['CITIZEN', ...MACHINE_ROLES]),
  ) as SQL,
};

export interface AccessQuery {
  /** whose data was accessed */
  personFiscalCode: string;
  /** the reader's own reads are left out: a citizen's by user id, a delegator's (read by a delegate) by fiscal code */
  ownReads: { userId: number } | { citizenFiscalCode: string };
  /** Europe/Rome days, both inclusive */
  from?: string | undefined;
  to?: string | undefined;
  kind?: AccessLogKind | undefined;
  page: number;
  pageSize: number;
}

export interface AccessCounts {
  OPERATOR: number;
  MACHINE: number;
  CITIZEN: number;
  /** the newest operator read in the period, whatever the kind filter */
  latestOperator: Date | null;
}

function inPeriodOf(q: AccessQuery): SQL {
  const notOwnReads =
    'userId' in q.ownReads
      ? or(isNull(accessLog.actorUserId), ne(accessLog.actorUserId, q.ownReads.userId))
      : or(
          isNull(accessLog.actorFiscalCode),
          ne(accessLog.actorFiscalCode, q.ownReads.citizenFiscalCode),
          ne(accessLog.actorRole, 'CITIZEN'),
        );
  return and(
    eq(accessLog.personFiscalCode, q.personFiscalCode),
    notOwnReads,
    // from 00:00 of `from` to the end of `to`, in Europe/Rome
    q.from ? gte(accessLog.at, sql`(${q.from}::date)::timestamp at time zone ${ROME}`) : undefined,
    q.to ? lt(accessLog.at, sql`(${q.to}::date + 1)::timestamp at time zone ${ROME}`) : undefined,
  ) as SQL;
}

/** The counts of each kind in the period and one page of accesses (newest first). */
export async function accessesToPerson(tx: Tx, q: AccessQuery) {
  const inPeriod = inPeriodOf(q);
  const where = q.kind ? (and(inPeriod, KIND_SQL[q.kind]) as SQL) : inPeriod;
  const [[counts], page] = await Promise.all([
    rows<{ operator: number; machine: number; citizen: number; latest_operator: string | Date | null }>(
      tx,
      sql`select count(*) filter (where ${KIND_SQL.OPERATOR})::int as operator,
                 count(*) filter (where ${KIND_SQL.MACHINE})::int as machine,
                 count(*) filter (where ${KIND_SQL.CITIZEN})::int as citizen,
                 max(${accessLog.at}) filter (where ${KIND_SQL.OPERATOR}) as latest_operator
            from ${accessLog} where ${inPeriod}`,
    ),
    tx
      .select({
        at: accessLog.at,
        aslName: asl.name,
        districtName: district.name,
        role: accessLog.actorRole,
        apiKeyId: accessLog.actorApiKeyId,
        action: accessLog.action,
        caseNumber: accessLog.caseNumber,
        outcome: accessLog.outcome,
      })
      .from(accessLog)
      .leftJoin(asl, eq(asl.id, accessLog.actorAslId))
      .leftJoin(district, eq(district.id, accessLog.actorDistrictId))
      .where(where)
      .orderBy(desc(accessLog.at), desc(accessLog.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
  ]);
  const c: AccessCounts = {
    OPERATOR: Number(counts?.operator ?? 0),
    MACHINE: Number(counts?.machine ?? 0),
    CITIZEN: Number(counts?.citizen ?? 0),
    latestOperator: counts?.latest_operator ? new Date(counts.latest_operator) : null,
  };
  return { counts: c, page };
}
