/**
 * Revocation, effective at once (every request re-reads the delegation): by the delegator, by the
 * delegate renouncing it, or at the counter of the delegator's ASL. Others do not find it (404).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { DomainError, forbidden, todayInRome, type Delegation } from '@esenzioni/domain';
import { delegation, person } from '../db/schema.js';
import { delegationViews } from './delegation-view.js';
import { recordAccess } from '../audit/access-log.js';
import { nowOf, type UseCaseContext } from './context.js';

export async function revokeDelegation(ctx: UseCaseContext, id: number): Promise<Delegation> {
  const { actor } = ctx;
  if ((actor.role !== 'CITIZEN' && actor.role !== 'ADMIN_OPERATOR') || !actor.fiscalCode) throw forbidden();
  const me = actor.fiscalCode;
  const now = nowOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ d: delegation, delegatorAsl: person.residenceAslId })
      .from(delegation)
      .leftJoin(person, eq(person.fiscalCode, delegation.delegatorFiscalCode))
      .where(eq(delegation.id, id))
      .for('update', { of: delegation });
    const mine =
      found &&
      (actor.role === 'CITIZEN'
        ? found.d.delegatorFiscalCode === me || found.d.delegateFiscalCode === me
        : actor.aslId !== null && found.delegatorAsl === actor.aslId);
    if (!found || !mine)
      throw new DomainError(
        'DELEGATION_NOT_FOUND',
        'La delega indicata non esiste o non è gestibile con il profilo attivo.',
      );
    let row = found.d;
    if (!row.revokedAt) {
      const [updated] = await tx
        .update(delegation)
        .set({ revokedAt: now, revokedByFiscalCode: me })
        .where(and(eq(delegation.id, id), isNull(delegation.revokedAt)))
        .returning();
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
