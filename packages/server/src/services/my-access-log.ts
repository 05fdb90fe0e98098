/**
 * "Chi ha consultato i miei dati": the accesses to a citizen's data, with structure and role but not
 * the operator's name (Garante 2015, §5.2). The citizen's own reads are left out.
 *
 * By page and filtered by period and kind (issue 9): automatic lookups (API keys, GPs' and
 * pharmacies' registry checks) are many and human reads few, so the answer counts each kind in the
 * period and names the newest operator read whatever the filter: volume cannot push a person's read
 * out of sight.
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
import {
  forbidden,
  type AccessAction,
  type AccessLogKind,
  type MyAccessLogPage,
  type MyAccessLogQuery,
  type Role,
} from '@esenzioni/domain';
import { accessLog, asl, district } from '../db/schema.js';
import { rows as rawRows } from '../db/client.js';
import { auditedRead } from '../audit/audited-read.js';
import { resolveActingFor } from './acting-for.js';
import { nowOf, type UseCaseContext } from './context.js';

const ROME = 'Europe/Rome';
/** Roles whose reads are automatic lookups even without an API key (a GP's registry check). */
const MACHINE_ROLES: Role[] = ['GP'];

/** Each kind as SQL on access_log. */
const KIND_SQL: Record<AccessLogKind, SQL> = {
  MACHINE: or(isNotNull(accessLog.actorApiKeyId), inArray(accessLog.actorRole, MACHINE_ROLES)) as SQL,
  CITIZEN: and(isNull(accessLog.actorApiKeyId), eq(accessLog.actorRole, 'CITIZEN')) as SQL,
  OPERATOR: and(
    isNull(accessLog.actorApiKeyId),
    notInArray(accessLog.actorRole, ['CITIZEN', ...MACHINE_ROLES]),
  ) as SQL,
};

export function accessKind(r: { apiKeyId: number | null; role: string }): AccessLogKind {
  if (r.apiKeyId !== null || MACHINE_ROLES.includes(r.role as Role)) return 'MACHINE';
  return r.role === 'CITIZEN' ? 'CITIZEN' : 'OPERATOR';
}

/** From 00:00 of `from` to the end of `to`, both days in Europe/Rome. */
function periodOf(q: Pick<MyAccessLogQuery, 'from' | 'to'>): SQL[] {
  const conds: SQL[] = [];
  if (q.from) conds.push(gte(accessLog.at, sql`(${q.from}::date)::timestamp at time zone ${ROME}`));
  if (q.to) conds.push(lt(accessLog.at, sql`(${q.to}::date + 1)::timestamp at time zone ${ROME}`));
  return conds;
}

interface Counts {
  operator: number;
  machine: number;
  citizen: number;
  latest_operator: string | Date | null;
}

/** `onBehalfOf`: a delegate reads the delegator's log (delegation checked now); the delegator's own reads are left out. */
export async function myAccessLog(ctx: UseCaseContext, q: MyAccessLogQuery): Promise<MyAccessLogPage> {
  const { actor } = ctx;
  if (actor.role !== 'CITIZEN' || !actor.fiscalCode || actor.userId === null) {
    throw forbidden('Il registro degli accessi è consultabile dal cittadino interessato.');
  }
  const userId = actor.userId;
  return auditedRead(ctx, async (db, audit) => {
    const who = await resolveActingFor(db, actor, q.onBehalfOf, nowOf(ctx));
    const notOwnReads: SQL = who.asDelegate
      ? (or(
          isNull(accessLog.actorFiscalCode),
          ne(accessLog.actorFiscalCode, who.fiscalCode),
          ne(accessLog.actorRole, 'CITIZEN'),
        ) as SQL)
      : (or(isNull(accessLog.actorUserId), ne(accessLog.actorUserId, userId)) as SQL);
    const inPeriod = and(eq(accessLog.personFiscalCode, who.fiscalCode), notOwnReads, ...periodOf(q)) as SQL;
    const where = q.kind ? (and(inPeriod, KIND_SQL[q.kind]) as SQL) : inPeriod;
    const [[counts], page] = await Promise.all([
      rawRows<Counts>(
        db,
        sql`select count(*) filter (where ${KIND_SQL.OPERATOR})::int as operator,
                   count(*) filter (where ${KIND_SQL.MACHINE})::int as machine,
                   count(*) filter (where ${KIND_SQL.CITIZEN})::int as citizen,
                   max(${accessLog.at}) filter (where ${KIND_SQL.OPERATOR}) as latest_operator
              from ${accessLog} where ${inPeriod}`,
      ),
      db
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
    // a delegate reading the delegator's log reads the delegator's data
    if (who.asDelegate) audit('READ_PERSON', [{ personFiscalCode: who.fiscalCode }]);
    const c = {
      OPERATOR: Number(counts?.operator ?? 0),
      MACHINE: Number(counts?.machine ?? 0),
      CITIZEN: Number(counts?.citizen ?? 0),
    };
    const latest = counts?.latest_operator ? new Date(counts.latest_operator).toISOString() : null;
    return {
      items: page.map((r) => ({
        at: r.at.toISOString(),
        aslName: r.aslName,
        districtName: r.districtName,
        role: r.role as Role,
        action: r.action as AccessAction,
        caseNumber: r.caseNumber,
        kind: accessKind(r),
        outcome: r.outcome === 'DENIED' ? ('DENIED' as const) : ('OK' as const),
      })),
      page: q.page,
      pageSize: q.pageSize,
      total: q.kind ? c[q.kind] : c.OPERATOR + c.MACHINE + c.CITIZEN,
      counts: c,
      latestOperatorReadAt: latest,
    };
  });
}
