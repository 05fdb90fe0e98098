/**
 * A pathology or rare-disease case is validated only with the disease certificate among its documents
 * (issue 11 §6): checked in the validation's transaction, after the life-cycle allows it.
 */
import { certificateMissing, needsCertificate } from '@esenzioni/domain';
import type { Tx } from '../../db/client.js';
import type { CaseRow } from '../../db/repositories/cases.js';
import { hasCertificate } from '../../db/repositories/documents.js';

export async function assertCertificateIfNeeded(tx: Tx, c: CaseRow): Promise<void> {
  if (needsCertificate(c.family) && !(await hasCertificate(tx, c.id))) {
    throw certificateMissing(c.caseNumber, c.family);
  }
}
