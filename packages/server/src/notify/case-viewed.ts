/**
 * "Un operatore ha consultato la tua pratica" (CSI notification B9): when a district operator opens a
 * case, the beneficiary is told, at most once per case and day (Europe/Rome). In-app only.
 */
import { eq } from 'drizzle-orm';
import { todayInRome } from '@esenzioni/domain';
import type { Tx } from '../db/client.js';
import { notification, outbox } from '../db/schema.js';
import type { OutboxHandler } from '../jobs/outbox-handler.js';
import { deliver } from './deliver.js';
import { viewedText } from './texts.js';

export const CASE_VIEWED = 'case.viewed';

const dedupeKeyOf = (caseNumber: string, day: string) => `case-viewed:${caseNumber}:${day}`;

/** Called by the audited read of a case; skips the event when today's notice is already written. */
export async function emitCaseViewed(
  tx: Tx,
  c: { caseNumber: string; beneficiaryFiscalCode: string },
  at: Date,
): Promise<void> {
  const day = todayInRome(at);
  const done = await tx
    .select({ id: notification.id })
    .from(notification)
    .where(eq(notification.dedupeKey, dedupeKeyOf(c.caseNumber, day)))
    .limit(1);
  if (done.length) return;
  await tx.insert(outbox).values({
    eventType: CASE_VIEWED,
    payload: { caseNumber: c.caseNumber, beneficiaryFiscalCode: c.beneficiaryFiscalCode, day },
  });
}

export const onCaseViewed: OutboxHandler = async (tx, payload, event) => {
  const caseNumber = String(payload.caseNumber ?? '');
  await deliver(tx, {
    eventId: event.id,
    recipientFiscalCode: String(payload.beneficiaryFiscalCode ?? ''),
    kind: 'CASE_VIEWED',
    caseNumber,
    text: viewedText(caseNumber),
    dedupeKey: dedupeKeyOf(caseNumber, String(payload.day ?? '')),
    mail: false,
  });
};
