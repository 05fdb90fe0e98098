/** The outbox handlers of notifications and e-mail, given the mailer (null: e-mails are kept, not sent). */
import { EVENT_TYPES, type EventType } from '@esenzioni/domain';
import type { ExternalDelivery, OutboxHandler } from '../jobs/outbox-handler.js';
import { onCaseStatusChanged } from './case-status-changed.js';
import { onCaseViewed } from './case-viewed.js';
import { onExemptionLastDay } from './exemption-last-day.js';
import { mailSendHandler } from './mail-send.js';
import { onMefExemptionEnded } from './mef-exemption-ended.js';
import type { Mailer } from './mailer.js';

/** One handler per event type of the domain's union: a new event type does not compile without one. */
export function notificationHandlers(
  mailer: Mailer | null,
): Record<EventType, OutboxHandler | ExternalDelivery> {
  return {
    [EVENT_TYPES.caseStatusChanged]: onCaseStatusChanged,
    [EVENT_TYPES.caseViewed]: onCaseViewed,
    [EVENT_TYPES.exemptionLastDay]: onExemptionLastDay,
    [EVENT_TYPES.mailSend]: mailSendHandler(mailer),
    [EVENT_TYPES.mefExemptionEnded]: onMefExemptionEnded,
  };
}
