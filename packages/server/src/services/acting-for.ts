/**
 * On whose behalf a citizen acts: themselves, or a delegator whose delegation to them is in force
 * today (not revoked, within its dates). Checked against the database on every request, never
 * cached, so a revocation stops access at once. No delegation is a 404: the delegator's data simply
 * is not there for this user.
 */
import { and, eq, gte, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { DomainError, forbidden, todayInRome } from '@esenzioni/domain';
import type { Tx } from '../db/client.js';
import { delegation, exemptionCase } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';

export interface ActingFor {
  /** the person whose data is read or sent */
  fiscalCode: string;
  /** true when acting as a delegate */
  asDelegate: boolean;
}

/** Delegations in force on `today` from `delegator` to `delegate`. */
export const activeDelegationWhere = (delegator: string, delegate: string, today: string): SQL =>
  and(
    eq(delegation.delegatorFiscalCode, delegator),
    eq(delegation.delegateFiscalCode, delegate),
    isNull(delegation.revokedAt),
    lte(delegation.validFrom, today),
    or(isNull(delegation.validUntil), gte(delegation.validUntil, today)),
  ) as SQL;

export const delegationNotFound = (fiscalCode: string) =>
  new DomainError(
    'DELEGATION_NOT_FOUND',
    `Non risulta una delega in corso di validità da parte di ${fiscalCode}.`,
  );

export function citizenFiscalCode(actor: Actor): string {
  if (actor.role !== 'CITIZEN' || !actor.fiscalCode) throw forbidden('Funzione riservata al cittadino.');
  return actor.fiscalCode;
}

export async function resolveActingFor(
  tx: Tx,
  actor: Actor,
  onBehalfOf: string | undefined,
  now: Date,
): Promise<ActingFor> {
  const me = citizenFiscalCode(actor);
  if (!onBehalfOf || onBehalfOf === me) return { fiscalCode: me, asDelegate: false };
  const found = await tx
    .select({ id: delegation.id })
    .from(delegation)
    .where(activeDelegationWhere(onBehalfOf, me, todayInRome(now)))
    .limit(1);
  if (!found.length) throw delegationNotFound(onBehalfOf);
  return { fiscalCode: onBehalfOf, asDelegate: true };
}

/**
 * The cases a citizen may act on for `who`, as SQL: the delegation is re-checked inside the same
 * statement that loads the case, so a revocation committed a moment earlier is seen.
 */
export function citizenCaseScope(me: string, who: ActingFor, today: string): SQL {
  const ofPerson = eq(exemptionCase.beneficiaryFiscalCode, who.fiscalCode);
  if (!who.asDelegate) return ofPerson;
  return and(
    ofPerson,
    sql`exists (select 1 from ${delegation} where ${activeDelegationWhere(who.fiscalCode, me, today)})`,
  ) as SQL;
}
