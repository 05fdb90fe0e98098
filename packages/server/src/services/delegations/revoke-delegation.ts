/**
 * Revocation, effective at once (every request re-reads the delegation): by the delegator, by the
 * delegate renouncing it, or at the counter of the delegator's ASL. Others do not find it (404).
 */
import { delegationNotFound, forbidden, todayInRome, type Delegation } from '@esenzioni/domain';
import { findDelegationForUpdate, markRevoked } from '../../db/repositories/delegations.js';
import { delegationViews } from './delegation-view.js';
import { recordAccess } from '../../audit/access-log.js';
import { nowOf, type UseCaseContext } from '../context.js';

export async function revokeDelegation(ctx: UseCaseContext, id: number): Promise<Delegation> {
  const { actor } = ctx;
  if ((actor.role !== 'CITIZEN' && actor.role !== 'ADMIN_OPERATOR') || !actor.fiscalCode) throw forbidden();
  const me = actor.fiscalCode;
  const now = nowOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const found = await findDelegationForUpdate(tx, id);
    const mine =
      found &&
      (actor.role === 'CITIZEN'
        ? found.d.delegatorFiscalCode === me || found.d.delegateFiscalCode === me
        : actor.aslId !== null && found.delegatorAsl === actor.aslId);
    if (!found || !mine) throw delegationNotFound();
    let row = found.d;
    if (!row.revokedAt) {
      const updated = await markRevoked(tx, id, now, me);
      if (updated) row = updated;
    }
    const { views, others } = await delegationViews(tx, [row], todayInRome(now), actor);
    await recordAccess(
      tx,
      actor,
      'READ_PERSON',
      others.map((personFiscalCode) => ({ personFiscalCode })),
      ctx.correlationId,
    );
    return views[0]!;
  });
}
