/**
 * The logged-in citizen's notifications (newest first, with the unread count) and marking one read.
 * A delegate's notification names the delegator and the state of their case: each such row returned
 * is a read of another person's data, with its access-log row (issue 9).
 * An operator (issue 17 §6) reads their own backoffice notifications: a case number and what happened,
 * no name — nothing of a person is read, so no access-log row; opening the case is audited as always.
 */
import {
  forbidden,
  notificationNotFound,
  type NotificationAudience,
  type PortalNotification,
} from '@esenzioni/domain';
import {
  markRead,
  notificationsOf,
  othersCases,
  type NotificationRow as Row,
} from '../../db/repositories/notifications.js';
import { auditedRead, type Audit } from '../../audit/audited-read.js';
import type { Db } from '../../db/client.js';
import { nowOf, type UseCaseContext } from '../context.js';

/** Whose notifications: the citizen's own, or the operator's in the backoffice. */
function recipientOf(ctx: UseCaseContext): { me: string; audience: NotificationAudience } {
  const { actor } = ctx;
  if (!actor.fiscalCode) throw forbidden('Funzione riservata a chi accede con il proprio codice fiscale.');
  return { me: actor.fiscalCode, audience: actor.role === 'CITIZEN' ? 'CITIZEN' : 'STAFF' };
}

const view = (n: Row): PortalNotification => ({
  id: String(n.id),
  kind: n.kind,
  caseNumber: n.caseNumber,
  text: n.text,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt ? n.readAt.toISOString() : null,
});

/** Audits the notifications about another person's case (a delegator's) among `rows`. */
async function auditOthers(db: Db, audit: Audit, me: string, rows: Row[]): Promise<void> {
  const caseNumbers = [...new Set(rows.flatMap((n) => (n.caseNumber ? [n.caseNumber] : [])))];
  if (!caseNumbers.length) return;
  const others = await othersCases(db, caseNumbers, me);
  audit(
    'READ_PERSON',
    others.map((o) => ({ personFiscalCode: o.fiscalCode, caseNumber: o.caseNumber })),
  );
}

export async function listMyNotifications(
  ctx: UseCaseContext,
  limit = 100,
): Promise<{ unread: number; items: PortalNotification[] }> {
  const { me, audience } = recipientOf(ctx);
  return auditedRead(ctx, async (db, audit) => {
    const { rows, unread } = await notificationsOf(db, me, audience, limit);
    if (audience === 'CITIZEN') await auditOthers(db, audit, me, rows);
    return { unread, items: rows.map(view) };
  });
}

export async function markNotificationRead(ctx: UseCaseContext, id: number): Promise<PortalNotification> {
  const { me, audience } = recipientOf(ctx);
  return auditedRead(ctx, async (db, audit) => {
    const row = await markRead(db, id, me, audience, nowOf(ctx));
    if (!row) throw notificationNotFound();
    if (audience === 'CITIZEN') await auditOthers(db, audit, me, [row]);
    return view(row);
  });
}
