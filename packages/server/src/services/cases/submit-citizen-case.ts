/**
 * A citizen (or their delegate) asks for a pathology or invalidity exemption online, uploading the
 * certificate and an identity document (issue 4). Documents are checked before the transaction; the
 * delegation is checked inside it. The answer is what a citizen may read (forCitizen).
 */
import { todayInRome, type CaseDetail, type CitizenCaseFields } from '@esenzioni/domain';
import type { PortalSettings } from '../../config.js';
import type { UploadedFile } from '../../uploads/multipart-form.js';
import { checkCertificateDate, checkDocumentedRequest } from './case-rules.js';
import { checkedDocuments, storeDocuments, withDocumentStoreSlot } from './case-documents.js';
import { citizenFiscalCode, resolveActingFor } from '../delegations/acting-for.js';
import { citizenCaseScope } from '../../db/repositories/delegations.js';
import { createCase } from './create-case.js';
import { checkedInvalidity } from './invalidity-rules.js';
import { birthDateOf } from './case-rules.js';
import { insertInvalidityData } from '../../db/repositories/exempt-services.js';
import { createdCaseDetail } from './created-case.js';
import { forCitizen } from './read-case.js';
import { nowOf, type UseCaseContext } from '../context.js';

export async function submitCitizenCase(
  ctx: UseCaseContext,
  body: CitizenCaseFields,
  files: UploadedFile[],
  settings: PortalSettings,
): Promise<CaseDetail> {
  const me = citizenFiscalCode(ctx.actor);
  const checked = await checkedDocuments(
    files,
    ['certificate', 'identityDocument'],
    ['certificate', 'identityDocument', 'documents'],
  );
  const now = nowOf(ctx);
  const today = todayInRome(now);
  checkCertificateDate(body.issuedOn, today, null);
  return withDocumentStoreSlot(() =>
    ctx.db.transaction(async (tx) => {
      const acting = await resolveActingFor(tx, ctx.actor, body.onBehalfOf, now);
      const { who, code, diag, renewsCaseId } = await checkDocumentedRequest(
        tx,
        {
          fiscalCode: acting.fiscalCode,
          exemptionCode: body.exemptionCode,
          issuedOn: body.issuedOn,
          diagnosisCode: body.diagnosisCode,
          renewal: body.renewsCaseNumber
            ? { caseNumber: body.renewsCaseNumber, scope: citizenCaseScope(me, acting, today) }
            : undefined,
        },
        today,
        settings.certificateMaxAgeMonths,
      );
      // issue 12 §4: the verbale of an invalidity code, checked against the code
      const invalidity = checkedInvalidity(code, body, today, birthDateOf(who, now));
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
        documents: [], // stored below, one at a time
        at: now,
        renewsCaseId,
      });
      if (invalidity) await insertInvalidityData(tx, created.id, invalidity);
      await storeDocuments(tx, created.id, checked);
      return forCitizen(await createdCaseDetail(tx, ctx, created.id));
    }),
  );
}
