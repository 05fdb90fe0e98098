/** Presa in carico (manual §4): INVIATA → IN LAVORAZIONE. */
import { CASE_COMMAND_CATALOGUE, type CaseCommandBody, type CaseDetail } from '@esenzioni/domain';
import { runCaseCommand } from './run-case-command.js';
import type { UseCaseContext } from '../context.js';

export const takeCharge = (
  ctx: UseCaseContext,
  caseNumber: string,
  version: number | undefined,
  body: CaseCommandBody<'takeCharge'>,
): Promise<CaseDetail> =>
  runCaseCommand(ctx, caseNumber, version, { entry: CASE_COMMAND_CATALOGUE.takeCharge, notes: body ?? {} });
