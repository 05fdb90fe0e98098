/**
 * Income self-declaration E01–E04 (issue 12 §1; docs/domain.md §1.1–1.2), at the counter and online by
 * the citizen or a delegate. A declaration that meets every rule of the page is issued at once — the
 * declarant answers for it under DPR 445/2000 — valid to the cut-off of the following year; one that
 * fails a rule is refused (400) naming the rule and the figure. One income exemption at a time per
 * person (409); the other families are compatible (income and pathology or invalidity go together).
 */
import {
  checkIncomeDeclaration,
  decodeFiscalCode,
  DEFAULT_INCOME_CUTOFF,
  forbidden,
  incomeExemptionHeld,
  incomeRequirementsNotMet,
  incomeValidity,
  incompatibleHeld,
  todayInRome,
  validationFailed,
  type CitizenIncomeDeclarationBody,
  type CounterIncomeDeclarationBody,
  type DeclarantTitle,
  type IncomeCode,
  type IncomeValidityRule,
} from '@esenzioni/domain';
import type { Tx } from '../../db/client.js';
import { findPerson } from '../../db/repositories/people.js';
import {
  exemptionsHeldOn,
  openCasesOfFamily,
  thresholdInForce,
} from '../../db/repositories/self-declarations.js';
import { recordAccess } from '../../audit/access-log.js';
import { birthDateOf, loadAssignableCode, loadPerson, type PersonRow } from '../cases/case-rules.js';
import { DECLARATION_SYSTEM_ACTOR, issueDeclaredExemption } from '../cases/issue-declared-exemption.js';
import { citizenFiscalCode, resolveActingFor } from '../delegations/acting-for.js';
import { nowOf, type UseCaseContext } from '../context.js';
import { readDeclaredExemption, type IncomeDeclarationView } from './read-declaration.js';

export const DEFAULT_INCOME_VALIDITY: IncomeValidityRule = { cutoff: DEFAULT_INCOME_CUTOFF };

type Facts = Omit<
  CounterIncomeDeclarationBody,
  'beneficiaryFiscalCode' | 'declarantFiscalCode' | 'declarantTitle' | 'identityDocument'
>;

interface Declaration {
  who: PersonRow;
  facts: Facts;
  declarantFiscalCode: string;
  declarantTitle: DeclarantTitle;
  identityDocument: Record<string, unknown> | null;
  submitter: {
    type: 'OPERATOR' | 'CITIZEN' | 'DELEGATE';
    fiscalCode: string;
    userId: number | null;
    role: 'ADMIN_OPERATOR' | 'CITIZEN';
  };
  validator: { fiscalCode: string; role: 'ADMIN_OPERATOR' | 'ADMIN' };
}

