/**
 * Renewal of an exemption «In scadenza» or «Scaduta» (issue 11 §3): a new case with a new number,
 * linked to the old one; when it is validated the old exemption ends the day before the new one
 * starts (repositories/cases.ts commitTransition).
 *
 * - A pathology or rare disease needs a new certificate: the specialist's renewal is their certificate
 *   (submit-specialist-case.ts with `renewsCaseNumber`); the citizen and the counter send the
 *   new-request form with the certificate and `renewsCaseNumber` (submit-citizen-case.ts,
 *   submit-counter-case.ts). A direct renewal of such a case is refused with that explanation.
 * - Any other family is renewed by this direct request, with the rules of a new submission.
 */
import {
  caseNotFound,
  forbidden,
  renewalNeedsCertificate,
  renewalNotAllowed,
  todayInRome,
  validationFailed,
  type CaseDetail,
  type RenewBody,
} from '@esenzioni/domain';
import type { PortalSettings } from '../../config.js';
import { findCase } from '../../db/repositories/cases.js';
import { caseScope, type CaseScope } from '../../db/repositories/scope.js';
import {
  assertNoOpenCase,
  assertNotAlreadyActive,
  assertWithinAgeLimit,
  loadAssignableCode,
  loadPerson,
  loadRenewedCase,
} from './case-rules.js';
import { citizenCaseScope, citizenFiscalCode, resolveActingFor } from '../delegations/acting-for.js';
import { createCase } from './create-case.js';
import { findInvalidityData, insertInvalidityData } from '../../db/repositories/exempt-services.js';
import { findSelfDeclaration } from '../../db/repositories/self-declarations.js';
import { createdCaseDetail } from './created-case.js';
import { forCitizen } from './read-case.js';
import { submitSpecialistCase } from './submit-specialist-case.js';
import { nowOf, type UseCaseContext } from '../context.js';

const needsNewCertificate = (caseNumber: string) =>
  renewalNotAllowed(
    `Per rinnovare l’esenzione della pratica ${caseNumber} serve un nuovo certificato della malattia: inviare la nuova richiesta con il certificato, indicando che rinnova questa pratica.`,
  );

const needsNewDeclaration = (caseNumber: string, family: string) =>
  renewalNotAllowed(
    family === 'INCOME'
      ? `L’esenzione per reddito della pratica ${caseNumber} si rinnova con una nuova autocertificazione («Esenzione per reddito»), con il reddito dell’anno precedente.`
      : `L’esenzione della pratica ${caseNumber} si rinnova allo sportello dell’ASL, con una nuova dichiarazione e i suoi documenti.`,
  );

export async function renewCase(
  ctx: UseCaseContext,
  caseNumber: string,
  body: RenewBody,
  settings: PortalSettings,
  onBehalfOf?: string,
): Promise<CaseDetail> {
  const { actor } = ctx;
  const now = nowOf(ctx);
  const today = todayInRome(now);
  if (actor.role === 'SPECIALIST') return renewBySpecialist(ctx, caseNumber, body, settings);
  if (actor.role !== 'CITIZEN' && actor.role !== 'ADMIN_OPERATOR') throw forbidden();
  if (actor.role === 'ADMIN_OPERATOR' && (!actor.fiscalCode || !actor.aslId)) throw forbidden();

  let scope: CaseScope;
  let submitter: { type: 'CITIZEN' | 'DELEGATE' | 'OPERATOR'; fiscalCode: string };
  if (actor.role === 'CITIZEN') {
    const me = citizenFiscalCode(actor);
    const acting = await resolveActingFor(ctx.db, actor, onBehalfOf, now);
    scope = citizenCaseScope(me, acting, today);
    submitter = { type: acting.asDelegate ? 'DELEGATE' : 'CITIZEN', fiscalCode: me };
  } else {
    scope = caseScope(actor);
    submitter = { type: 'OPERATOR', fiscalCode: actor.fiscalCode! };
  }

  const detail = await ctx.db.transaction(async (tx) => {
    const old = await findCase(tx, scope, caseNumber);
    if (!old) throw caseNotFound(caseNumber);
    const renewsCaseId = await loadRenewedCase(
      tx,
      { caseNumber, scope },
      old.beneficiaryFiscalCode,
      old.exemptionCode,
    );
    if (renewalNeedsCertificate(old.family)) throw needsNewCertificate(caseNumber);
    // an exemption issued on a self-declaration (income, the Region's codes) is renewed by a new one,
    // with its rules checked again: never by copying the old case (issue 12 §1)
    if (await findSelfDeclaration(tx, old.id)) throw needsNewDeclaration(caseNumber, old.family);
    // the rules of a new submission, on today's date
    const who = await loadPerson(
      tx,
      old.beneficiaryFiscalCode,
      actor.role === 'ADMIN_OPERATOR' ? actor.aslId : undefined,
    );
    const code = await loadAssignableCode(tx, old.exemptionCode, today, [old.family]);
    await assertWithinAgeLimit(tx, who, code, today, now);
    await assertNoOpenCase(tx, who.fiscalCode, code.code);
    await assertNotAlreadyActive(tx, who.fiscalCode, code.code, today, renewsCaseId);
    const created = await createCase(tx, {
      beneficiaryFiscalCode: who.fiscalCode,
      exemptionCode: code.code,
      diagnosisCode: old.diagnosisCode,
      submitterType: submitter.type,
      submitterFiscalCode: submitter.fiscalCode,
      submitterUserId: actor.userId,
      submitterRole: actor.role,
      beneficiaryNote: actor.role === 'CITIZEN' ? (body?.notes ?? null) : null,
      internalNote: actor.role === 'ADMIN_OPERATOR' ? (body?.notes ?? null) : null,
      at: now,
      renewsCaseId,
    });
    // issue 12 §4: a direct renewal keeps the verbale of the renewed invalidity case
    const verbale = old.family === 'INVALIDITY' ? await findInvalidityData(tx, old.id) : null;
    if (verbale) await insertInvalidityData(tx, created.id, verbale);
    return createdCaseDetail(tx, ctx, created.id);
  });
  return actor.role === 'CITIZEN' ? forCitizen(detail) : detail;
}

/** The specialist renews a case they sent by issuing the new certificate (a new submission, linked). */
async function renewBySpecialist(
  ctx: UseCaseContext,
  caseNumber: string,
  body: RenewBody,
  settings: PortalSettings,
): Promise<CaseDetail> {
  const old = await findCase(ctx.db, caseScope(ctx.actor), caseNumber);
  if (!old) throw caseNotFound(caseNumber);
  if (!body?.issuedOn) {
    throw validationFailed(
      [{ field: 'issuedOn', message: 'Data del nuovo certificato obbligatoria.' }],
      'Il rinnovo richiede un nuovo certificato: indicarne la data.',
    );
  }
  const diagnosisCode = body.diagnosisCode ?? old.diagnosisCode;
  return submitSpecialistCase(
    ctx,
    {
      beneficiaryFiscalCode: old.beneficiaryFiscalCode,
      exemptionCode: old.exemptionCode,
      issuedOn: body.issuedOn,
      ...(diagnosisCode ? { diagnosisCode } : {}),
      ...(body.notes ? { notes: body.notes } : {}),
      renewsCaseNumber: old.caseNumber,
    },
    settings,
  );
}
