/**
 * Annullamento (docs/domain.md §2.3) while the case is SUBMITTED or IN_PROGRESS: by its beneficiary (or
 * their delegate, delegation re-checked in the same statement that loads the case), or by whoever
 * sent it (the specialist, the counter operator). Anyone else does not find the case.
 */
import { and, eq, type SQL } from 'drizzle-orm';
import { forbidden, todayInRome, type CancelBody, type CaseDetail } from '@esenzioni/domain';
import { exemptionCase } from '../db/schema.js';
import { caseScope } from '../db/repositories/scope.js';
import { citizenCaseScope, citizenFiscalCode, resolveActingFor } from './acting-for.js';
import { forCitizen } from './read-case.js';
import { runCaseCommand } from './run-case-command.js';
import { nowOf, type UseCaseContext } from './context.js';

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
    command: 'cancel',
    action: 'CANCEL',
    notes: notes(body),
    scope: citizenCaseScope(me, who, todayInRome(now)),
  });
  return forCitizen(detail);
}

/** The sender's own cancel: the specialist or counter operator who sent the case. */
export async function cancelSentCase(
  ctx: UseCaseContext,
  caseNumber: string,
  version: number | undefined,
  body: CancelBody,
): Promise<CaseDetail> {
  const { actor } = ctx;
  if ((actor.role !== 'SPECIALIST' && actor.role !== 'ADMIN_OPERATOR') || !actor.fiscalCode)
    throw forbidden();
  const scope = and(caseScope(actor), eq(exemptionCase.submitterFiscalCode, actor.fiscalCode)) as SQL;
  return runCaseCommand(ctx, caseNumber, version, {
    command: 'cancel',
    action: 'CANCEL',
    notes: notes(body),
    scope,
  });
}
