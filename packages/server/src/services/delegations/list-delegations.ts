/**
 * Delegations of a person, as delegator and as delegate: the citizen's own, or, at the counter, those
 * of a resident of the operator's ASL. Names as delegation-view.ts allows; every other person in the
 * answer gets a READ_PERSON access-log row.
 */
import { forbidden, todayInRome, validationFailed, type DelegationList } from '@esenzioni/domain';
import { delegationsOf } from '../../db/repositories/delegations.js';
import { auditedRead } from '../../audit/audited-read.js';
import { loadPerson } from '../cases/case-rules.js';
import { delegationViews } from './delegation-view.js';
import { nowOf, type UseCaseContext } from '../context.js';

export async function listDelegations(
  ctx: UseCaseContext,
  fiscalCode: string | undefined,
  side?: 'given' | 'received',
): Promise<DelegationList> {
  const { actor } = ctx;
  if ((actor.role !== 'CITIZEN' && actor.role !== 'ADMIN_OPERATOR') || !actor.fiscalCode) throw forbidden();
  const today = todayInRome(nowOf(ctx));
  return auditedRead(ctx, async (db, audit) => {
    let who = actor.fiscalCode!;
    if (actor.role === 'ADMIN_OPERATOR') {
      if (!fiscalCode)
        throw validationFailed([
          { field: 'fiscalCode', message: "Indicare il codice fiscale dell'assistito." },
        ]);
      who = (await loadPerson(db, fiscalCode, actor.aslId)).fiscalCode;
      audit('READ_PERSON', [{ personFiscalCode: who }]);
    }
    const [asDelegator, asDelegate] = await Promise.all([
      side === 'received' ? [] : delegationsOf(db, who, 'given'),
      side === 'given' ? [] : delegationsOf(db, who, 'received'),
    ]);
    const given = await delegationViews(db, asDelegator, today, actor);
    const received = await delegationViews(db, asDelegate, today, actor);
    // every other person the lists name or identify by fiscal code (issue 9)
    const others = [...new Set([...given.others, ...received.others])].filter((c) => c !== who);
    audit(
      'READ_PERSON',
      others.map((personFiscalCode) => ({ personFiscalCode })),
    );
    return { asDelegator: given.views, asDelegate: received.views };
  });
}
