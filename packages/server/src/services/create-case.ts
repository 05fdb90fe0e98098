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
  todayInRome,
  type CaseStatus,
  type Role,
  type SubmitterType,
} from '@esenzioni/domain';
import type { Tx } from '../db/client.js';
import { appendHistory, insertCase, insertCertificate } from '../db/repositories/cases.js';
import { findExemptionCode } from '../db/repositories/catalogue.js';
import { insertDocument } from '../db/repositories/documents.js';
import { appendEvent } from '../db/repositories/outbox.js';
import { findPerson } from '../db/repositories/people.js';
import { nextCaseNumber } from '../db/repositories/case-numbers.js';
import { searchKey } from '../catalog/search-key.js';

export interface NewDocument {
  kind: 'CERTIFICATE' | 'ATTACHMENT';
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
}

export async function createCase(tx: Tx, input: NewCase): Promise<{ id: number; caseNumber: string }> {
  const who = await findPerson(tx, input.beneficiaryFiscalCode);
  if (!who || !who.residenceAslId) {
    throw validationFailed(
      [{ field: 'beneficiaryFiscalCode', message: 'Assistito non presente in anagrafe regionale.' }],
      'Il beneficiario non risulta tra gli assistiti della Regione.',
    );
  }
  const code = await findExemptionCode(tx, input.exemptionCode);
  if (!code) throw exemptionCodeUnknown(input.exemptionCode);
  const at = input.at ?? new Date();
  const year = Number(todayInRome(at).slice(0, 4));
  const caseNumber = await nextCaseNumber(tx, who.residenceAslId, year);
  const status: CaseStatus = 'SUBMITTED';
  const id = await insertCase(tx, {
    caseNumber,
    aslId: who.residenceAslId,
    districtId: who.residenceDistrictId,
    beneficiaryFiscalCode: who.fiscalCode,
    beneficiaryFirstName: who.firstName,
    beneficiaryLastName: who.lastName,
    beneficiaryFirstNameKey: searchKey(who.firstName),
    beneficiaryLastNameKey: searchKey(who.lastName),
    submitterType: input.submitterType,
    submitterFiscalCode: input.submitterFiscalCode,
    submitterUserId: input.submitterUserId ?? null,
    exemptionCode: code.code,
    diagnosisCode: input.diagnosisCode ?? null,
    family: code.family,
    status,
    version: 1,
    submittedAt: at,
    updatedAt: at,
    beneficiaryNote: input.beneficiaryNote ?? null,
    internalNote: input.internalNote ?? null,
    lastActorFiscalCode: input.submitterFiscalCode,
    lastActorRole: input.submitterRole,
  });
  await appendHistory(tx, [
    {
      caseId: id,
      at,
      actorFiscalCode: input.submitterFiscalCode,
      actorRole: input.submitterRole,
      action: 'submit',
      status,
      beneficiaryNote: input.beneficiaryNote ?? null,
      internalNote: input.internalNote ?? null,
    },
  ]);
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
