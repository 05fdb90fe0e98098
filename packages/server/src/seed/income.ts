/**
 * The demo's income exemptions made through the income flow (issue 12 §10): a demo that production
 * could produce. An income exemption exists only as a self-declaration that met every rule of the page
 * (docs/domain.md §1.1): issued at once, online by the person or a delegate and validated by the
 * system, with its declaration (household, income of the previous year below the limit in force, the
 * condition of E02/E03/E04) and validity to 31 March of the following year. So the demo has no income
 * case sent, in progress, rejected or cancelled (a refused declaration leaves no case), and one income
 * exemption per person.
 */
import {
  checkIncomeDeclaration,
  DEFAULT_INCOME_CUTOFF,
  E01_OVER_AGE,
  E01_UNDER_AGE,
  E04_OVER_AGE,
  incomeLimitCents,
  incomeValidity,
  isOverAge,
  isUnderAge,
  todayInRome,
  type DeclarantTitle,
  type IncomeCode,
} from '@esenzioni/domain';
import type { Tx } from '../db/client.js';
import { thresholdInForce } from '../db/repositories/self-declarations.js';
import {
  DECLARATION_SYSTEM_ACTOR,
  issueDeclaredExemption,
} from '../services/cases/issue-declared-exemption.js';
import type { CaseRequest } from './cases.js';
import type { NumberedCase } from './persist.js';
import type { Rng } from './prng.js';

/**
 * A filter of the random requests: an income request becomes a case only if it is a declaration the
 * rules accept on its day (issued: VALIDATED; exact ages) and the person has no other income exemption
 * in the demo. Returns a claim like onePerPersonAndBase: call it after the other checks passed.
 */
export function incomeDeclarations(): {
  fits(r: CaseRequest, at: Date): boolean;
  claim(r: CaseRequest): void;
} {
  const declared = new Set<string>();
  return {
    fits: (r, at) => {
      if (r.code.family !== 'INCOME') return true;
      if (r.status !== 'VALIDATED' || declared.has(r.person.fiscalCode)) return false;
      const on = todayInRome(at);
      if (r.code.code === 'E01')
        return (
          isUnderAge(r.person.birthDate, E01_UNDER_AGE, on) || isOverAge(r.person.birthDate, E01_OVER_AGE, on)
        );
      if (r.code.code === 'E04') return isOverAge(r.person.birthDate, E04_OVER_AGE, on);
      return true;
    },
    claim: (r) => {
      if (r.code.family === 'INCOME') declared.add(r.person.fiscalCode);
    },
  };
}

const yearsOn = (birthDate: string, on: string) => {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
};

/**
 * Issues the planned income cases (oldest first) through issueDeclaredExemption with a declaration
 * that meets the rules, with the number numberCases gave it (in order of submission among all the
 * demo's cases); returns how many were issued.
 */
export async function issueDemoIncome(tx: Tx, planned: readonly NumberedCase[], rng: Rng): Promise<number> {
  const sorted = [...planned].sort(
    (a, b) => (a.events[0]?.at.getTime() ?? 0) - (b.events[0]?.at.getTime() ?? 0),
  );
  let issued = 0;
  for (const p of sorted) {
    const at = p.events[0]?.at;
    if (!at) continue;
    const code = p.code.code as IncomeCode;
    const on = todayInRome(at);
    const threshold = await thresholdInForce(tx, code, on);
    const hasSpouse = code !== 'E01' && rng.chance(0.5);
    const children = code === 'E02' || code === 'E04' ? rng.int(0, 3) : 0;
    const limit = threshold ? incomeLimitCents(threshold, hasSpouse, children) : 0;
    // an income below the limit (E03 declares none)
    const income = code === 'E03' ? 0 : rng.int(Math.floor(limit * 0.3), limit - 1);
    const facts = {
      code,
      on,
      beneficiaryBirthDate: p.person.birthDate,
      householdIncomeCents: income,
      hasSpouse,
      dependentChildren: children,
      unemployedRegistered: code === 'E02',
      socialAllowance: code === 'E03',
      minimumPension: code === 'E04',
    };
    const check = checkIncomeDeclaration(facts, threshold);
    if (!check.ok) continue; // refused: no case
    const delegate = p.submitterType === 'DELEGATE';
    const title: DeclarantTitle = !delegate
      ? 'SELF'
      : yearsOn(p.person.birthDate, on) < 18
        ? 'PARENT'
        : 'DELEGATE';
    await issueDeclaredExemption(tx, {
      beneficiary: {
        fiscalCode: p.person.fiscalCode,
        firstName: p.person.firstName,
        lastName: p.person.lastName,
        residenceAslId: p.person.residenceAslId,
        residenceDistrictId: p.person.residenceDistrictId,
      },
      submitter: {
        type: delegate ? 'DELEGATE' : 'CITIZEN',
        fiscalCode: p.submitterFiscalCode,
        userId: p.submitterUserId,
        role: 'CITIZEN',
      },
      validator: DECLARATION_SYSTEM_ACTOR,
      code: p.code,
      ...incomeValidity(code, on, { cutoff: DEFAULT_INCOME_CUTOFF }),
      at,
      caseNumber: p.caseNumber,
      declaration: {
        declarantFiscalCode: p.submitterFiscalCode,
        declarantTitle: title,
        incomeYear: Number(on.slice(0, 4)) - 1,
        householdIncomeCents: code === 'E03' ? null : income,
        hasSpouse,
        dependentChildren: children,
        thresholdCents: check.thresholdCents,
        facts:
          code === 'E02'
            ? { unemployedRegistered: true, firstJobSeeker: false }
            : code === 'E03'
              ? { socialAllowance: true }
              : code === 'E04'
                ? { minimumPension: true }
                : {},
        dpr445AcceptedAt: at,
        identityDocument: { kind: 'IDENTIFICAZIONE_ONLINE' },
      },
    });
    issued++;
  }
  return issued;
}
