/** Reading one case: detail, history, certificate and attachments — each read audited. */
import {
  beneficiaryNoteReachesCitizen,
  caseNotFound,
  documentNotFound,
  type CaseDetail,
  type HistoryItem,
} from '@esenzioni/domain';
import { findCase, historyOf } from '../../db/repositories/cases.js';
import { findDocument } from '../../db/repositories/documents.js';
import { caseScope } from '../../db/repositories/scope.js';
import { buildCaseDetail } from './case-detail.js';
import { aslLabel } from './case-conflict.js';
import { emitCaseViewed } from '../../notify/case-viewed.js';
import { nowOf, type UseCaseContext } from '../context.js';
import { auditedRead } from '../../audit/audited-read.js';

export async function getCaseDetail(ctx: UseCaseContext, caseNumber: string): Promise<CaseDetail> {
  return auditedRead(ctx, async (db, audit) => {
    const c = await findCase(db, caseScope(ctx.actor), caseNumber);
    if (!c) throw caseNotFound(caseNumber);
    if (ctx.actor.role === 'DISTRICT_OPERATOR') await emitCaseViewed(db, c, nowOf(ctx));
    const detail = await buildCaseDetail(db, c, nowOf(ctx));
    audit('READ_DETAIL', [{ personFiscalCode: c.beneficiaryFiscalCode, caseNumber }]);
    return ctx.actor.role === 'CITIZEN' ? forCitizen(detail) : detail;
  });
}

/**
 * What a citizen reads of a case: no internal note, no coded rejection reason, and no operator's or
 * doctor's identity (issue 9): who acted last is left out, and a case sent by the counter or by a
 * doctor names the structure and the role, not the person. The Nota Beneficiario reaches the citizen
 * only on a case the citizen or a delegate sent (manual §4): on one sent by a doctor or the counter it
 * is addressed to the sender.
 */
export const forCitizen = (d: CaseDetail): CaseDetail => ({
  ...d,
  internalNote: null,
  beneficiaryNote: beneficiaryNoteReachesCitizen(d.submitter.type) ? d.beneficiaryNote : null,
  beneficiaryNoteBy: beneficiaryNoteReachesCitizen(d.submitter.type) ? d.beneficiaryNoteBy : null,
  rejection: null,
  // the coded reason stays internal, as a rejection's: the Nota Beneficiario says what the citizen reads
  revocation: null,
  lastChange: null,
  // who sent it by name, the certificate's issuer and who has it in charge are the ASL's (issue 17 §1)
  handling: null,
  submitter: citizenSubmitter(d),
});

function citizenSubmitter(d: CaseDetail): CaseDetail['submitter'] {
  switch (d.submitter.type) {
    case 'OPERATOR':
      return { type: 'OPERATOR', fiscalCode: null, structure: `Sportello ${aslLabel(d.asl.name)}` };
    case 'DOCTOR':
      return { type: 'DOCTOR', fiscalCode: null };
    case 'CITIZEN':
    case 'DELEGATE':
      // the beneficiary, or a delegate they chose
      return d.submitter;
    default: {
      const never: never = d.submitter.type;
      throw new Error(`unknown submitter ${String(never)}`);
    }
  }
}

export async function getCaseHistory(ctx: UseCaseContext, caseNumber: string): Promise<HistoryItem[]> {
  return auditedRead(ctx, async (db, audit) => {
    const c = await findCase(db, caseScope(ctx.actor), caseNumber);
    if (!c) throw caseNotFound(caseNumber);
    const rows = await historyOf(db, c.id);
    audit('READ_HISTORY', [{ personFiscalCode: c.beneficiaryFiscalCode, caseNumber }]);
    return rows.map((h) => ({
      at: h.at.toISOString(),
      actor: { fiscalCode: h.actorFiscalCode, role: h.actorRole },
      status: h.status,
      beneficiaryNote: h.beneficiaryNote,
      internalNote: h.internalNote,
    }));
  });
}

export interface DownloadedFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  sha256: string;
}

export async function downloadCaseDocument(
  ctx: UseCaseContext,
  caseNumber: string,
  which: { kind: 'CERTIFICATE' } | { kind: 'ATTACHMENT'; id: number },
): Promise<DownloadedFile> {
  return auditedRead(ctx, async (db, audit) => {
    const c = await findCase(db, caseScope(ctx.actor), caseNumber);
    if (!c) throw caseNotFound(caseNumber);
    const doc = await findDocument(db, c.id, which);
    if (!doc) throw documentNotFound();
    audit(which.kind === 'CERTIFICATE' ? 'DOWNLOAD_CERTIFICATE' : 'DOWNLOAD_ATTACHMENT', [
      { personFiscalCode: c.beneficiaryFiscalCode, caseNumber },
    ]);
    return { fileName: doc.fileName, contentType: doc.contentType, bytes: doc.bytes, sha256: doc.sha256 };
  });
}
