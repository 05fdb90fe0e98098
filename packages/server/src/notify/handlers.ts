/**
 * The outbox handlers of notifications, e-mail and the interoperability channels, given the mailer (null:
 * e-mails are kept, not sent) and the regional registry and App IO adapters (absent: nothing is pushed
 * nor sent, and no event for them is written).
 */
import { EVENT_TYPES, type EventType } from '@esenzioni/domain';
import type { AppIoPort } from '../interop/app-io-client.js';
import type { RegistryPort } from '../interop/registry-client.js';
import type { ExternalDelivery, OutboxHandler } from '../jobs/outbox-handler.js';
import { appIoDelivery, withAppIo } from './app-io-send.js';
import { onCaseStatusChanged } from './case-status-changed.js';
import { onCaseViewed } from './case-viewed.js';
import { onExemptionLastDay } from './exemption-last-day.js';
import { mailSendHandler } from './mail-send.js';
import { onMefExemptionEnded } from './mef-exemption-ended.js';
import type { Mailer } from './mailer.js';
import { registryPushDelivery, withRegistryPush } from './registry-push.js';

export interface InteropChannels {
  /** issue 14: the regional registry the exemptions' changes are pushed to */
  registry?: { port: RegistryPort; maxAttempts?: number } | null;
  /** issue 14: App IO, a notification channel beside e-mail */
  appIo?: AppIoPort | null;
}

/** One handler per event type of the domain's union: a new event type does not compile without one. */
export function notificationHandlers(
  mailer: Mailer | null,
  channels: InteropChannels = {},
): Record<EventType, OutboxHandler | ExternalDelivery> {
  const io = (h: OutboxHandler) => (channels.appIo ? withAppIo(h) : h);
  const statusChanged = channels.registry ? withRegistryPush(onCaseStatusChanged) : onCaseStatusChanged;
  return {
    [EVENT_TYPES.caseStatusChanged]: io(statusChanged),
    [EVENT_TYPES.caseViewed]: io(onCaseViewed),
    [EVENT_TYPES.exemptionLastDay]: io(onExemptionLastDay),
    [EVENT_TYPES.mailSend]: mailSendHandler(mailer),
    [EVENT_TYPES.mefExemptionEnded]: io(onMefExemptionEnded),
    [EVENT_TYPES.registryCoverageChanged]: registryPushDelivery(
      channels.registry?.port ?? null,
      channels.registry?.maxAttempts,
    ),
    [EVENT_TYPES.appIoSend]: appIoDelivery(channels.appIo ?? null),
  };
}
