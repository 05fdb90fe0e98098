/**
 * App IO as a notification channel beside e-mail (issue 14; docs/interoperability.md).
 *
 * - `withAppIo` wraps a handler that writes notifications: in its transaction (exactly once) one
 *   'appio.send' event per notification it wrote.
 * - `appIoDelivery` sends it outside any transaction: the profile check first (no IO profile, or the
 *   person does not accept this service: nothing is sent, the event is done), then one message whose
 *   subject is fixed and whose body is the notification's sentence — which never names an exemption code,
 *   a condition or a diagnosis (notify/texts.ts) — and the sentence on privacy. Failures are retried with
 *   the outbox's back-off, then become dead letters. At least once: IO offers no idempotency key, so a
 *   crash between IO's answer and our record may send a message twice.
 */
import { EVENT_TYPES } from '@esenzioni/domain';
import { enqueueAppIoMessages, notificationForAppIo } from '../db/repositories/app-io.js';
import type { AppIoMessage, AppIoPort } from '../interop/app-io-client.js';
import type { ExternalDelivery, OutboxHandler } from '../jobs/outbox-handler.js';
import { payloadOf } from './typed-handler.js';

export const APP_IO_SUBJECT = 'Esenzioni ticket: aggiornamento per te';

/** The message of a notification: a fixed subject, the notification's sentence, no health data. */
export function appIoMessageOf(text: string): AppIoMessage {
  return {
    subject: APP_IO_SUBJECT,
    markdown: [
      text,
      'Per i dettagli accedi al portale **Esenzioni** con SPID o CIE.',
      'Per tutelare la tua riservatezza questo messaggio non contiene dati sanitari.',
    ].join('\n\n'),
  };
}

export function withAppIo(inner: OutboxHandler): OutboxHandler {
  return async (tx, payload, event) => {
    await inner(tx, payload, event);
    await enqueueAppIoMessages(tx, event.id);
  };
}

/** Without App IO (APP_IO_ENABLED off) an event is acknowledged: nothing is sent. */
export function appIoDelivery(appIo: AppIoPort | null): ExternalDelivery {
  if (!appIo) return { inTransaction: async () => undefined, deliver: async () => undefined };
  return {
    deliver: async (db, payload) => {
      const { notificationId } = payloadOf(EVENT_TYPES.appIoSend, payload);
      const n = await notificationForAppIo(db, notificationId);
      if (!n) return undefined;
      if (!(await appIo.senderAllowed(n.recipient_fiscal_code))) return undefined;
      await appIo.send(n.recipient_fiscal_code, appIoMessageOf(n.text));
      return undefined;
    },
  };
}
