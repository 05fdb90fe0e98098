/**
 * "Who is this person?" for the specialist's certificate form and the counter: the registry's
 * personal data, audited. Operators see only residents of their own ASL; anyone else is not found.
 */
import {
  forbidden,
  personNotAssisted,
  personNotFound as notFound,
  type PersonResponse,
} from '@esenzioni/domain';
import { findPersonWithResidence } from '../../db/repositories/people.js';
import type { UseCaseContext } from '../context.js';
import { auditedRead, recordDenied } from '../../audit/audited-read.js';

export async function lookupPerson(ctx: UseCaseContext, fiscalCode: string): Promise<PersonResponse> {
  const { actor } = ctx;
  if (!['SPECIALIST', 'ADMIN_OPERATOR', 'DISTRICT_OPERATOR'].includes(actor.role)) throw forbidden();
  return auditedRead(ctx, async (db, audit) => {
    const row = await findPersonWithResidence(db, fiscalCode);
    if (!row || !row.p.residenceAslId) throw notFound(fiscalCode);
    if (actor.role !== 'SPECIALIST' && (!actor.aslId || row.p.residenceAslId !== actor.aslId)) {
      // a real person outside the operator's ASL: the attempt is logged (DENIED), the answer stays "not found"
      await recordDenied(ctx, { action: 'READ_PERSON', personFiscalCode: row.p.fiscalCode });
      throw notFound(fiscalCode);
    }
    audit('READ_PERSON', [{ personFiscalCode: row.p.fiscalCode }]);
    // issue 13 §4: the registry knows them, but the region no longer assists them: said, not hidden
    if (row.p.assistanceStatus === 'CEASED') throw personNotAssisted(row.p.fiscalCode, 'fiscalCode');
    const p = row.p;
    return {
      fiscalCode: p.fiscalCode,
      firstName: p.firstName,
      lastName: p.lastName,
      birthDate: p.birthDate,
      residence: {
        asl: p.residenceAslId ? { id: p.residenceAslId, name: row.aslName ?? p.residenceAslId } : null,
        district: p.residenceDistrictId
          ? { id: p.residenceDistrictId, name: row.districtName ?? p.residenceDistrictId }
          : null,
      },
    };
  });
}
