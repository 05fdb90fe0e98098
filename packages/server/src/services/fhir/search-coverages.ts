/**
 * FHIR `Coverage?beneficiary:identifier=<codice fiscale>&date=<day>` (issue 14): a page of the person's
 * exemptions (in force on the day, or all), audited like the registry lookup.
 */
import type { Bundle, Coverage } from '@medplum/fhirtypes';
import { auditedRead } from '../../audit/audited-read.js';
import { coveragesOf } from '../../db/repositories/fhir.js';
import { coverageOf, searchset } from '../../fhir/resources.js';
import type { UseCaseContext } from '../context.js';
import { assertMayReadFhir, dayOfDateParam, fiscalCodeOfToken } from './fhir-access.js';

export interface CoverageSearch {
  beneficiaryIdentifier: string;
  date?: string | undefined;
  offset: number;
  count: number;
}

export async function searchCoverages(
  ctx: UseCaseContext,
  base: string,
  q: CoverageSearch,
  pageUrl: (offset: number) => string,
): Promise<Bundle<Coverage>> {
  assertMayReadFhir(ctx);
  const fiscalCode = fiscalCodeOfToken('beneficiary:identifier', q.beneficiaryIdentifier);
  const on = q.date === undefined ? null : dayOfDateParam(q.date);
  return auditedRead(ctx, async (db, audit) => {
    const page = fiscalCode
      ? await coveragesOf(db, fiscalCode, on, q.offset, q.count)
      : { rows: [], total: 0 };
    // the person's registry was read, whether or not it holds anything (as the registry lookup)
    if (fiscalCode) audit('REGISTRY_LOOKUP', [{ personFiscalCode: fiscalCode }]);
    return searchset(base, page.rows.map(coverageOf), page.total, {
      url: pageUrl,
      offset: q.offset,
      count: q.count,
    });
  });
}
