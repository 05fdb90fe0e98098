/**
 * Writes one notification (and, when the person has an e-mail address, one mail and its 'mail.send'
 * event) for a recipient of an outbox event. Keyed on (event id, recipient): a re-run writes nothing.
 * One statement (data-modifying CTEs): the outbox drains hundreds of events a second, and each round
 * trip counts.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
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
  const { subject, body } = mailOf(d.text, d.caseNumber);
  // the mail only when the notification is new (a re-run of the event, or a dedupe hit, writes nothing)
  // and the recipient has an address
  await tx.execute(sql`
    with written as (
      insert into notification (event_id, recipient_fiscal_code, kind, case_number, text, dedupe_key)
      values (${d.eventId}, ${d.recipientFiscalCode}, ${d.kind}, ${d.caseNumber}, ${d.text}, ${d.dedupeKey ?? null})
      on conflict do nothing
      returning id
    ), mail as (
      insert into mail_outbox (event_id, recipient_fiscal_code, to_address, subject, body)
      select ${d.eventId}, p.fiscal_code, p.email, ${subject}, ${body}
        from person p
       where ${d.mail} and p.fiscal_code = ${d.recipientFiscalCode} and coalesce(p.email, '') <> ''
         and exists (select 1 from written)
      on conflict do nothing
      returning id
    )
    insert into outbox (event_type, payload) select ${MAIL_SEND}, jsonb_build_object('mailId', mail.id) from mail`);
}
