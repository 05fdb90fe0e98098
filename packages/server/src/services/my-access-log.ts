/**
 * "Chi ha consultato i miei dati": the accesses to a citizen's data, with structure and role but not
 * the operator's name (Garante 2015, §5.2). The citizen's own reads are left out.
 */
import { and, desc, eq, ne, or, isNull, type SQL } from 'drizzle-orm';
import type { AccessAction, AccessLogItem, Role } from '@esenzioni/domain';
import { forbidden } from '@esenzioni/domain';
import { accessLog, asl, district } from '../db/schema.js';
import { resolveActingFor } from './acting-for.js';
import { nowOf, type UseCaseContext } from './context.js';

/** `onBehalfOf`: a delegate reads the delegator's log (delegation checked now); the delegator's own reads are left out. */
export async function myAccessLog(ctx: UseCaseContext, limit = 500, onBehalfOf?: string): Promise<AccessLogItem[]> {
  const { actor } = ctx;
  if (actor.role !== 'CITIZEN' || !actor.fiscalCode || actor.userId === null) {
    throw forbidden('Il registro degli accessi è consultabile dal cittadino interessato.');
  }
  const who = await resolveActingFor(ctx.db, actor, onBehalfOf, nowOf(ctx));
  const notOwnReads: SQL = who.asDelegate
    ? (or(isNull(accessLog.actorFiscalCode), ne(accessLog.actorFiscalCode, who.fiscalCode), ne(accessLog.actorRole, 'CITIZEN')) as SQL)
    : (or(isNull(accessLog.actorUserId), ne(accessLog.actorUserId, actor.userId)) as SQL);
  const rows = await ctx.db
    .select({
      at: accessLog.at,
      aslName: asl.name,
      districtName: district.name,
      role: accessLog.actorRole,
      apiKeyId: accessLog.actorApiKeyId,
      action: accessLog.action,
      caseNumber: accessLog.caseNumber,
    })
    .from(accessLog)
    .leftJoin(asl, eq(asl.id, accessLog.actorAslId))
    .leftJoin(district, eq(district.id, accessLog.actorDistrictId))
    .where(
      and(
        eq(accessLog.personFiscalCode, who.fiscalCode),
        notOwnReads,
      ),
    )
    .orderBy(desc(accessLog.id))
    .limit(limit);
  return rows.map((r) => ({
    at: r.at.toISOString(),
    aslName: r.aslName,
    districtName: r.districtName,
    role: r.role as Role,
    action: r.action as AccessAction,
    caseNumber: r.caseNumber,
  }));
}
