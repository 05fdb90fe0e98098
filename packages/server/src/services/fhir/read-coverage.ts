/** FHIR `Coverage/{id}` (issue 14): one registry exemption, audited as a registry lookup of its person. */
import type { Coverage } from '@medplum/fhirtypes';
import { notFound } from '@esenzioni/domain';
import { auditedRead } from '../../audit/audited-read.js';
import { coverageById } from '../../db/repositories/fhir.js';
import { coverageOf } from '../../fhir/resources.js';
import type { UseCaseContext } from '../context.js';
import { assertMayReadFhir } from './fhir-access.js';

export async function readCoverage(ctx: UseCaseContext, id: string): Promise<Coverage> {
  assertMayReadFhir(ctx);
  const n = /^\d{1,15}$/.test(id) ? Number(id) : NaN;
  return auditedRead(ctx, async (db, audit) => {
    const row = Number.isSafeInteger(n) ? await coverageById(db, n) : undefined;
    if (!row) throw notFound(`Nessuna Coverage con id ${id.slice(0, 64)}.`);
    audit('REGISTRY_LOOKUP', [{ personFiscalCode: row.fiscal_code, caseNumber: row.case_number }]);
    return coverageOf(row);
  });
}
