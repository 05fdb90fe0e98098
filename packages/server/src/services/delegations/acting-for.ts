/**
 * On whose behalf a citizen acts: themselves, or a delegator whose delegation to them is in force
 * today (not revoked, within its dates). Checked against the database on every request, never
 * cached, so a revocation stops access at once. No delegation is a 404: the delegator's data simply
 * is not there for this user.
 */
import { delegationNotFound, forbidden, todayInRome } from '@esenzioni/domain';
import type { Tx } from '../../db/client.js';
import { hasActiveDelegation } from '../../db/repositories/delegations.js';
import type { Actor } from '../../auth/actor.js';

// the SQL of the delegation check lives in the delegations repository; re-exported for the case services
export { activeDelegationWhere, citizenCaseScope } from '../../db/repositories/delegations.js';

export interface ActingFor {
  /** the person whose data is read or sent */
  fiscalCode: string;
  /** true when acting as a delegate */
  asDelegate: boolean;
}

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
  if (!(await hasActiveDelegation(tx, onBehalfOf, me, todayInRome(now))))
    throw delegationNotFound(onBehalfOf);
  return { fiscalCode: onBehalfOf, asDelegate: true };
}
