/**
 * «Revoca» of an issued exemption (issue 11 §4) by a district operator of its ASL: a typed reason, the
 * last day it holds (default today; within its period), the notes and, «con blocco», a block on new
 * requests for the code until an operator lifts it. The new state, its history row, the registry row's
 * new end, the block and the citizen's event commit together (runCaseCommand).
 */
import {
  CASE_COMMAND_CATALOGUE,
  revocationLastDay,
  todayInRome,
  type CaseCommandBody,
  type CaseDetail,
} from '@esenzioni/domain';
import { insertBlock } from '../../db/repositories/blocks.js';
import { runCaseCommand } from './run-case-command.js';
import { nowOf, type UseCaseContext } from '../context.js';

export const revokeCase = (
  ctx: UseCaseContext,
  caseNumber: string,
  version: number | undefined,
  body: CaseCommandBody<'revoke'>,
): Promise<CaseDetail> => {
  let lastDay: string | undefined;
  const lastDayOf = (c: { validFrom: string | null; validUntil: string | null }) =>
    (lastDay ??= revocationLastDay(c, body.endDate, todayInRome(nowOf(ctx))));
  return runCaseCommand(ctx, caseNumber, version, {
    entry: CASE_COMMAND_CATALOGUE.revoke,
    notes: body,
    // the end date is checked once the case and its state are known (404 and 412 come first)
    guard: async (_tx, c) => {
      lastDayOf(c);
    },
    finalSet: async (tx, c, at) => {
      if (body.block) {
        await insertBlock(tx, {
          fiscalCode: c.beneficiaryFiscalCode,
          exemptionCode: c.exemptionCode,
          caseId: c.id,
          aslId: c.aslId,
          blockedAt: at,
          blockedBy: ctx.actor.fiscalCode ?? '',
        });
      }
      return { revocationReason: body.reason, revokedAt: at, validUntil: lastDayOf(c) };
    },
    endExemption: (c) => ({ revokeOn: lastDayOf(c) }),
  });
};
