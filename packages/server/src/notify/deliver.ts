/**
 * Writes one notification (and, when the person has an e-mail address, one mail and its 'mail.send'
 * event) for a recipient of an outbox event. Keyed on (event id, recipient): a re-run writes nothing.
 */
import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { mailOutbox, notification, outbox, person } from '../db/schema.js';
import { MAIL_SEND } from './mail-send.js';
import { mailOf } from './texts.js';

export interface Delivery {
  eventId: number;
  recipientFiscalCode: string;
  kind: 'CASE_STATUS_CHANGED' | 'CASE_VIEWED';
  caseNumber: string;
  text: string;
  /** at most one notification per key (e.g. one "consultata" per case and day) */
  dedupeKey?: string;
  mail: boolean;
}

export async function deliver(tx: Tx, d: Delivery): Promise<void> {
  const written = await tx
    .insert(notification)
    .values({
      eventId: d.eventId,
      recipientFiscalCode: d.recipientFiscalCode,
      kind: d.kind,
      caseNumber: d.caseNumber,
      text: d.text,
      dedupeKey: d.dedupeKey ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: notification.id });
  if (!written.length || !d.mail) return;
  const [who] = await tx.select({ email: person.email }).from(person).where(eq(person.fiscalCode, d.recipientFiscalCode));
  if (!who?.email) return;
  const { subject, body } = mailOf(d.text, d.caseNumber);
  const [mail] = await tx
    .insert(mailOutbox)
    .values({ eventId: d.eventId, recipientFiscalCode: d.recipientFiscalCode, toAddress: who.email, subject, body })
    .onConflictDoNothing()
    .returning({ id: mailOutbox.id });
  if (mail) await tx.insert(outbox).values({ eventType: MAIL_SEND, payload: { mailId: mail.id } });
}
