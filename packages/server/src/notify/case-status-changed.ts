/**
 * 'case.status-changed' (written by createCase and runCaseCommand): tells the beneficiary, and the
 * delegate who sent the case or acted on it while their delegation is still in force.
 */
import { eq } from 'drizzle-orm';
import { todayInRome, type CaseStatus } from '@esenzioni/domain';
import { delegation, exemptionCase } from '../db/schema.js';
import type { OutboxHandler } from '../jobs/outbox-handler.js';
import { activeDelegationWhere } from '../services/acting-for.js';
import { deliver } from './deliver.js';
import { statusText } from './texts.js';

export const CASE_STATUS_CHANGED = 'case.status-changed';

export const onCaseStatusChanged: OutboxHandler = async (tx, payload, event) => {
  const caseNumber = String(payload.caseNumber ?? '');
  const status = payload.status as CaseStatus;
  // only the columns the texts and recipients need (the outbox drains hundreds of these a second)
  const [c] = await tx
    .select({
      beneficiaryFiscalCode: exemptionCase.beneficiaryFiscalCode,
      beneficiaryFirstName: exemptionCase.beneficiaryFirstName,
      beneficiaryLastName: exemptionCase.beneficiaryLastName,
      submitterType: exemptionCase.submitterType,
      submitterFiscalCode: exemptionCase.submitterFiscalCode,
    })
    .from(exemptionCase)
    .where(eq(exemptionCase.caseNumber, caseNumber));
  if (!c) return;
  const beneficiary = c.beneficiaryFiscalCode;
  await deliver(tx, {
    eventId: event.id,
    recipientFiscalCode: beneficiary,
    kind: 'CASE_STATUS_CHANGED',
    caseNumber,
    text: statusText(status, caseNumber, null),
    mail: true,
  });
  const delegates = new Set<string>();
  if (payload.actorRole === 'CITIZEN' && typeof payload.actorFiscalCode === 'string')
    delegates.add(payload.actorFiscalCode);
  if (c.submitterType === 'DELEGATE') delegates.add(c.submitterFiscalCode);
  delegates.delete(beneficiary);
  const today = todayInRome();
  for (const delegate of delegates) {
    const active = await tx
      .select({ id: delegation.id })
      .from(delegation)
      .where(activeDelegationWhere(beneficiary, delegate, today))
      .limit(1);
    if (!active.length) continue;
    await deliver(tx, {
      eventId: event.id,
      recipientFiscalCode: delegate,
      kind: 'CASE_STATUS_CHANGED',
      caseNumber,
      text: statusText(status, caseNumber, {
        firstName: c.beneficiaryFirstName,
        lastName: c.beneficiaryLastName,
      }),
      mail: true,
    });
  }
};
