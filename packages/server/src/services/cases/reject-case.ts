/** Respingimento (manual §6): the reason is mandatory and internal; the beneficiary note is what the citizen reads. */
import { CASE_COMMAND_CATALOGUE, type CaseCommandBody, type CaseDetail } from '@esenzioni/domain';
import { runCaseCommand } from './run-case-command.js';
import type { UseCaseContext } from '../context.js';

export const rejectCase = (
  ctx: UseCaseContext,
  caseNumber: string,
  version: number | undefined,
  body: CaseCommandBody<'reject'>,
): Promise<CaseDetail> =>
  runCaseCommand(ctx, caseNumber, version, {
    entry: CASE_COMMAND_CATALOGUE.reject,
    notes: body,
    finalSet: async (_tx, _c, at) => ({ rejectionReason: body.reason, rejectedAt: at }),
  });
