/**
 * "Un operatore ha consultato la tua pratica" (CSI notification B9): when a district operator opens a
 * case, the beneficiary is told, at most once per case and day (Europe/Rome). In-app only.
 */
import { EVENT_TYPES, caseViewed, todayInRome } from '@esenzioni/domain';
import type { Tx } from '../db/client.js';
import { notificationWithKeyExists } from '../db/repositories/notifications.js';
import { appendEvent } from '../db/repositories/outbox.js';
import { deliver } from './deliver.js';
import { viewedText } from './texts.js';
import { typedHandler } from './typed-handler.js';

const dedupeKeyOf = (caseNumber: string, day: string) => `case-viewed:${caseNumber}:${day}`;

/** Called by the audited read of a case; skips the event when today's notice is already written. */
export async function emitCaseViewed(
  tx: Tx,
  c: { caseNumber: string; beneficiaryFiscalCode: string },
  at: Date,
): Promise<void> {
  const day = todayInRome(at);
  if (await notificationWithKeyExists(tx, dedupeKeyOf(c.caseNumber, day))) return;
  await appendEvent(
    tx,
    caseViewed({ caseNumber: c.caseNumber, beneficiaryFiscalCode: c.beneficiaryFiscalCode, day }),
  );
}

export const onCaseViewed = typedHandler(EVENT_TYPES.caseViewed, async (tx, payload, event) => {
  await deliver(tx, {
    eventId: event.id,
    recipientFiscalCode: payload.beneficiaryFiscalCode,
    kind: 'CASE_VIEWED',
    caseNumber: payload.caseNumber,
    text: viewedText(payload.caseNumber),
    dedupeKey: dedupeKeyOf(payload.caseNumber, payload.day),
    mail: false,
  });
});
