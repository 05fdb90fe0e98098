/**
 * "Le mie esenzioni": every registry row of the citizen (or of a delegator), with its validity and
 * state today; and the attestato PDF of a validated exemption. Both audited.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import { DomainError, todayInRome, type ExemptionFamily, type MyExemption } from '@esenzioni/domain';
import { asl, exemptionCase, exemptionCode, person, registryExemption } from '../db/schema.js';
import { renderAttestatoPdf } from '../documents/attestato-pdf.js';
import { resolveActingFor } from './acting-for.js';
import { nowOf, type UseCaseContext } from './context.js';
import { auditedRead } from '../audit/audited-read.js';

type RegistryRow = typeof registryExemption.$inferSelect;

export function exemptionState(
  r: Pick<RegistryRow, 'validFrom' | 'validUntil' | 'revokedAt'>,
  today: string,
): MyExemption['state'] {
  if (r.revokedAt) return 'REVOKED';
  if (r.validFrom > today) return 'NOT_YET_VALID';
  if (r.validUntil !== null && r.validUntil < today) return 'EXPIRED';
  return 'ACTIVE';
}

export async function listMyExemptions(
  ctx: UseCaseContext,
  onBehalfOf: string | undefined,
): Promise<{ fiscalCode: string; items: MyExemption[] }> {
  const now = nowOf(ctx);
  const today = todayInRome(now);
  return auditedRead(ctx, async (db, audit) => {
    const who = await resolveActingFor(db, ctx.actor, onBehalfOf, now);
    const rows = await db
      .select({
        r: registryExemption,
        description: exemptionCode.description,
        caseNumber: exemptionCase.caseNumber,
      })
      .from(registryExemption)
      .leftJoin(exemptionCode, eq(exemptionCode.code, registryExemption.exemptionCode))
      .leftJoin(exemptionCase, eq(exemptionCase.id, registryExemption.caseId))
      .where(eq(registryExemption.fiscalCode, who.fiscalCode))
      .orderBy(desc(registryExemption.validFrom), asc(registryExemption.exemptionCode));
    audit('READ_EXEMPTIONS', [{ personFiscalCode: who.fiscalCode }]);
    return {
      fiscalCode: who.fiscalCode,
      items: rows.map(({ r, description, caseNumber }) => ({
        id: String(r.id),
        code: r.exemptionCode,
        description: description ?? '',
        family: r.family as ExemptionFamily,
        validFrom: r.validFrom,
        validUntil: r.validUntil,
        state: exemptionState(r, today),
        caseNumber: caseNumber ?? null,
      })),
    };
  });
}

const exemptionNotFound = () =>
  new DomainError(
    'EXEMPTION_NOT_FOUND',
    "L'esenzione richiesta non esiste, non è validata o non è consultabile con il profilo attivo.",
  );

/** The attestato of a validated, not revoked exemption of the citizen or of a delegator. */
export async function exemptionAttestato(
  ctx: UseCaseContext,
  id: number,
  onBehalfOf: string | undefined,
): Promise<{ fileName: string; bytes: Buffer }> {
  const now = nowOf(ctx);
  return auditedRead(ctx, async (db, audit) => {
    const who = await resolveActingFor(db, ctx.actor, onBehalfOf, now);
    const [row] = await db
      .select({ r: registryExemption, code: exemptionCode, c: exemptionCase, p: person, aslName: asl.name })
      .from(registryExemption)
      .innerJoin(exemptionCase, eq(exemptionCase.id, registryExemption.caseId))
      .innerJoin(person, eq(person.fiscalCode, registryExemption.fiscalCode))
      .leftJoin(exemptionCode, eq(exemptionCode.code, registryExemption.exemptionCode))
      .leftJoin(asl, eq(asl.id, registryExemption.aslId))
      .where(and(eq(registryExemption.id, id), eq(registryExemption.fiscalCode, who.fiscalCode)));
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
        family: row.r.family as ExemptionFamily,
      },
      validFrom: row.r.validFrom,
      validUntil: row.r.validUntil,
      caseNumber: row.c.caseNumber,
      printedOn: todayInRome(now),
    });
    return { fileName: `attestato-esenzione-${row.c.caseNumber}.pdf`, bytes };
  });
}
