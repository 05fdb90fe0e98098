/** "Pratiche da fare" / "Pratiche chiuse": a page of cases in the actor's scope, each read audited. */
import { exemptionCodeUnknown, type CaseList, type CaseSearchQuery } from '@esenzioni/domain';
import type { Tx } from '../../db/client.js';
import {
  COUNT_CAP,
  countCases,
  isKnownCodeOrBase,
  pageQuery,
  searchConditions,
} from '../../db/repositories/cases.js';
import { caseScope } from '../../db/repositories/scope.js';
import { aliasTarget } from '../../db/repositories/catalogue.js';
import type { UseCaseContext } from '../context.js';
import { auditedRead } from '../../audit/audited-read.js';

/**
 * A filter on a code the catalogue does not know is a mistake to report, not an empty result. Callers
 * ask only when a search found nothing (an unknown code never matches), so a normal search pays no query.
 */
export async function assertKnownCode(db: Tx, code: string | undefined): Promise<void> {
  if (!code) return;
  if (!(await isKnownCodeOrBase(db, code.toUpperCase()))) throw exemptionCodeUnknown(code);
}

/**
 * The code filter in the catalogue's spelling: an alias typed (0B02, as on prescriptions and in the
 * manual's list) searches its code (002B) — issue 12 §7. Catalogue data only: not audited.
 */
export async function withCatalogueCode(db: Tx, q: CaseSearchQuery): Promise<CaseSearchQuery> {
  if (!q.exemptionCode) return q;
  const target = await aliasTarget(db, q.exemptionCode);
  return target ? { ...q, exemptionCode: target } : q;
}

export async function searchCasesUseCase(ctx: UseCaseContext, typed: CaseSearchQuery): Promise<CaseList> {
  const q = await withCatalogueCode(ctx.db, typed);
  const where = searchConditions(caseScope(ctx.actor), q);
  return auditedRead(ctx, async (db, audit) => {
    const [total, rows] = await Promise.all([
      countCases(db, where),
      pageQuery(db, where, q, q.pageSize, (q.page - 1) * q.pageSize),
    ]);
    if (total === 0) await assertKnownCode(db, q.exemptionCode);
    audit(
      'SEARCH',
      rows.map((r) => ({ personFiscalCode: r.fiscalCode, caseNumber: r.caseNumber })),
    );
    return {
      total: Math.min(total, COUNT_CAP),
      totalExact: total <= COUNT_CAP,
      page: q.page,
      pageSize: q.pageSize,
      items: rows.map((r) => ({
        caseNumber: r.caseNumber,
        asl: { id: r.aslId, name: r.aslName },
        district: r.districtId ? { id: r.districtId, name: r.districtName ?? '' } : null,
        beneficiary: { fiscalCode: r.fiscalCode, firstName: r.firstName, lastName: r.lastName },
        submitter: { type: r.submitterType, fiscalCode: r.submitterFiscalCode },
        exemptionCode: r.exemptionCode,
        status: r.status,
        submittedAt: r.submittedAt.toISOString(),
      })),
    };
  });
}
