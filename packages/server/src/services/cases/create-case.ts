/**
 * Creates a SUBMITTED case for a person known to the region, in their residence ASL and district,
 * with its number, first history row and documents, in one transaction. The callers (specialist,
 * counter, citizen) check their own rules first; this checks what holds for all of them.
 */
import { createHash } from 'node:crypto';
import {
  caseStatusChanged,
  exemptionCodeUnknown,
  validationFailed,
  personNotAssisted,
  todayInRome,
  type CaseStatus,
  type Role,
  type SubmitterType,
} from '@esenzioni/domain';
import type { Tx } from '../../db/client.js';
import type { NewDocumentRow } from '../../db/repositories/documents.js';
import { appendHistory, insertCase, insertCertificate } from '../../db/repositories/cases.js';
import { caseRowOf, type HistoryStep } from '../../db/repositories/case-rows.js';
import { findExemptionCode } from '../../db/repositories/catalogue.js';
import { insertDocument } from '../../db/repositories/documents.js';
import { appendEvent } from '../../db/repositories/outbox.js';
import { findPerson } from '../../db/repositories/people.js';
import { nextCaseNumber } from '../../db/repositories/case-numbers.js';

export interface NewDocument {
  kind: NewDocumentRow['kind'];
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface NewCase {
  beneficiaryFiscalCode: string;
  exemptionCode: string;
  diagnosisCode?: string | null;
  submitterType: SubmitterType;
  submitterFiscalCode: string;
  submitterUserId?: number | null;
  submitterRole: Role;
  beneficiaryNote?: string | null;
  internalNote?: string | null;
  /** the certificate's date and, when issued here, its verification code */
  certificate?: { issuedOn: string; verificationCode?: string | null; issuerFiscalCode?: string | null };
  documents?: NewDocument[];
  at?: Date;
  /** the case this one renews (issue 11 §3), checked by the caller (loadRenewedCase) */
  renewsCaseId?: number | null;
}

export async function createCase(tx: Tx, input: NewCase): Promise<{ id: number; caseNumber: string }> {
  const who = await findPerson(tx, input.beneficiaryFiscalCode);
  if (!who || !who.residenceAslId) {
    throw validationFailed(
      [{ field: 'beneficiaryFiscalCode', message: 'Assistito non presente in anagrafe regionale.' }],
      'Il beneficiario non risulta tra gli assistiti della Regione.',
    );
  }
  if (who.assistanceStatus === 'CEASED') throw personNotAssisted(who.fiscalCode, 'beneficiaryFiscalCode');
  const code = await findExemptionCode(tx, input.exemptionCode);
  if (!code) throw exemptionCodeUnknown(input.exemptionCode);
  const at = input.at ?? new Date();
  const year = Number(todayInRome(at).slice(0, 4));
  const caseNumber = await nextCaseNumber(tx, who.residenceAslId, year);
  const status: CaseStatus = 'SUBMITTED';
  const submission: HistoryStep = {
    at,
    actorFiscalCode: input.submitterFiscalCode,
    actorRole: input.submitterRole,
    action: 'submit',
    status,
    beneficiaryNote: input.beneficiaryNote ?? null,
    internalNote: input.internalNote ?? null,
  };
  // the row every writer of cases builds (the seed and the bench too): case-rows.ts
  const row = caseRowOf(
    {
      caseNumber,
      beneficiary: {
        fiscalCode: who.fiscalCode,
        firstName: who.firstName,
        lastName: who.lastName,
        aslId: who.residenceAslId,
        districtId: who.residenceDistrictId,
      },
      submitter: {
        type: input.submitterType,
        fiscalCode: input.submitterFiscalCode,
        userId: input.submitterUserId ?? null,
      },
      code,
      diagnosisCode: input.diagnosisCode ?? null,
    },
    [submission],
  );
  const id = await insertCase(tx, { ...row, renewsCaseId: input.renewsCaseId ?? null });
  await appendHistory(tx, [{ caseId: id, ...submission }]);
  if (input.certificate) {
    await insertCertificate(tx, {
      caseId: id,
      issuedOn: input.certificate.issuedOn,
      verificationCode: input.certificate.verificationCode ?? null,
      issuerFiscalCode: input.certificate.issuerFiscalCode ?? null,
    });
  }
  for (const d of input.documents ?? []) {
    await insertDocument(tx, {
      caseId: id,
      kind: d.kind,
      fileName: d.fileName,
      contentType: d.contentType,
      sha256: createHash('sha256').update(d.bytes).digest('hex'),
      bytes: d.bytes,
    });
  }
  await appendEvent(
    tx,
    caseStatusChanged({
      caseNumber,
      status,
      previousStatus: null,
      beneficiaryFiscalCode: who.fiscalCode,
      at: at.toISOString(),
      actorFiscalCode: input.submitterFiscalCode,
      actorRole: input.submitterRole,
    }),
  );
  return { id, caseNumber };
}
