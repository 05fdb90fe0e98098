/**
 * Writes one notification (and, when the person has an e-mail address, one mail and its 'mail.send'
 * event) for a recipient of an outbox event. Keyed on (event id, recipient): a re-run writes nothing.
 * One statement (repositories/notifications.ts writeNotification).
 */
import type { Tx } from '../db/client.js';
import { writeNotification, type NotificationKind } from '../db/repositories/notifications.js';
import { mailOf } from './texts.js';

export interface Delivery {
  eventId: number;
  recipientFiscalCode: string;
  kind: NotificationKind;
  caseNumber: string;
  text: string;
  /** at most one notification per key (e.g. one "consultata" per case and day) */
  dedupeKey?: string;
  mail: boolean;
  /** an operator's notification (issue 17 §6): never mailed */
  audience?: 'CITIZEN' | 'STAFF';
}

export async function deliver(tx: Tx, d: Delivery): Promise<void> {
  await writeNotification(tx, {
    eventId: d.eventId,
    recipientFiscalCode: d.recipientFiscalCode,
    kind: d.kind,
    caseNumber: d.caseNumber,
    text: d.text,
    dedupeKey: d.dedupeKey ?? null,
    mail: d.mail && d.audience !== 'STAFF' ? mailOf(d.text, d.caseNumber) : null,
    audience: d.audience ?? 'CITIZEN',
  });
}
