/**
 * Delegations of a person, as delegator and as delegate: the citizen's own, or, at the counter, those
 * of a resident of the operator's ASL.
 */
import { desc, eq } from 'drizzle-orm';
import { forbidden, todayInRome, validationFailed, type DelegationList } from '@esenzioni/domain';
import { delegation } from '../db/schema.js';
import { recordAccess } from '../audit/access-log.js';
import { loadPerson } from './case-rules.js';
import { delegationViews } from './delegation-view.js';
import { nowOf, type UseCaseContext } from './context.js';

export async function listDelegations(ctx: UseCaseContext, fiscalCode: string | undefined): Promise<DelegationList> {
  const { actor } = ctx;
  if ((actor.role !== 'CITIZEN' && actor.role !== 'ADMIN_OPERATOR') || !actor.fiscalCode) throw forbidden();
  const today = todayInRome(nowOf(ctx));
  return ctx.db.transaction(async (tx) => {
    let who = actor.fiscalCode!;
    if (actor.role === 'ADMIN_OPERATOR') {
      if (!fiscalCode) throw validationFailed([{ field: 'fiscalCode', message: "Indicare il codice fiscale dell'assistito." }]);
      who = (await loadPerson(tx, fiscalCode, actor.aslId)).fiscalCode;
      await recordAccess(tx, actor, 'READ_PERSON', [{ personFiscalCode: who }], ctx.correlationId);
    }
    const asDelegator = await tx.select().from(delegation).where(eq(delegation.delegatorFiscalCode, who)).orderBy(desc(delegation.id));
    const asDelegate = await tx.select().from(delegation).where(eq(delegation.delegateFiscalCode, who)).orderBy(desc(delegation.id));
    return { asDelegator: await delegationViews(tx, asDelegator, today), asDelegate: await delegationViews(tx, asDelegate, today) };
  });
}
