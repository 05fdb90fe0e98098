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
import { EVENT_TYPES, parsePayload } from '@esenzioni/domain';
import { DeliveryError } from '../jobs/outbox-handler.js';
import type { ExternalDelivery } from '../jobs/outbox-handler.js';
import { mailStatus, moveMail } from '../db/repositories/notifications.js';
import type { Db } from '../db/client.js';
import type { Mailer } from './mailer.js';
import { payloadOf } from './typed-handler.js';

export const MAIL_SEND = EVENT_TYPES.mailSend;

/** The mail row of the event; a payload that does not parse is a permanent failure (dead letter). */
const mailIdOf = (payload: unknown) => payloadOf(MAIL_SEND, payload).mailId;

/** The mail row of a dead or retried event, if its payload names one (a bad payload has none to update). */
const mailIdIfAny = (payload: unknown) => {
  const r = parsePayload(MAIL_SEND, payload);
  return r.ok ? r.payload.mailId : undefined;
};

/** The row was not PENDING: SENT, KEPT, DEAD or gone (nothing to do), or SENDING (another process). */
async function whyNotMine(db: Db, id: number): Promise<undefined> {
  if ((await mailStatus(db, id)) === 'SENDING')
    throw new DeliveryError(false, 'invio già in corso in un altro processo');
  return undefined;
}

export function mailSendHandler(mailer: Mailer | null): ExternalDelivery {
  return {
    // without SMTP there is no network call: kept in the processing transaction, one statement
    ...(mailer
      ? {}
      : {
          inTransaction: async (tx, payload) =>
            void (await moveMail(tx, mailIdOf(payload), 'PENDING', { status: 'KEPT' })),
        }),
    deliver: async (db, payload) => {
      const id = mailIdOf(payload);
      if (!mailer) return async (tx) => void (await moveMail(tx, id, 'PENDING', { status: 'KEPT' }));
      // the compare-and-set that makes this process the only sender
      const mail = await moveMail(db, id, 'PENDING', { status: 'SENDING' });
      if (!mail) return whyNotMine(db, id);
      try {
        await mailer.send({
          to: mail.toAddress,
          subject: mail.subject,
          text: mail.body,
          messageId: `<mail-${mail.id}-${mail.eventId}@esenzioni.invalid>`,
        });
      } catch (e) {
        // not sent: back to PENDING (autocommit), so whoever owns the event next may send it
        await moveMail(db, id, 'SENDING', { status: 'PENDING' });
        throw e;
      }
      return async (tx) =>
        void (await moveMail(tx, id, 'SENDING', { status: 'SENT', sentAt: new Date(), lastError: null }));
    },
    onDead: async (tx, payload, reason) => {
      const id = mailIdIfAny(payload);
      // SENDING too: left by a process that died mid-send, only the administrator may send it again
      if (id !== undefined)
        await moveMail(tx, id, ['PENDING', 'SENDING'], { status: 'DEAD', lastError: reason });
    },
    onRetry: async (tx, payload) => {
      const id = mailIdIfAny(payload);
      if (id !== undefined) await moveMail(tx, id, 'DEAD', { status: 'PENDING', lastError: null });
    },
  };
}
