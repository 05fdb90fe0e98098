/**
 * The reminder on an exemption's last valid day (issue 11 §2: "30 days before and on the day of
 * expiry, once each"): the expiry sweep writes the event, the handler tells the beneficiary in the app
 * and by e-mail. Once per case and recipient, however often the sweep runs that day or the event is
 * delivered again (dedupe key).
 */
import { EVENT_TYPES, exemptionLastDay } from '@esenzioni/domain';
import type { Tx } from '../db/client.js';
import { notificationWithKeyExists } from '../db/repositories/notifications.js';
import { appendEvent, isEventPending } from '../db/repositories/outbox.js';
import { deliver } from './deliver.js';
import { lastDayText } from './texts.js';
import { typedHandler } from './typed-handler.js';

export const lastDayKeyOf = (caseNumber: string, to: string) => `expiry:LAST_DAY:${caseNumber}:${to}`;

/** Called by the expiry sweep on the last valid day; skips the event when the reminder is already written. */
export async function emitLastDayReminder(
  tx: Tx,
  c: { caseNumber: string; beneficiaryFiscalCode: string },
  day: string,
): Promise<boolean> {
  if (await notificationWithKeyExists(tx, lastDayKeyOf(c.caseNumber, c.beneficiaryFiscalCode))) return false;
  const event = exemptionLastDay({
    caseNumber: c.caseNumber,
    beneficiaryFiscalCode: c.beneficiaryFiscalCode,
    day,
  });
  // a second run of the sweep before the worker delivered the first one's event
  if (await isEventPending(tx, event)) return false;
  await appendEvent(tx, event);
  return true;
}

export const onExemptionLastDay = typedHandler(EVENT_TYPES.exemptionLastDay, async (tx, payload, event) => {
  await deliver(tx, {
    eventId: event.id,
    recipientFiscalCode: payload.beneficiaryFiscalCode,
    kind: 'CASE_STATUS_CHANGED',
    caseNumber: payload.caseNumber,
    text: lastDayText(payload.caseNumber),
    dedupeKey: lastDayKeyOf(payload.caseNumber, payload.beneficiaryFiscalCode),
    mail: true,
  });
});
