/**
 * A citizen (or their delegate) asks for a pathology or invalidity exemption online, uploading the
 * certificate and an identity document (issue 4). Documents are checked before the transaction; the
 * delegation is checked inside it. The answer is what a citizen may read (forCitizen).
 */
import { todayInRome, type CaseDetail, type CitizenCaseFields, type ExemptionFamily } from '@esenzioni/domain';
import type { PortalSettings } from '../config.js';
import type { UploadedFile } from '../uploads/multipart-form.js';
import {
  PATHOLOGY_FAMILIES,
  PORTAL_FAMILIES,
  assertNoOpenCase,
  checkCertificateDate,
  checkConsistency,
  loadAssignableCode,
  loadDiagnosis,
  loadPerson,
} from './case-rules.js';
import { checkedDocuments } from './case-documents.js';
import { citizenFiscalCode, resolveActingFor } from './acting-for.js';
import { createCase } from './create-case.js';
import { createdCaseDetail } from './created-case.js';
import { forCitizen } from './read-case.js';
import { nowOf, type UseCaseContext } from './context.js';

export async function submitCitizenCase(ctx: UseCaseContext, body: CitizenCaseFields, files: UploadedFile[], settings: PortalSettings): Promise<CaseDetail> {
  const me = citizenFiscalCode(ctx.actor);
  const documents = checkedDocuments(files, ['certificate', 'identityDocument'], ['certificate', 'identityDocument', 'documents']);
  const now = nowOf(ctx);
  const today = todayInRome(now);
  checkCertificateDate(body.issuedOn, today, null);
  return ctx.db.transaction(async (tx) => {
    const acting = await resolveActingFor(tx, ctx.actor, body.onBehalfOf, now);
    const who = await loadPerson(tx, acting.fiscalCode);
    const code = await loadAssignableCode(tx, body.exemptionCode, body.issuedOn, PORTAL_FAMILIES);
    if (PATHOLOGY_FAMILIES.includes(code.family as ExemptionFamily)) checkCertificateDate(body.issuedOn, today, settings.certificateMaxAgeMonths);
    const diag = body.diagnosisCode ? await loadDiagnosis(tx, body.diagnosisCode) : null;
    if (diag) checkConsistency(code, diag);
    await assertNoOpenCase(tx, who.fiscalCode, code.code);
    const created = await createCase(tx, {
      beneficiaryFiscalCode: who.fiscalCode,
      exemptionCode: code.code,
      diagnosisCode: diag?.code ?? null,
      submitterType: acting.asDelegate ? 'DELEGATE' : 'CITIZEN',
      submitterFiscalCode: me,
      submitterUserId: ctx.actor.userId,
      submitterRole: 'CITIZEN',
      beneficiaryNote: body.notes ?? null,
      certificate: { issuedOn: body.issuedOn },
      documents,
      at: now,
    });
    return forCitizen(await createdCaseDetail(tx, ctx, created.id));
  });
}
