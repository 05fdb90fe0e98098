/** Nota Beneficiario / Nota Interna on an open case, without changing its state. */
import { CASE_COMMAND_CATALOGUE, type CaseCommandBody, type CaseDetail } from '@esenzioni/domain';
import { runCaseCommand } from './run-case-command.js';
import type { UseCaseContext } from '../context.js';

export const addCaseNote = (
  ctx: UseCaseContext,
  caseNumber: string,
  version: number | undefined,
  body: CaseCommandBody<'addNote'>,
): Promise<CaseDetail> =>
  runCaseCommand(ctx, caseNumber, version, { entry: CASE_COMMAND_CATALOGUE.addNote, notes: body });