/** The rules of the page, the compatibility check, then the primitive: one transaction. */
async function declare(tx: Tx, d: Declaration, now: Date, rule: IncomeValidityRule) {
  const today = todayInRome(now);
  const code = await loadAssignableCode(tx, d.facts.exemptionCode, today, ['INCOME']);
  const incomeCode = code.code as IncomeCode;
  // E01 is the beneficiary's own condition; E02–E04 derive from the titolare (default: the beneficiary)
  const holderCf = incomeCode === 'E01' ? null : (d.facts.holderFiscalCode ?? null);
  let holderBirthDate: string | null = null;
  if (holderCf && holderCf !== d.who.fiscalCode) {
    const holder = await findPerson(tx, holderCf);
    holderBirthDate = holder
      ? birthDateOf(holder, now)
      : (decodeFiscalCode(holderCf, now)?.birthDate ?? null);
  }
  const threshold = await thresholdInForce(tx, incomeCode, today);
  const check = checkIncomeDeclaration(
    {
      code: incomeCode,
      on: today,
      beneficiaryBirthDate: birthDateOf(d.who, now),
      holderBirthDate,
      householdIncomeCents: d.facts.householdIncomeCents,
      hasSpouse: d.facts.hasSpouse,
      dependentChildren: d.facts.dependentChildren,
      unemployedRegistered: d.facts.unemployedRegistered ?? false,
      firstJobSeeker: d.facts.firstJobSeeker ?? false,
      socialAllowance: d.facts.socialAllowance ?? false,
      minimumPension: d.facts.minimumPension ?? false,
    },
    threshold,
  );
  if (!check.ok) {
    throw incomeRequirementsNotMet(
      incomeCode,
      check.failures.map((f) => ({ field: f.field, message: f.message })),
    );
  }
  // one income exemption at a time (in force, from the MEF list too, or a request still open)
  const held = incompatibleHeld(await exemptionsHeldOn(tx, d.who.fiscalCode, today));
  if (held) throw incomeExemptionHeld(held.code, held.validUntil, held.caseNumber);
  const [open] = await openCasesOfFamily(tx, d.who.fiscalCode, 'INCOME');
  if (open) throw incomeExemptionHeld(open.code, null, open.caseNumber);
  const { validFrom, validUntil } = incomeValidity(incomeCode, today, rule);
  const facts: Record<string, unknown> = {};
  if (incomeCode === 'E02') {
    facts.unemployedRegistered = d.facts.unemployedRegistered ?? false;
    facts.firstJobSeeker = d.facts.firstJobSeeker ?? false;
  }
  if (incomeCode === 'E03') facts.socialAllowance = true;
  if (incomeCode === 'E04') facts.minimumPension = true;
  return issueDeclaredExemption(tx, {
    beneficiary: {
      fiscalCode: d.who.fiscalCode,
      firstName: d.who.firstName,
      lastName: d.who.lastName,
      residenceAslId: d.who.residenceAslId!,
      residenceDistrictId: d.who.residenceDistrictId,
    },
    submitter: d.submitter,
    validator: d.validator,
    code,
    validFrom,
    validUntil,
    at: now,
    declaration: {
      declarantFiscalCode: d.declarantFiscalCode,
      declarantTitle: d.declarantTitle,
      holderFiscalCode: holderCf,
      incomeYear: d.facts.incomeYear,
      householdIncomeCents: incomeCode === 'E03' ? null : d.facts.householdIncomeCents,
      hasSpouse: d.facts.hasSpouse,
      dependentChildren: d.facts.dependentChildren,
      thresholdCents: check.thresholdCents,
      facts,
      dpr445AcceptedAt: now,
      identityDocument: d.identityDocument,
    },
  });
}

/** The declared year is the previous one (the fiscal household's income of the year before). */
function checkIncomeYear(year: number, today: string): void {
  const previous = Number(today.slice(0, 4)) - 1;
  if (year !== previous) {
    throw validationFailed(
      [{ field: 'incomeYear', message: `Si dichiara il reddito dell'anno precedente (${previous}).` }],
      `Il reddito da dichiarare è quello del ${previous}, anno precedente alla dichiarazione.`,
    );
  }
}

