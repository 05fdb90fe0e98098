/**
 * The counter operator issues a code of the Region's file (issue 12 §6) on the person's declaration:
 * the code must be one the counter may issue and in force today; the beneficiary's identifier of a kind
 * the code accepts (codice fiscale, or STP/ENI + 13 digits only where the code allows it: an STP/ENI
 * holder is recorded with name and birth date in the operator's ASL); every rule of the file met (age,
 * income range in euro cents, household limits, one of the listed conditions, six months from the
 * permit or the card). The exemption is then issued at once through issueDeclaredExemption (case
 * VALIDATED with its history, registry row, self_declaration), valid for the code's duration.
 */
import {
  DEFAULT_REGIONAL_CUTOFF,
  exemptionCodeNotInForce,
  exemptionCodeUnknown,
  forbidden,
  householdLimitFor,
  identifierNotAccepted,
  identifierProblem,
  incompatibleHeld,
  incomeExemptionHeld,
  isInForceOn,
  parsePersonIdentifier,
  personUnknown,
  REGIONAL_CATEGORY_LABELS,
  regionalCategoryHeld,
  regionalCodeNotIssuable,
  regionalRuleIssues,
  regionalRulesNotMet,
  regionalValidity,
  temporaryPersonDataMissing,
  todayInRome,
  type CaseDetail,
  type RegionalFacts,
  type RegionalIssueBody,
} from '@esenzioni/domain';
import { findExemptionCode } from '../../db/repositories/catalogue.js';
import { findPerson } from '../../db/repositories/people.js';
import {
  findRegionalCode,
  listRegionalCodes,
  recordTemporaryPerson,
} from '../../db/repositories/regional.js';
import { exemptionsHeldOn, openCasesOfFamily } from '../../db/repositories/self-declarations.js';
import { birthDateOf, loadPerson } from '../cases/case-rules.js';
import { createdCaseDetail } from '../cases/created-case.js';
import { issueDeclaredExemption } from '../cases/issue-declared-exemption.js';
import { nowOf, type UseCaseContext } from '../context.js';
import { parsedRegionalCode } from './regional-codes.js';

export interface RegionalIssueSettings {
  /** the income cut-off "MM-DD" of CUTOFF durations (the page: 31 March of the following year) */
  cutoff?: string;
}

