/**
 * 'mail.send': delivers one mail_outbox row, outside any database transaction (a hung SMTP server holds
 * no connection). The row is read, the mail sent with a Message-ID fixed per row (a repeat after a crash
 * between send and record is recognisable by the receiver), and SENT is recorded with the event. A row
 * already SENT, KEPT or DEAD is left alone, so a repeated event sends nothing. Without SMTP the mail is
 * KEPT for the administrator (GET /api/admin/mail-outbox). A failure throws DeliveryError: the outbox
 * retries transient ones and makes permanent ones (and the last attempt) dead letters: the row is DEAD.
 */
import { and, eq } from 'drizzle-orm';
import { mailOutbox } from '../db/schema.js';
import type { ExternalDelivery } from '../jobs/outbox-handler.js';
import type { Mailer } from './mailer.js';

export const MAIL_SEND = 'mail.send';

const mailIdOf = (payload: Record<string, unknown>) => Number(payload.mailId);

export function mailSendHandler(mailer: Mailer | null): ExternalDelivery {
  return {
    // without SMTP there is no network call: kept in the processing transaction, one statement
    ...(mailer
      ? {}
      : {
          inTransaction: async (tx, payload) =>
            void (await tx
              .update(mailOutbox)
              .set({ status: 'KEPT' })
              .where(and(eq(mailOutbox.id, mailIdOf(payload)), eq(mailOutbox.status, 'PENDING')))),
        }),
    deliver: async (db, payload) => {
      const id = mailIdOf(payload);
      const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
      if (!mail || mail.status !== 'PENDING') return undefined;
      const pending = and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'PENDING'));
      if (!mailer) return async (tx) => void (await tx.update(mailOutbox).set({ status: 'KEPT' }).where(pending));
      await mailer.send({ to: mail.toAddress, subject: mail.subject, text: mail.body, messageId: `<mail-${mail.id}-${mail.eventId}@esenzioni.invalid>` });
      return async (tx) => void (await tx.update(mailOutbox).set({ status: 'SENT', sentAt: new Date(), lastError: null }).where(pending));
    },
    onDead: async (tx, payload, reason) => {
      await tx
        .update(mailOutbox)
        .set({ status: 'DEAD', lastError: reason })
        .where(and(eq(mailOutbox.id, mailIdOf(payload)), eq(mailOutbox.status, 'PENDING')));
    },
    onRetry: async (tx, payload) => {
      await tx
        .update(mailOutbox)
        .set({ status: 'PENDING', lastError: null })
        .where(and(eq(mailOutbox.id, mailIdOf(payload)), eq(mailOutbox.status, 'DEAD')));
    },
  };
}