/** At the counter: the operator of the person's ASL enters what the declarant signs, with their ID. */
export async function declareIncomeAtCounter(
  ctx: UseCaseContext,
  body: CounterIncomeDeclarationBody,
  rule: IncomeValidityRule = DEFAULT_INCOME_VALIDITY,
): Promise<IncomeDeclarationView> {
  const { actor } = ctx;
  if (actor.role !== 'ADMIN_OPERATOR' || !actor.fiscalCode || !actor.aslId) throw forbidden();
  const operator = { fiscalCode: actor.fiscalCode, userId: actor.userId, aslId: actor.aslId };
  const now = nowOf(ctx);
  const today = todayInRome(now);
  checkIncomeYear(body.incomeYear, today);
  const self = body.declarantFiscalCode === body.beneficiaryFiscalCode;
  if ((body.declarantTitle === 'SELF' || body.declarantTitle === 'ASSISTED_BY_CURATOR') !== self) {
    throw validationFailed(
      [
        {
          field: 'declarantTitle',
          message: self
            ? 'Il dichiarante è il beneficiario: titolo «interessato» o «interessato assistito da curatore».'
            : 'Chi dichiara per un altro è genitore, tutore, coniuge/parente fino al 3° grado o delegato.',
        },
      ],
      'Il titolo del dichiarante non corrisponde a chi dichiara.',
    );
  }
  if (body.identityDocument.expiresOn < today) {
    throw validationFailed(
      [{ field: 'identityDocument.expiresOn', message: 'Documento di identità scaduto.' }],
      'Il documento di identità del dichiarante è scaduto.',
    );
  }
  return ctx.db.transaction(async (tx) => {
    const who = await loadPerson(tx, body.beneficiaryFiscalCode, operator.aslId);
    const created = await declare(
      tx,
      {
        who,
        facts: body,
        declarantFiscalCode: body.declarantFiscalCode,
        declarantTitle: body.declarantTitle,
        identityDocument: { ...body.identityDocument },
        submitter: {
          type: 'OPERATOR',
          fiscalCode: operator.fiscalCode,
          userId: operator.userId,
          role: 'ADMIN_OPERATOR',
        },
        validator: { fiscalCode: operator.fiscalCode, role: 'ADMIN_OPERATOR' },
      },
      now,
      rule,
    );
    await recordAccess(
      tx,
      actor,
      'SUBMIT',
      [{ personFiscalCode: who.fiscalCode, caseNumber: created.caseNumber }],
      ctx.correlationId,
    );
    return readDeclaredExemption(tx, created.caseNumber, 'counter');
  });
}

/** Online: the citizen for themselves, or as a delegate (`onBehalfOf`) for the delegator. */
export async function declareIncomeOnline(
  ctx: UseCaseContext,
  body: CitizenIncomeDeclarationBody,
  onBehalfOf: string | undefined,
  rule: IncomeValidityRule = DEFAULT_INCOME_VALIDITY,
): Promise<IncomeDeclarationView> {
  const me = citizenFiscalCode(ctx.actor);
  const now = nowOf(ctx);
  const today = todayInRome(now);
  checkIncomeYear(body.incomeYear, today);
  return ctx.db.transaction(async (tx) => {
    const acting = await resolveActingFor(tx, ctx.actor, onBehalfOf, now);
    const title: DeclarantTitle = acting.asDelegate ? (body.declarantTitle ?? 'DELEGATE') : 'SELF';
    if (acting.asDelegate && (title === 'SELF' || title === 'ASSISTED_BY_CURATOR')) {
      throw validationFailed(
        [{ field: 'declarantTitle', message: 'Chi dichiara per un altro non è «interessato».' }],
        'Come delegato il titolo è genitore, tutore, coniuge/parente fino al 3° grado o delegato.',
      );
    }
    const who = await loadPerson(tx, acting.fiscalCode);
    const created = await declare(
      tx,
      {
        who,
        facts: body,
        declarantFiscalCode: me,
        declarantTitle: title,
        // online the declarant is identified by the login (SPID/CIE), not by a document shown
        identityDocument: { kind: 'IDENTIFICAZIONE_ONLINE' },
        submitter: {
          type: acting.asDelegate ? 'DELEGATE' : 'CITIZEN',
          fiscalCode: me,
          userId: ctx.actor.userId,
          role: 'CITIZEN',
        },
        validator: DECLARATION_SYSTEM_ACTOR as { fiscalCode: string; role: 'ADMIN' },
      },
      now,
      rule,
    );
    await recordAccess(
      tx,
      ctx.actor,
      'SUBMIT',
      [{ personFiscalCode: who.fiscalCode, caseNumber: created.caseNumber }],
      ctx.correlationId,
    );
    return readDeclaredExemption(
      tx,
      created.caseNumber,
      'me',
      acting.asDelegate ? acting.fiscalCode : undefined,
    );
  });
}
