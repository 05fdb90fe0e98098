/**
 * Annullamento (docs/domain.md §2.3): while the case is SUBMITTED or IN_PROGRESS by its beneficiary (or
 * their delegate, delegation re-checked in the same statement that loads the case), or by whoever
 * sent it (the specialist, the counter operator) while it is still SUBMITTED. Anyone else does not find
 * the case.
 */
import {
  CASE_COMMAND_CATALOGUE,
  forbidden,
  SENDER_CANCEL_FROM,
  todayInRome,
  type CaseCommandBody,
  type CaseDetail,
} from '@esenzioni/domain';
import { citizenCaseScope } from '../../db/repositories/delegations.js';
import { senderScope } from '../../db/repositories/scope.js';
import { citizenFiscalCode, resolveActingFor } from '../delegations/acting-for.js';
import { forCitizen } from './read-case.js';
import { runCaseCommand } from './run-case-command.js';
import { nowOf, type UseCaseContext } from '../context.js';

type CancelBody = CaseCommandBody<'cancel'>;

const notes = (body: CancelBody) => (body?.beneficiaryNote ? { beneficiaryNote: body.beneficiaryNote } : {});

export async function cancelMyCase(
  ctx: UseCaseContext,
  caseNumber: string,
  version: number | undefined,
  body: CancelBody,
  onBehalfOf: string | undefined,
): Promise<CaseDetail> {
  const me = citizenFiscalCode(ctx.actor);
  const now = nowOf(ctx);
  const who = await resolveActingFor(ctx.db, ctx.actor, onBehalfOf, now);
  const detail = await runCaseCommand({ ...ctx, now: () => now }, caseNumber, version, {
    entry: CASE_COMMAND_CATALOGUE.cancel,
    notes: notes(body),
    scope: citizenCaseScope(me, who, todayInRome(now)),
  });
  return forCitizen(detail);
}

/** The sender's own cancel: the specialist or counter operator who sent the case, while INVIATA. */
export async function cancelSentCase(
  ctx: UseCaseContext,
  caseNumber: string,
  version: number | undefined,
  body: CancelBody,
): Promise<CaseDetail> {
  const { actor } = ctx;
  if (actor.role !== 'SPECIALIST' && actor.role !== 'ADMIN_OPERATOR') throw forbidden();
  const scope = senderScope(actor);
  if (!scope) throw forbidden();
  return runCaseCommand(ctx, caseNumber, version, {
    entry: CASE_COMMAND_CATALOGUE.cancel,
    notes: notes(body),
    scope,
    // the sender only while still INVIATA (issue 11 §6): then the case is the district's
    from: SENDER_CANCEL_FROM,
  });
}
