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
  forbidden,
  type AccessLogKind,
  type MyAccessLogPage,
  type MyAccessLogQuery,
  type Role,
} from '@esenzioni/domain';
import { accessesToPerson, MACHINE_ROLES } from '../../db/repositories/access-log.js';
import { auditedRead } from '../../audit/audited-read.js';
import { resolveActingFor } from '../delegations/acting-for.js';
import { nowOf, type UseCaseContext } from '../context.js';

export function accessKind(r: { apiKeyId: number | null; role: Role }): AccessLogKind {
  if (r.apiKeyId !== null || MACHINE_ROLES.includes(r.role)) return 'MACHINE';
  return r.role === 'CITIZEN' ? 'CITIZEN' : 'OPERATOR';
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
    const { counts, page } = await accessesToPerson(db, {
      personFiscalCode: who.fiscalCode,
      // as a delegate, the delegator's own reads are left out; otherwise the citizen's own
      ownReads: who.asDelegate ? { citizenFiscalCode: who.fiscalCode } : { userId },
      from: q.from,
      to: q.to,
      kind: q.kind,
      page: q.page,
      pageSize: q.pageSize,
    });
    // a delegate reading the delegator's log reads the delegator's data
    if (who.asDelegate) audit('READ_PERSON', [{ personFiscalCode: who.fiscalCode }]);
    const c = { OPERATOR: counts.OPERATOR, MACHINE: counts.MACHINE, CITIZEN: counts.CITIZEN };
    return {
      items: page.map((r) => ({
        at: r.at.toISOString(),
        aslName: r.aslName,
        districtName: r.districtName,
        role: r.role,
        action: r.action,
        caseNumber: r.caseNumber,
        kind: accessKind(r),
        outcome: r.outcome === 'DENIED' ? ('DENIED' as const) : ('OK' as const),
      })),
      page: q.page,
      pageSize: q.pageSize,
      total: q.kind ? c[q.kind] : c.OPERATOR + c.MACHINE + c.CITIZEN,
      counts: c,
      latestOperatorReadAt: counts.latestOperator?.toISOString() ?? null,
    };
  });
}
