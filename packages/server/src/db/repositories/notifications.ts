/**
 * SQL for notifications and the mail outbox: writing a notification (and its mail and 'mail.send'
 * event) for a recipient of an outbox event, the citizen's list, marking read, and the mail rows'
 * compare-and-set states (PENDING → SENDING → SENT, KEPT, DEAD).
 */
import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import {
  EVENT_TYPES,
  type MAIL_STATUSES,
  type NOTIFICATION_KINDS,
  type NotificationAudience,
} from '@esenzioni/domain';
import type { Db, Tx } from '../client.js';
import { exemptionCase, mailOutbox, notification } from '../schema.js';

export type NotificationRow = typeof notification.$inferSelect;
export type MailRow = typeof mailOutbox.$inferSelect;
export type MailStatus = (typeof MAIL_STATUSES)[number];
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NewNotification {
  eventId: number;
  recipientFiscalCode: string;
  kind: NotificationKind;
  /** null: a notification about no case (a MEF-list exemption ended, issue 12) */
  caseNumber: string | null;
  text: string;
  /** at most one notification per key (e.g. one "consultata" per case and day) */
  dedupeKey: string | null;
  /** the mail too, when the recipient has an address */
  mail: { subject: string; body: string } | null;
  /** a citizen's (default) or an operator's notification (issue 17 §6) */
  audience?: NotificationAudience;
}

/**
 * The notification, and, only when it is new (a re-run of the event, or a dedupe hit, writes nothing)
 * and the recipient has an address, the mail and its 'mail.send' event. One statement (data-modifying
 * CTEs): the outbox drains hundreds of events a second, and each round trip counts.
 */
export async function writeNotification(tx: Tx, n: NewNotification): Promise<void> {
  await tx.execute(sql`
    with written as (
      insert into notification (event_id, recipient_fiscal_code, kind, case_number, text, dedupe_key, audience)
      values (${n.eventId}, ${n.recipientFiscalCode}, ${n.kind}, ${n.caseNumber}, ${n.text}, ${n.dedupeKey},
              ${n.audience ?? 'CITIZEN'})
      on conflict do nothing
      returning id
    ), mail as (
      insert into mail_outbox (event_id, recipient_fiscal_code, to_address, subject, body)
      select ${n.eventId}, p.fiscal_code, p.email, ${n.mail?.subject ?? ''}, ${n.mail?.body ?? ''}
        from person p
       where ${n.mail !== null} and p.fiscal_code = ${n.recipientFiscalCode} and coalesce(p.email, '') <> ''
         and exists (select 1 from written)
      on conflict do nothing
      returning id
    )
    insert into outbox (event_type, payload)
    select ${EVENT_TYPES.mailSend}, jsonb_build_object('mailId', mail.id) from mail`);
}

export async function notificationWithKeyExists(tx: Tx, dedupeKey: string): Promise<boolean> {
  const found = await tx
    .select({ id: notification.id })
    .from(notification)
    .where(eq(notification.dedupeKey, dedupeKey))
    .limit(1);
  return found.length > 0;
}

/** A citizen's (or an operator's) newest notifications and how many are unread. */
export async function notificationsOf(
  db: Tx,
  recipientFiscalCode: string,
  audience: NotificationAudience,
  limit: number,
): Promise<{ rows: NotificationRow[]; unread: number }> {
  const mine = and(
    eq(notification.recipientFiscalCode, recipientFiscalCode),
    eq(notification.audience, audience),
  );
  const [rows, [unread]] = await Promise.all([
    db.select().from(notification).where(mine).orderBy(desc(notification.id)).limit(limit),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(notification)
      .where(and(mine, isNull(notification.readAt))),
  ]);
  return { rows, unread: Number(unread?.n ?? 0) };
}

/** Marks the recipient's notification read (the first reading time is kept); undefined: not theirs. */
export async function markRead(
  db: Tx,
  id: number,
  recipientFiscalCode: string,
  audience: NotificationAudience,
  at: Date,
): Promise<NotificationRow | undefined> {
  const [row] = await db
    .update(notification)
    .set({ readAt: sql`coalesce(${notification.readAt}, ${at.toISOString()}::timestamptz)` })
    .where(
      and(
        eq(notification.id, id),
        eq(notification.recipientFiscalCode, recipientFiscalCode),
        eq(notification.audience, audience),
      ),
    )
    .returning();
  return row;
}

/** Of `caseNumbers`, the cases whose beneficiary is not `me`, with that beneficiary. */
export async function othersCases(
  db: Tx,
  caseNumbers: readonly string[],
  me: string,
): Promise<Array<{ caseNumber: string; fiscalCode: string }>> {
  if (!caseNumbers.length) return [];
  return db
    .select({ caseNumber: exemptionCase.caseNumber, fiscalCode: exemptionCase.beneficiaryFiscalCode })
    .from(exemptionCase)
    .where(
      and(inArray(exemptionCase.caseNumber, [...caseNumbers]), ne(exemptionCase.beneficiaryFiscalCode, me)),
    );
}

// ---------------------------------------------------------------- mail outbox

export async function listMails(
  db: Tx,
  q: { status?: MailStatus | undefined; limit: number },
): Promise<MailRow[]> {
  return db
    .select()
    .from(mailOutbox)
    .where(q.status ? eq(mailOutbox.status, q.status) : undefined)
    .orderBy(desc(mailOutbox.id))
    .limit(q.limit);
}

export async function mailStatus(db: Db | Tx, id: number): Promise<MailStatus | undefined> {
  const [mail] = await db.select({ status: mailOutbox.status }).from(mailOutbox).where(eq(mailOutbox.id, id));
  return mail?.status;
}

/**
 * Moves a mail row from one status to another, only if it is in `from` (compare-and-set): the row
 * when it moved, undefined when it was not in `from` (another process has it, or it is done).
 */
export async function moveMail(
  db: Db | Tx,
  id: number,
  from: MailStatus | readonly MailStatus[],
  to: { status: MailStatus; sentAt?: Date; lastError?: string | null },
): Promise<MailRow | undefined> {
  const inFrom =
    typeof from === 'string' ? eq(mailOutbox.status, from) : inArray(mailOutbox.status, [...from]);
  const [row] = await db
    .update(mailOutbox)
    .set(to)
    .where(and(eq(mailOutbox.id, id), inFrom))
    .returning();
  return row;
}
