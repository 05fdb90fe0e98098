/** Builds the case detail the API returns, from the case row and the catalogues. */
import { asc, eq, inArray } from 'drizzle-orm';
import type { CaseDetail, CaseStatus, ExemptionFamily, RejectionReason, Role, SubmitterType } from '@esenzioni/domain';
import type { Tx } from '../db/client.js';
import { asl, diagnosis, district, exemptService, exemptionCode, person } from '../db/schema.js';
import { documentsOf, type CaseRow } from '../db/repositories/cases.js';

export async function buildCaseDetail(tx: Tx, c: CaseRow): Promise<CaseDetail> {
  const [aslRow] = await tx.select({ id: asl.id, name: asl.name }).from(asl).where(eq(asl.id, c.aslId));
  const [districtRow] = c.districtId
    ? await tx.select({ id: district.id, name: district.name }).from(district).where(eq(district.id, c.districtId))
    : [];
  const [code] = await tx.select().from(exemptionCode).where(eq(exemptionCode.code, c.exemptionCode));
  const [diag] = c.diagnosisCode
    ? await tx.select().from(diagnosis).where(eq(diagnosis.code, c.diagnosisCode))
    : [];
  const [who] = await tx.select({ birthDate: person.birthDate }).from(person).where(eq(person.fiscalCode, c.beneficiaryFiscalCode));
  const serviceCodes = [c.exemptionCode, ...(code && code.baseCode !== c.exemptionCode ? [code.baseCode] : [])];
  const services = await tx
    .select()
    .from(exemptService)
    .where(inArray(exemptService.exemptionCode, serviceCodes))
    .orderBy(asc(exemptService.position), asc(exemptService.id));
  const docs = await documentsOf(tx, c.id);
  return {
    caseNumber: c.caseNumber,
    family: c.family as ExemptionFamily,
    status: c.status as CaseStatus,
    version: c.version,
    beneficiary: {
      fiscalCode: c.beneficiaryFiscalCode,
      firstName: c.beneficiaryFirstName,
      lastName: c.beneficiaryLastName,
      birthDate: who?.birthDate ?? null,
    },
    asl: { id: c.aslId, name: aslRow?.name ?? c.aslId },
    district: districtRow ? { id: districtRow.id, name: districtRow.name } : null,
    submitter: { type: c.submitterType as SubmitterType, fiscalCode: c.submitterFiscalCode },
    exemption: { code: c.exemptionCode, description: code?.description ?? '' },
    diagnosis: c.diagnosisCode ? { code: c.diagnosisCode, description: diag?.description ?? '' } : null,
    exemptServices: services.map((s) => ({ code: s.serviceCode, description: s.description, example: s.example })),
    submittedAt: c.submittedAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    rejection: c.rejectionReason && c.rejectedAt ? { reason: c.rejectionReason as RejectionReason, at: c.rejectedAt.toISOString() } : null,
    beneficiaryNote: c.beneficiaryNote,
    internalNote: c.internalNote,
    certificate: { available: docs.some((d) => d.kind === 'CERTIFICATE') },
    attachments: docs
      .filter((d) => d.kind === 'ATTACHMENT')
      .map((d) => ({ id: String(d.id), fileName: d.fileName, contentType: d.contentType, size: d.size })),
    lastChange:
      c.lastActorFiscalCode && c.lastActorRole
        ? { at: c.updatedAt.toISOString(), actorFiscalCode: c.lastActorFiscalCode, actorRole: c.lastActorRole as Role }
        : null,
  };
}
