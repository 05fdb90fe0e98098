/** Builds the case detail the API returns, from the case row and the catalogues. */
import { sql } from 'drizzle-orm';
import type {
  CaseDetail,
  CaseStatus,
  ExemptionFamily,
  RejectionReason,
  Role,
  SubmitterType,
} from '@esenzioni/domain';
import { rows, type Tx } from '../db/client.js';
import type { CaseRow } from '../db/repositories/cases.js';

interface DetailLookups {
  asl_name: string | null;
  district_name: string | null;
  code_description: string | null;
  diagnosis_description: string | null;
  birth_date: string | null;
  services: Array<{ code: string | null; description: string; example: boolean }>;
  documents: Array<{ id: number; kind: string; fileName: string; contentType: string; size: number }>;
}

/**
 * What the detail adds to the case row (names from the catalogues, the birth date, the services the
 * code exempts, the documents) in one statement: a detail follows every read and every action.
 */
async function detailLookups(tx: Tx, c: CaseRow): Promise<DetailLookups> {
  const [row] = await rows<DetailLookups>(
    tx,
    sql`select
      (select name from asl where id = ${c.aslId}) as asl_name,
      (select name from district where id = ${c.districtId}) as district_name,
      (select description from exemption_code where code = ${c.exemptionCode}) as code_description,
      (select description from diagnosis where code = ${c.diagnosisCode}) as diagnosis_description,
      (select birth_date from person where fiscal_code = ${c.beneficiaryFiscalCode}) as birth_date,
      (select coalesce(json_agg(json_build_object('code', s.service_code, 'description', s.description, 'example', s.example)
                                order by s.position, s.id), '[]'::json)
         from exempt_service s
        where s.exemption_code in (${c.exemptionCode}, (select base_code from exemption_code where code = ${c.exemptionCode}))) as services,
      (select coalesce(json_agg(json_build_object('id', d.id, 'kind', d.kind, 'fileName', d.file_name,
                                                  'contentType', d.content_type, 'size', d.size) order by d.id), '[]'::json)
         from document d
        where d.case_id = ${c.id}) as documents`,
  );
  return row!;
}

export async function buildCaseDetail(tx: Tx, c: CaseRow): Promise<CaseDetail> {
  const found = await detailLookups(tx, c);
  const docs = found.documents;
  return {
    caseNumber: c.caseNumber,
    family: c.family as ExemptionFamily,
    status: c.status as CaseStatus,
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
    submitter: { type: c.submitterType as SubmitterType, fiscalCode: c.submitterFiscalCode },
    exemption: { code: c.exemptionCode, description: found.code_description ?? '' },
    diagnosis: c.diagnosisCode
      ? { code: c.diagnosisCode, description: found.diagnosis_description ?? '' }
      : null,
    exemptServices: found.services,
    submittedAt: c.submittedAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    rejection:
      c.rejectionReason && c.rejectedAt
        ? { reason: c.rejectionReason as RejectionReason, at: c.rejectedAt.toISOString() }
        : null,
    beneficiaryNote: c.beneficiaryNote,
    internalNote: c.internalNote,
    certificate: { available: docs.some((d) => d.kind === 'CERTIFICATE') },
    attachments: docs
      .filter((d) => d.kind === 'ATTACHMENT')
      .map((d) => ({ id: String(d.id), fileName: d.fileName, contentType: d.contentType, size: d.size })),
    lastChange:
      c.lastActorFiscalCode && c.lastActorRole
        ? {
            at: c.updatedAt.toISOString(),
            actorFiscalCode: c.lastActorFiscalCode,
            actorRole: c.lastActorRole as Role,
          }
        : null,
  };
}
