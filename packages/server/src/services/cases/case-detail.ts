/** Builds the case detail the API returns, from the case row and the catalogues. */
import { todayInRome, type CaseDetail } from '@esenzioni/domain';
import type { Tx } from '../../db/client.js';
import { detailLookups, type CaseRow } from '../../db/repositories/cases.js';
import { findInvalidityData } from '../../db/repositories/exempt-services.js';
import { servicesOfCode } from '../catalogue/exempt-services.js';

/** `now`: the use case's clock; its day in Rome picks the lists of exempt services in force. */
export async function buildCaseDetail(tx: Tx, c: CaseRow, now: Date = new Date()): Promise<CaseDetail> {
  const found = await detailLookups(tx, c);
  // issue 12 §4, §8: the scope, the services sentence or list, the verbale of an invalidity case
  const services = await servicesOfCode(tx, c.exemptionCode, c.family, todayInRome(now));
  const invalidity = c.family === 'INVALIDITY' ? await findInvalidityData(tx, c.id) : null;
  const docs = found.documents;
  return {
    caseNumber: c.caseNumber,
    family: c.family,
    status: c.status,
    version: c.version,
    beneficiary: {
      fiscalCode: c.beneficiaryFiscalCode,
      firstName: c.beneficiaryFirstName,
      lastName: c.beneficiaryLastName,
      birthDate: found.birth_date,
    },
    asl: { id: c.aslId, name: found.asl_name ?? c.aslId },
    district:
      c.districtId && found.district_name !== null ? { id: c.districtId, name: found.district_name } : null,
    submitter: { type: c.submitterType, fiscalCode: c.submitterFiscalCode },
    exemption: { code: c.exemptionCode, description: found.code_description ?? '' },
    diagnosis: c.diagnosisCode
      ? { code: c.diagnosisCode, description: found.diagnosis_description ?? '' }
      : null,
    exemptServices: services.items.map((s) => ({
      code: s.code,
      description: s.description,
      example: s.example,
    })),
    scope: services.scope,
    services: services.services,
    invalidity,
    submittedAt: c.submittedAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    rejection:
      c.rejectionReason && c.rejectedAt
        ? { reason: c.rejectionReason, at: c.rejectedAt.toISOString() }
        : null,
    revocation:
      c.revocationReason && c.revokedAt
        ? { reason: c.revocationReason, at: c.revokedAt.toISOString() }
        : null,
    beneficiaryNote: c.beneficiaryNote,
    internalNote: c.internalNote,
    certificate: { available: docs.some((d) => d.kind === 'CERTIFICATE') },
    attachments: docs
      .filter((d) => d.kind === 'ATTACHMENT' || d.kind === 'DELEGATION')
      .map((d) => ({
        id: String(d.id),
        kind: d.kind === 'DELEGATION' ? ('DELEGATION' as const) : ('ATTACHMENT' as const),
        fileName: d.fileName,
        contentType: d.contentType,
        size: d.size,
      })),
    lastChange:
      c.lastActorFiscalCode && c.lastActorRole
        ? {
            at: c.updatedAt.toISOString(),
            actorFiscalCode: c.lastActorFiscalCode,
            actorRole: c.lastActorRole,
          }
        : null,
    beneficiaryNoteBy: c.beneficiaryNote
      ? found.beneficiary_note_role === 'CITIZEN'
        ? 'BENEFICIARY'
        : 'STAFF'
      : null,
    handling: {
      sender: { name: found.submitter_name, structure: found.submitter_structure },
      certificate: found.certificate,
      inCharge: found.in_charge && {
        ...found.in_charge,
        since: new Date(found.in_charge.since).toISOString(),
      },
      presentedBy: found.presenter,
    },
    renewalOf: found.renewal_of,
    renewedBy: found.renewed_by,
  };
}
