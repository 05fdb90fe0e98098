/** Respingimento (manual §6): the reason is mandatory and internal; the beneficiary note is what the citizen reads. */
import type { CaseDetail, RejectBody } from '@esenzioni/domain';
import { runCaseCommand } from './run-case-command.js';
import type { UseCaseContext } from './context.js';

export const rejectCase = (
  ctx: UseCaseContext,
  caseNumber: string,
  version: number | undefined,
  body: RejectBody,
): Promise<CaseDetail> =>
  runCaseCommand(ctx, caseNumber, version, {
    command: 'reject',
    action: 'REJECT',
    notes: body,
    finalSet: async (_tx, _c, at) => ({ rejectionReason: body.reason, rejectedAt: at }),
  });
