/** Presa in carico (manual §4): INVIATA → IN LAVORAZIONE. */
import type { ActionBody, CaseDetail } from '@esenzioni/domain';
import { runCaseCommand } from './run-case-command.js';
import type { UseCaseContext } from './context.js';

export const takeCharge = (
  ctx: UseCaseContext,
  caseNumber: string,
  version: number | undefined,
  body: ActionBody,
): Promise<CaseDetail> =>
  runCaseCommand(ctx, caseNumber, version, {
    command: 'takeCharge',
    action: 'TAKE_CHARGE',
    notes: body ?? {},
  });
