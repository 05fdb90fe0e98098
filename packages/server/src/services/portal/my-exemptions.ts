/**
 * "Le mie esenzioni": every registry row of the citizen (or of a delegator), with its validity and
 * state today; and the attestato PDF of a validated exemption. Both audited.
 */
import {
  exemptionNotFound,
  exemptionState,
  todayInRome,
  type ExemptionFamily,
  type MyExemption,
} from '@esenzioni/domain';
import { exemptionForAttestato, exemptionsOf } from '../../db/repositories/registry.js';
import { findInvalidityData } from '../../db/repositories/exempt-services.js';
import { servicesOfCode } from '../catalogue/exempt-services.js';
import { renderAttestatoPdf } from '../../documents/attestato-pdf.js';
import { resolveActingFor } from '../delegations/acting-for.js';
import { nowOf, type UseCaseContext } from '../context.js';
import { auditedRead } from '../../audit/audited-read.js';

export async function listMyExemptions(
  ctx: UseCaseContext,
  onBehalfOf: string | undefined,
): Promise<{ fiscalCode: string; items: MyExemption[] }> {
  const now = nowOf(ctx);
  const today = todayInRome(now);
  return auditedRead(ctx, async (db, audit) => {
    const who = await resolveActingFor(db, ctx.actor, onBehalfOf, now);
    const rows = await exemptionsOf(db, who.fiscalCode);
    audit('READ_EXEMPTIONS', [{ personFiscalCode: who.fiscalCode }]);
    return {
      fiscalCode: who.fiscalCode,
      items: rows.map(({ r, description, caseNumber }) => ({
        id: String(r.id),
        code: r.exemptionCode,
        description: description ?? '',
        family: r.family,
        validFrom: r.validFrom,
        validUntil: r.validUntil,
        state: exemptionState(r, today), // the shared "in force on date D" rule, with its last days
        caseNumber: caseNumber ?? null,
      })),
    };
  });
}

/** The attestato of a validated, not revoked exemption of the citizen or of a delegator. */
export async function exemptionAttestato(
  ctx: UseCaseContext,
  id: number,
  onBehalfOf: string | undefined,
): Promise<{ fileName: string; bytes: Buffer }> {
  const now = nowOf(ctx);
  return auditedRead(ctx, async (db, audit) => {
    const who = await resolveActingFor(db, ctx.actor, onBehalfOf, now);
    const row = await exemptionForAttestato(db, id, who.fiscalCode);
    if (!row || row.r.revokedAt || row.c.status !== 'VALIDATED') throw exemptionNotFound();
    audit('DOWNLOAD_EXEMPTION_CERTIFICATE', [
      { personFiscalCode: who.fiscalCode, caseNumber: row.c.caseNumber },
    ]);
    const bytes = await renderAttestatoPdf({
      aslName: row.aslName ?? row.c.aslId,
      beneficiary: {
        fiscalCode: row.p.fiscalCode,
        firstName: row.p.firstName,
        lastName: row.p.lastName,
        birthDate: row.p.birthDate,
      },
      exemption: {
        code: row.r.exemptionCode,
        description: row.code?.description ?? '',
        family: row.r.family,
      },
      validFrom: row.r.validFrom,
      validUntil: row.r.validUntil,
      caseNumber: row.c.caseNumber,
      printedOn: todayInRome(now),
      // issue 12 §4, §8: what it covers; the verbale of an invalidity exemption
      services: await servicesPrint(db, row.r.exemptionCode, row.r.family, todayInRome(now)),
      invalidity: row.r.family === 'INVALIDITY' ? await findInvalidityData(db, row.c.id) : null,
    });
    return { fileName: `attestato-esenzione-${row.c.caseNumber}.pdf`, bytes };
  });
}

async function servicesPrint(
  db: Parameters<typeof servicesOfCode>[0],
  code: string,
  family: ExemptionFamily,
  on: string,
) {
  const s = await servicesOfCode(db, code, family, on);
  return { scope: s.scope, sentence: s.services.sentence, items: s.items };
}
