/**
 * The specialist sends a pathology certificate (issue 4): the rules of case-rules.ts, then the
 * certificate PDF with a verification code, stored as the case's CERTIFICATE document, and a
 * SUBMITTED case through createCase, all in one transaction.
 */
import {
  forbidden,
  todayInRome,
  validationFailed,
  type CaseDetail,
  type NewCaseBody,
} from '@esenzioni/domain';
import type { PortalSettings } from '../../config.js';
import { certificateIssuer } from '../../db/repositories/cases.js';
import { newVerificationCode, renderCertificatePdf } from '../../documents/certificate-pdf.js';
import {
  PATHOLOGY_FAMILIES,
  assertNoOpenCase,
  assertNotAlreadyActive,
  loadRenewedCase,
  certificateMaxAgeFor,
  checkCertificateDate,
  checkConsistency,
  loadAssignableCode,
  assertWithinAgeLimit,
  loadDiagnosis,
  loadPerson,
} from './case-rules.js';
import { createCase } from './create-case.js';
import { caseScope } from '../../db/repositories/scope.js';
import { createdCaseDetail } from './created-case.js';
import { nowOf, type UseCaseContext } from '../context.js';

export async function submitSpecialistCase(
  ctx: UseCaseContext,
  body: NewCaseBody,
  settings: PortalSettings,
): Promise<CaseDetail> {
  const { actor } = ctx;
  if (actor.role !== 'SPECIALIST' || !actor.fiscalCode || actor.userId === null) throw forbidden();
  const doctorFiscalCode = actor.fiscalCode;
  const doctorId = actor.userId;
  if (!body.diagnosisCode) {
    throw validationFailed(
      [{ field: 'diagnosisCode', message: 'Diagnosi obbligatoria.' }],
      'Indicare la diagnosi (codice ICD-9-CM).',
    );
  }
  const diagnosisCode = body.diagnosisCode;
  const now = nowOf(ctx);
  checkCertificateDate(
    body.issuedOn,
    todayInRome(now),
    await certificateMaxAgeFor(ctx.db, actor.aslId, settings.certificateMaxAgeMonths),
  );
  return ctx.db.transaction(async (tx) => {
    const who = await loadPerson(tx, body.beneficiaryFiscalCode);
    const diag = await loadDiagnosis(tx, diagnosisCode);
    const code = await loadAssignableCode(
      tx,
      body.exemptionCode,
      body.issuedOn,
      PATHOLOGY_FAMILIES,
      diag.code,
    );
    await assertWithinAgeLimit(tx, who, code, todayInRome(now), now);
    checkConsistency(code, diag);
    await assertNoOpenCase(tx, who.fiscalCode, code.code);
    // a renewal of a case the specialist sent (issue 11 §3), else no valid exemption of the same code
    const renewsCaseId = body.renewsCaseNumber
      ? await loadRenewedCase(
          tx,
          { caseNumber: body.renewsCaseNumber, scope: caseScope(actor) },
          who.fiscalCode,
          code.code,
        )
      : null;
    await assertNotAlreadyActive(tx, who.fiscalCode, code.code, todayInRome(now), renewsCaseId);
    const issuer = await certificateIssuer(tx, doctorId, actor.aslId);
    const verificationCode = newVerificationCode();
    const pdf = await renderCertificatePdf({
      doctor: {
        fiscalCode: doctorFiscalCode,
        name: issuer.name ?? doctorFiscalCode,
        structure: issuer.structure ?? 'Struttura non indicata',
      },
      beneficiary: {
        fiscalCode: who.fiscalCode,
        firstName: who.firstName,
        lastName: who.lastName,
        birthDate: who.birthDate,
      },
      diagnosis: { code: diag.code, description: diag.description },
      exemption: { code: code.code, description: code.description },
      issuedOn: body.issuedOn,
      verificationCode,
    });
    const created = await createCase(tx, {
      beneficiaryFiscalCode: who.fiscalCode,
      exemptionCode: code.code,
      diagnosisCode: diag.code,
      submitterType: 'DOCTOR',
      submitterFiscalCode: doctorFiscalCode,
      submitterUserId: doctorId,
      submitterRole: 'SPECIALIST',
      internalNote: body.notes ?? null,
      certificate: { issuedOn: body.issuedOn, verificationCode, issuerFiscalCode: doctorFiscalCode },
      documents: [
        {
          kind: 'CERTIFICATE',
          fileName: `certificato-${verificationCode}.pdf`,
          contentType: 'application/pdf',
          bytes: pdf,
        },
      ],
      at: now,
      renewsCaseId,
    });
    return createdCaseDetail(tx, ctx, created.id);
  });
}
