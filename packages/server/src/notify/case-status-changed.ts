/**
 * 'case.status-changed' (written by createCase and runCaseCommand): tells the beneficiary, and the
 * delegate who sent the case or acted on it while their delegation is still in force; and, in the
 * backoffice (issue 17 §6), the doctor or counter operator who sent it how it ended, and the district
 * operator who had it in charge that a colleague decided it.
 */
import { EVENT_TYPES, todayInRome } from '@esenzioni/domain';
import { recipientsOfCase } from '../db/repositories/cases.js';
import { hasActiveDelegation } from '../db/repositories/delegations.js';
import { deliver } from './deliver.js';
import { staffStatusText, statusText } from './texts.js';
import { typedHandler } from './typed-handler.js';

export const onCaseStatusChanged = typedHandler(EVENT_TYPES.caseStatusChanged, async (tx, payload, event) => {
  const { caseNumber, status } = payload;
  const c = await recipientsOfCase(tx, caseNumber);
  if (!c) return;
  const beneficiary = c.beneficiaryFiscalCode;
  // the expiry reminders (jobs/expiry.ts): once per case, state and recipient, whatever re-runs them
  const reminderKey = (to: string) =>
    status === 'EXPIRING' || status === 'EXPIRED'
      ? { dedupeKey: `expiry:${status}:${caseNumber}:${to}` }
      : {};
  await deliver(tx, {
    eventId: event.id,
    recipientFiscalCode: beneficiary,
    kind: 'CASE_STATUS_CHANGED',
    caseNumber,
    text: statusText(status, caseNumber, null),
    ...reminderKey(beneficiary),
    mail: true,
  });
  const delegates = new Set<string>();
  if (payload.actorRole === 'CITIZEN') delegates.add(payload.actorFiscalCode);
  if (c.submitterType === 'DELEGATE') delegates.add(c.submitterFiscalCode);
  delegates.delete(beneficiary);
  const today = todayInRome();
  for (const delegate of delegates) {
    if (!(await hasActiveDelegation(tx, beneficiary, delegate, today))) continue;
    await deliver(tx, {
      eventId: event.id,
      recipientFiscalCode: delegate,
      kind: 'CASE_STATUS_CHANGED',
      caseNumber,
      text: statusText(status, caseNumber, {
        firstName: c.beneficiaryFirstName,
        lastName: c.beneficiaryLastName,
      }),
      ...reminderKey(delegate),
      mail: true,
    });
  }
  // the operators' own notifications: never mailed, never to whoever acted
  const staff: Array<{ to: string; relation: 'sent' | 'inCharge' }> = [];
  if (c.submitterType === 'DOCTOR' || c.submitterType === 'OPERATOR')
    staff.push({ to: c.submitterFiscalCode, relation: 'sent' });
  if (c.inChargeFiscalCode) staff.push({ to: c.inChargeFiscalCode, relation: 'inCharge' });
  for (const { to, relation } of staff) {
    const text = staffStatusText(status, caseNumber, relation);
    if (!text || to === payload.actorFiscalCode) continue;
    await deliver(tx, {
      eventId: event.id,
      recipientFiscalCode: to,
      kind: 'CASE_STATUS_CHANGED',
      caseNumber,
      text,
      mail: false,
      audience: 'STAFF',
    });
  }
});
