/** FHIR `Patient?identifier=<codice fiscale>` (issue 14): the person, audited as a reading of personal data. */
import type { Bundle, Patient } from '@medplum/fhirtypes';
import { auditedRead } from '../../audit/audited-read.js';
import { patientOf } from '../../db/repositories/fhir.js';
import { patientOfRow, searchset } from '../../fhir/resources.js';
import type { UseCaseContext } from '../context.js';
import { assertMayReadFhir, fiscalCodeOfToken } from './fhir-access.js';

export async function searchPatients(
  ctx: UseCaseContext,
  base: string,
  identifier: string,
  pageUrl: (offset: number) => string,
): Promise<Bundle<Patient>> {
  assertMayReadFhir(ctx);
  const fiscalCode = fiscalCodeOfToken('identifier', identifier);
  return auditedRead(ctx, async (db, audit) => {
    const person = fiscalCode ? await patientOf(db, fiscalCode) : undefined;
    if (person) audit('READ_PERSON', [{ personFiscalCode: person.fiscal_code }]);
    const found = person ? [patientOfRow(person)] : [];
    return searchset(base, found, found.length, {
      url: pageUrl,
      offset: 0,
      count: Math.max(1, found.length),
    });
  });
}
