/**
 * 'mail.send': delivers one mail_outbox row. Locked while sending; a row already SENT or KEPT is left
 * alone, so a repeated event sends nothing. An SMTP failure throws: the outbox retries with back-off.
 * Without SMTP the mail is KEPT for the administrator (GET /api/admin/mail-outbox).
 */
import { eq } from 'drizzle-orm';
import { mailOutbox } from '../db/schema.js';
import type { OutboxHandler } from '../jobs/outbox-handler.js';
import type { Mailer } from './mailer.js';

export const MAIL_SEND = 'mail.send';

export function mailSendHandler(mailer: Mailer | null): OutboxHandler {
  return async (tx, payload) => {
    const id = Number(payload.mailId);
    const [mail] = await tx.select().from(mailOutbox).where(eq(mailOutbox.id, id)).for('update');
    if (!mail || mail.status !== 'PENDING') return;
    if (!mailer) {
      await tx.update(mailOutbox).set({ status: 'KEPT' }).where(eq(mailOutbox.id, id));
      return;
    }
    await mailer.send({ to: mail.toAddress, subject: mail.subject, text: mail.body, messageId: `<mail-${mail.id}-${mail.eventId}@esenzioni.invalid>` });
    await tx.update(mailOutbox).set({ status: 'SENT', sentAt: new Date() }).where(eq(mailOutbox.id, id));
  };
}
