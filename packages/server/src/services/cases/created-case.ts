/** After a case is created: the audit row for the data the response returns, and the detail. */
import type { CaseDetail } from '@esenzioni/domain';
import type { Tx } from '../../db/client.js';
import { findCaseById } from '../../db/repositories/cases.js';
import { recordAccess } from '../../audit/access-log.js';
import { buildCaseDetail } from './case-detail.js';
import { nowOf, type UseCaseContext } from '../context.js';

export async function createdCaseDetail(tx: Tx, ctx: UseCaseContext, caseId: number): Promise<CaseDetail> {
  const row = await findCaseById(tx, caseId);
  if (!row) throw new Error('created case not found');
  await recordAccess(
    tx,
    ctx.actor,
    'SUBMIT',
    [{ personFiscalCode: row.beneficiaryFiscalCode, caseNumber: row.caseNumber }],
    ctx.correlationId,
  );
  return buildCaseDetail(tx, row, nowOf(ctx));
}
