/**
 * The counter operator enters a case from the documents the citizen brings (issue 4): a person of the
 * operator's ASL, a pathology or invalidity code, the scanned certificate (and other documents),
 * checked before the one transaction that stores everything.
 */
import {
  forbidden,
  presenterOf,
  presenterProblems,
  todayInRome,
  validationFailed,
  type CaseDetail,
  type NewCaseBody,
} from '@esenzioni/domain';
import type { PortalSettings } from '../../config.js';
import type { UploadedFile } from '../../uploads/multipart-form.js';
import { checkCertificateDate, checkDocumentedRequest } from './case-rules.js';
import { checkedDocuments, storeDocuments, withDocumentStoreSlot } from './case-documents.js';
import { createCase } from './create-case.js';
import { checkedInvalidity } from './invalidity-rules.js';
import { birthDateOf } from './case-rules.js';
import { insertInvalidityData } from '../../db/repositories/exempt-services.js';
import { caseScope } from '../../db/repositories/scope.js';
import { insertCasePresenter } from '../../db/repositories/cases.js';
import { createdCaseDetail } from './created-case.js';
import { nowOf, type UseCaseContext } from '../context.js';

export async function submitCounterCase(
  ctx: UseCaseContext,
  body: NewCaseBody,
  files: UploadedFile[],
  settings: PortalSettings,
): Promise<CaseDetail> {
  const { actor } = ctx;
  if (actor.role !== 'ADMIN_OPERATOR' || !actor.fiscalCode || !actor.aslId) throw forbidden();
  const operator = { fiscalCode: actor.fiscalCode, userId: actor.userId, aslId: actor.aslId };
  const checked = await checkedDocuments(files, ['certificate'], ['certificate', 'documents', 'delegation']);
  const hasDelegation = files.some((f) => f.field === 'delegation');
  const now = nowOf(ctx);
  const today = todayInRome(now);
  checkCertificateDate(body.issuedOn, today, null);
  return withDocumentStoreSlot(() =>
    ctx.db.transaction(async (tx) => {
      const { who, code, diag, renewsCaseId } = await checkDocumentedRequest(
        tx,
        {
          fiscalCode: body.beneficiaryFiscalCode,
          aslId: operator.aslId,
          exemptionCode: body.exemptionCode,
          issuedOn: body.issuedOn,
          diagnosisCode: body.diagnosisCode,
          renewal: body.renewsCaseNumber
            ? { caseNumber: body.renewsCaseNumber, scope: caseScope(actor) }
            : undefined,
        },
        today,
        settings.certificateMaxAgeMonths,
      );
      // issue 17 §3: who presented it — named when not the beneficiary, a delegate with the written
      // delegation, a parent only for a minor; every problem at once
      const problems = presenterProblems(body, {
        beneficiaryFiscalCode: who.fiscalCode,
        beneficiaryBirthDate: birthDateOf(who, now),
        today,
        hasDelegation,
      });
      if (problems.length > 0) throw validationFailed(problems, problems.map((p) => p.message).join(' '));
      // issue 12 §4: the verbale of an invalidity code, checked against the code
      const invalidity = checkedInvalidity(code, body, today, birthDateOf(who, now));
      const created = await createCase(tx, {
        beneficiaryFiscalCode: who.fiscalCode,
        exemptionCode: code.code,
        diagnosisCode: diag?.code ?? null,
        submitterType: 'OPERATOR',
        submitterFiscalCode: operator.fiscalCode,
        submitterUserId: operator.userId,
        submitterRole: 'ADMIN_OPERATOR',
        internalNote: body.notes ?? null,
        certificate: { issuedOn: body.issuedOn },
        documents: [], // stored below, one at a time
        at: now,
        renewsCaseId,
      });
      if (invalidity) await insertInvalidityData(tx, created.id, invalidity);
      await insertCasePresenter(tx, created.id, presenterOf(body));
      await storeDocuments(tx, created.id, checked);
      return createdCaseDetail(tx, ctx, created.id);
    }),
  );
}
