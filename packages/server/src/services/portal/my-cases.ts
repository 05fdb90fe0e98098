/**
 * The citizen's cases: their own, or a delegator's while the delegation is in force. The detail is
 * what a citizen may read (forCitizen: no internal note, no coded rejection reason). Reads audited.
 */
import { caseNotFound, todayInRome, type CaseDetail, type MyCaseList } from '@esenzioni/domain';
import { casesWithDescription, findCase } from '../../db/repositories/cases.js';
import { citizenCaseScope } from '../../db/repositories/delegations.js';
import { buildCaseDetail } from '../cases/case-detail.js';
import { citizenFiscalCode, resolveActingFor } from '../delegations/acting-for.js';
import { forCitizen } from '../cases/read-case.js';
import { nowOf, type UseCaseContext } from '../context.js';
import { auditedRead } from '../../audit/audited-read.js';

export async function listMyCases(ctx: UseCaseContext, onBehalfOf: string | undefined): Promise<MyCaseList> {
  const me = citizenFiscalCode(ctx.actor);
  const now = nowOf(ctx);
  return auditedRead(ctx, async (db, audit) => {
    const who = await resolveActingFor(db, ctx.actor, onBehalfOf, now);
    const rows = await casesWithDescription(db, citizenCaseScope(me, who, todayInRome(now)), 200);
    audit(
      'SEARCH',
      rows.map((r) => ({ personFiscalCode: r.c.beneficiaryFiscalCode, caseNumber: r.c.caseNumber })),
    );
    return {
      fiscalCode: who.fiscalCode,
      items: rows.map(({ c, description }) => ({
        caseNumber: c.caseNumber,
        status: c.status,
        family: c.family,
        exemption: { code: c.exemptionCode, description: description ?? '' },
        submitter: { type: c.submitterType },
        submittedAt: c.submittedAt.toISOString(),
        updatedAt: c.updatedAt.toISOString(),
      })),
    };
  });
}

export async function getMyCase(
  ctx: UseCaseContext,
  caseNumber: string,
  onBehalfOf: string | undefined,
): Promise<CaseDetail> {
  const me = citizenFiscalCode(ctx.actor);
  const now = nowOf(ctx);
  return auditedRead(ctx, async (db, audit) => {
    const who = await resolveActingFor(db, ctx.actor, onBehalfOf, now);
    const c = await findCase(db, citizenCaseScope(me, who, todayInRome(now)), caseNumber);
    if (!c) throw caseNotFound(caseNumber);
    audit('READ_DETAIL', [{ personFiscalCode: c.beneficiaryFiscalCode, caseNumber }]);
    return forCitizen(await buildCaseDetail(db, c, now));
  });
}
