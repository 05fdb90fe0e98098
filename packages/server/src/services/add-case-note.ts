/** Nota Beneficiario / Nota Interna on an open case, without changing its state. */
import type { CaseDetail, NotesBody } from '@esenzioni/domain';
import { runCaseCommand } from './run-case-command.js';
import type { UseCaseContext } from './context.js';

export const addCaseNote = (
  ctx: UseCaseContext,
  caseNumber: string,
  version: number | undefined,
  body: NotesBody,
): Promise<CaseDetail> =>
  runCaseCommand(ctx, caseNumber, version, { command: 'addNote', action: 'ADD_NOTE', notes: body });
