/**
 * The delegations of the demo's delegate-sent cases (issue 12 §10: a demo that production could
 * produce). The product lets a delegate send a case only under a delegation in force on that day, so
 * every pair (delegator = beneficiary, delegate = sender) of a DELEGATE case gets one, valid from a week
 * before its first case and still in force. An adult delegator gave it online (CITIZEN, for themselves); a
 * minor's was entered at the counter of their ASL (ADMIN_OPERATOR), where both people are residents
 * (requests.ts picks a minor's delegate in the same ASL).
 */
import { todayInRome, type Role } from '@esenzioni/domain';
import type { NewDelegation } from '../db/repositories/delegations.js';
import type { PlannedCase } from './cases.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

const yearsBetween = (birthDate: string, at: Date) => {
  const on = todayInRome(at);
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
};

export function planDelegations(
  cases: readonly PlannedCase[],
  counterOperatorOf: (aslId: string, districtId: string) => string,
): NewDelegation[] {
  const first = new Map<string, PlannedCase>();
  const submittedAt = (c: PlannedCase) => c.events[0]?.at.getTime() ?? 0;
  for (const c of cases) {
    if (c.submitterType !== 'DELEGATE') continue;
    const key = `${c.person.fiscalCode}>${c.submitterFiscalCode}`;
    const seen = first.get(key);
    if (!seen || submittedAt(c) < submittedAt(seen)) first.set(key, c);
  }
  return [...first.values()]
    .sort((a, b) => submittedAt(a) - submittedAt(b))
    .map((c) => {
      const createdAt = new Date(submittedAt(c) - WEEK);
      const minor = yearsBetween(c.person.birthDate, createdAt) < 18;
      const creator: { fiscalCode: string; role: Role } = minor
        ? {
            fiscalCode: counterOperatorOf(c.person.residenceAslId, c.person.residenceDistrictId),
            role: 'ADMIN_OPERATOR',
          }
        : { fiscalCode: c.person.fiscalCode, role: 'CITIZEN' };
      return {
        delegatorFiscalCode: c.person.fiscalCode,
        delegateFiscalCode: c.submitterFiscalCode,
        validFrom: todayInRome(createdAt),
        validUntil: null,
        createdAt,
        createdByUserId: null,
        createdByFiscalCode: creator.fiscalCode,
        createdByRole: creator.role,
      };
    });
}
