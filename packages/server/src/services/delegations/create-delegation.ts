/**
 * A delegation: given online by the delegator for themselves, or entered at the counter by an
 * operator for two residents of the operator's ASL (signed paper delegation and ID documents seen
 * at the counter, docs/domain.md §1.3). One delegation in force per pair.
 *
 * Online, the delegate is a fiscal code and nothing more (issue 9): the answer is the same whether or
 * not the code belongs to someone known to the region, and it never carries the delegate's name
 * (delegation-view.ts). A delegation to a code nobody holds is inert: only the holder of that code
 * could ever act on it. At the counter both people are residents the operator may look up, named in
 * the answer, and each gets an access-log row committed with the delegation.
 */
import {
  delegationAlreadyActive,
  forbidden,
  todayInRome,
  validationFailed,
  type Delegation,
  type DelegationBody,
} from '@esenzioni/domain';
import { insertDelegation, lockPair, overlapsExisting } from '../../db/repositories/delegations.js';
import { loadPerson } from '../cases/case-rules.js';
import { delegationViews } from './delegation-view.js';
import { recordAccess } from '../../audit/access-log.js';
import { nowOf, type UseCaseContext } from '../context.js';

export async function createDelegation(ctx: UseCaseContext, body: DelegationBody): Promise<Delegation> {
  const { actor } = ctx;
  if ((actor.role !== 'CITIZEN' && actor.role !== 'ADMIN_OPERATOR') || !actor.fiscalCode) {
    throw forbidden('Le deleghe si registrano dal portale del cittadino o allo sportello.');
  }
  const creator = actor.fiscalCode;
  const delegator =
    actor.role === 'CITIZEN' ? (body.delegatorFiscalCode ?? creator) : body.delegatorFiscalCode;
  if (!delegator)
    throw validationFailed([
      { field: 'delegatorFiscalCode', message: 'Indicare il codice fiscale di chi delega.' },
    ]);
  if (actor.role === 'CITIZEN' && delegator !== creator)
    throw forbidden('Il cittadino può delegare solo per sé stesso.');
  if (delegator === body.delegateFiscalCode)
    throw validationFailed([
      { field: 'delegateFiscalCode', message: 'Delegante e delegato devono essere persone diverse.' },
    ]);
  const now = nowOf(ctx);
  const today = todayInRome(now);
  const validFrom = body.validFrom ?? today;
  if (validFrom < today)
    throw validationFailed([{ field: 'validFrom', message: 'La delega non può iniziare nel passato.' }]);
  if (body.validUntil && body.validUntil < validFrom) {
    throw validationFailed([{ field: 'validUntil', message: 'La data di fine precede la data di inizio.' }]);
  }
  const validUntil = body.validUntil ?? null;
  return ctx.db.transaction(async (tx) => {
    // the counter works only for its own residents; online, the delegator is the logged-in citizen and
    // the delegate is not looked up (same answer for a known and an unknown code)
    if (actor.role === 'ADMIN_OPERATOR') {
      await loadPerson(tx, delegator, actor.aslId, 'delegatorFiscalCode');
      await loadPerson(tx, body.delegateFiscalCode, actor.aslId, 'delegateFiscalCode');
    } else {
      await loadPerson(tx, delegator, undefined, 'delegatorFiscalCode');
    }
    await lockPair(tx, delegator, body.delegateFiscalCode);
    if (await overlapsExisting(tx, delegator, body.delegateFiscalCode, validFrom, validUntil)) {
      throw delegationAlreadyActive();
    }
    const row = await insertDelegation(tx, {
      delegatorFiscalCode: delegator,
      delegateFiscalCode: body.delegateFiscalCode,
      validFrom,
      validUntil,
      createdByUserId: actor.userId,
      createdByFiscalCode: creator,
      createdByRole: actor.role,
    });
    const { views, others } = await delegationViews(tx, [row], today, actor);
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