export async function issueRegionalExemption(
  ctx: UseCaseContext,
  body: RegionalIssueBody,
  settings: RegionalIssueSettings = {},
): Promise<CaseDetail> {
  const { actor } = ctx;
  if (actor.role !== 'ADMIN_OPERATOR' || !actor.fiscalCode || !actor.aslId) throw forbidden();
  const aslId = actor.aslId;
  const operator = { fiscalCode: actor.fiscalCode, role: actor.role, userId: actor.userId };
  const now = nowOf(ctx);
  const today = todayInRome(now);
  return ctx.db.transaction(async (tx) => {
    const rec = await findRegionalCode(tx, body.exemptionCode);
    if (!rec) {
      if (await findExemptionCode(tx, body.exemptionCode))
        throw regionalCodeNotIssuable(body.exemptionCode, 'NOT_REGIONAL');
      throw exemptionCodeUnknown(body.exemptionCode);
    }
    const rc = parsedRegionalCode(rec);
    if (!rc.issuedBy.includes('COUNTER')) throw regionalCodeNotIssuable(rc.code, 'NOT_AT_COUNTER');
    if (!isInForceOn(today, rec))
      throw exemptionCodeNotInForce(rc.code, today, rec.validFrom, rec.validUntil);

    // who: a fiscal code of the operator's ASL, or an STP/ENI code where the code allows it
    const problem = identifierProblem(body.beneficiary, rc.identifiers, rc.code);
    if (problem) throw identifierNotAccepted(problem);
    const id = parsePersonIdentifier(body.beneficiary);
    if (!('kind' in id)) throw identifierNotAccepted(id.problem);
    if (id.kind !== 'CF' && !(await findPerson(tx, id.value))) {
      if (!body.person) throw temporaryPersonDataMissing(id.kind);
      await recordTemporaryPerson(tx, { identifier: id.value, ...body.person, aslId });
    }
    const who =
      id.kind === 'CF'
        ? await loadPerson(tx, id.value, aslId, 'beneficiary')
        : await findPerson(tx, id.value);
    if (!who || who.residenceAslId !== aslId)
      throw personUnknown(id.value, "dell'ASL del profilo attivo", 'beneficiary');

    const declarant = body.declarantFiscalCode ?? who.fiscalCode;
    if (body.declarantTitle === 'SELF' && declarant !== who.fiscalCode)
      throw identifierNotAccepted(
        'Il dichiarante «interessato» è l’assistito stesso: per un altro dichiarante sceglierne il titolo.',
        'declarantTitle',
      );
    if (declarant !== who.fiscalCode) {
      const p = identifierProblem(declarant, ['CF'], undefined);
      if (p) throw identifierNotAccepted(p, 'declarantFiscalCode');
    }

    const facts: RegionalFacts = {
      birthDate: birthDateOf(who, now),
      incomeCents: body.incomeCents,
      householdSize: body.householdSize,
      condition: body.condition,
      permitIssuedOn: body.permitIssuedOn,
      cardIssuedOn: body.cardIssuedOn,
    };
    const issues = regionalRuleIssues(rc, facts, today);
    if (issues.length > 0) throw regionalRulesNotMet(rc.code, issues);
    // codes that exclude each other: one income exemption at a time (E01–E04 and the Region's E05/E10,
    // as the income declaration checks), one dental income band (E09, OD1, OD2)
    if (rc.family === 'INCOME' || rc.category === 'DENTAL_SOCIAL') {
      const held = await exemptionsHeldOn(tx, who.fiscalCode, today);
      if (rc.family === 'INCOME') {
        const income = incompatibleHeld(held.filter((h) => h.code !== rc.code));
        if (income) throw incomeExemptionHeld(income.code, income.validUntil, income.caseNumber);
        const [open] = await openCasesOfFamily(tx, who.fiscalCode, 'INCOME');
        if (open && open.code !== rc.code) throw incomeExemptionHeld(open.code, null, open.caseNumber);
      } else {
        const band = new Set(
          (await listRegionalCodes(tx, rec.region))
            .filter((c) => c.category === rc.category)
            .map((c) => c.code),
        );
        const other = held.find((h) => h.code !== rc.code && band.has(h.code));
        if (other)
          throw regionalCategoryHeld(
            rc.code,
            other.code,
            other.validUntil,
            REGIONAL_CATEGORY_LABELS[rc.category],
          );
      }
    }
    const { validFrom, validUntil } = regionalValidity(rc, facts, today, {
      cutoff: settings.cutoff ?? DEFAULT_REGIONAL_CUTOFF,
      catalogValidUntil: rec.validUntil,
    });
    const household = rc.incomeMeasure === 'HOUSEHOLD';
    const limit =
      rc.householdLimits && body.householdSize
        ? (householdLimitFor(rc.householdLimits, body.householdSize)?.maxCents ?? null)
        : rc.incomeMaxCents;
    const created = await issueDeclaredExemption(tx, {
      beneficiary: {
        fiscalCode: who.fiscalCode,
        firstName: who.firstName,
        lastName: who.lastName,
        residenceAslId: aslId,
        residenceDistrictId: who.residenceDistrictId,
      },
      submitter: { type: 'OPERATOR', ...operator },
      validator: { fiscalCode: operator.fiscalCode, role: operator.role },
      code: { code: rc.code, family: rc.family },
      validFrom,
      validUntil,
      at: now,
      internalNote: body.notes ?? null,
      declaration: {
        declarantFiscalCode: declarant,
        declarantTitle: body.declarantTitle,
        incomeYear: body.incomeYear ?? null,
        householdIncomeCents: household ? (body.incomeCents ?? null) : null,
        thresholdCents: rc.incomeMeasure ? limit : null,
        dpr445AcceptedAt: now,
        facts: {
          regional: {
            region: rec.region,
            category: rc.category,
            identifierKind: id.kind,
            ...(rc.incomeMeasure === 'ISEE' ? { iseeCents: body.incomeCents } : {}),
            ...(body.householdSize ? { householdSize: body.householdSize } : {}),
            ...(body.condition
              ? {
                  condition: body.condition,
                  conditionLabel: rc.conditions?.find((c) => c.key === body.condition)?.label,
                }
              : {}),
            ...(body.permitIssuedOn ? { permitIssuedOn: body.permitIssuedOn } : {}),
            ...(body.cardIssuedOn ? { cardIssuedOn: body.cardIssuedOn } : {}),
            ...(rc.copayCapCents !== null ? { copayCapCents: rc.copayCapCents } : {}),
            ...(rc.discountPercent !== null ? { discountPercent: rc.discountPercent } : {}),
            documentsShown: rc.documents,
          },
        },
      },
    });
    return createdCaseDetail(tx, ctx, created.id);
  });
}
