/**
 * 'mail.send': delivers one mail_outbox row, outside any database transaction (a hung SMTP server holds
 * no connection). The row is read, the mail sent with a Message-ID fixed per row (a repeat after a crash
 * between send and record is recognisable by the receiver), and SENT is recorded with the event. A row
 * already SENT, KEPT or DEAD is left alone, so a repeated event sends nothing. Without SMTP the mail is
 * KEPT for the administrator (GET /api/admin/mail-outbox). A failure throws DeliveryError: the outbox
 * retries transient ones and makes permanent ones (and the last attempt) dead letters: the row is DEAD.
 *
 * Two processes can never both send one mail: before the SMTP call the row is switched from PENDING to
 * SENDING in one conditional statement (only one process wins it), and only that process records SENT
 * (or, when the send fails, puts the row back to PENDING for the next attempt). A process that finds the
 * row SENDING (another one is sending it: its lease ran out during a slow delivery) fails transiently
 * and the outbox retries later, when the row is SENT (nothing to do) or PENDING again. A row left
 * SENDING by a process that died mid-send is never sent again automatically (it might have been
 * delivered): the event becomes a dead letter after its last attempt and the administrator retries it.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { DeliveryError } from '../jobs/outbox-handler.js';
import { mailOutbox } from '../db/schema.js';
import type { ExternalDelivery } from '../jobs/outbox-handler.js';
import type { Db } from '../db/client.js';
import type { Mailer } from './mailer.js';

export const MAIL_SEND = 'mail.send';

const mailIdOf = (payload: Record<string, unknown>) => Number(payload.mailId);

/** The row was not PENDING: SENT, KEPT, DEAD or gone (nothing to do), or SENDING (another process). */
async function whyNotMine(db: Db, id: number): Promise<undefined> {
  const [mail] = await db.select({ status: mailOutbox.status }).from(mailOutbox).where(eq(mailOutbox.id, id));
  if (mail?.status === 'SENDING') throw new DeliveryError(false, 'invio già in corso in un altro processo');
  return undefined;
}

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
      const pending = and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'PENDING'));
      if (!mailer)
        return async (tx) => void (await tx.update(mailOutbox).set({ status: 'KEPT' }).where(pending));
      // the compare-and-set that makes this process the only sender
      const [mail] = await db.update(mailOutbox).set({ status: 'SENDING' }).where(pending).returning();
      if (!mail) return whyNotMine(db, id);
      const sending = and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'SENDING'));
      try {
        await mailer.send({
          to: mail.toAddress,
          subject: mail.subject,
          text: mail.body,
          messageId: `<mail-${mail.id}-${mail.eventId}@esenzioni.invalid>`,
        });
      } catch (e) {
        // not sent: back to PENDING (autocommit), so whoever owns the event next may send it
        await db.update(mailOutbox).set({ status: 'PENDING' }).where(sending);
        throw e;
      }
      return async (tx) =>
        void (await tx
          .update(mailOutbox)
          .set({ status: 'SENT', sentAt: new Date(), lastError: null })
          .where(sending));
    },
    onDead: async (tx, payload, reason) => {
      await tx
        .update(mailOutbox)
        .set({ status: 'DEAD', lastError: reason })
        // SENDING too: left by a process that died mid-send, only the administrator may send it again
        .where(and(eq(mailOutbox.id, mailIdOf(payload)), inArray(mailOutbox.status, ['PENDING', 'SENDING'])));
    },
    onRetry: async (tx, payload) => {
      await tx
        .update(mailOutbox)
        .set({ status: 'PENDING', lastError: null })
        .where(and(eq(mailOutbox.id, mailIdOf(payload)), eq(mailOutbox.status, 'DEAD')));
    },
  };
}
