/**
 * «Annulla esenzione» (issue 11 §4): the correction of an exemption validated by mistake. The case
 * becomes «Annullata» and its registry row is withdrawn for every date (revoked_at, which the one "in
 * force on date D" rule excludes): the exemption is treated as never held. One transaction with the
 * history row and the citizen's event (runCaseCommand).
 */
import { CASE_COMMAND_CATALOGUE, type CaseCommandBody, type CaseDetail } from '@esenzioni/domain';
import { runCaseCommand } from './run-case-command.js';
import type { UseCaseContext } from '../context.js';

export const annulExemption = (
  ctx: UseCaseContext,
  caseNumber: string,
  version: number | undefined,
  body: CaseCommandBody<'annul'>,
): Promise<CaseDetail> =>
  runCaseCommand(ctx, caseNumber, version, {
    entry: CASE_COMMAND_CATALOGUE.annul,
    notes: body ?? {},
    endExemption: (_c, at) => ({ annulledAt: at }),
  });
