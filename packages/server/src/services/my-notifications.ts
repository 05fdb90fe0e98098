/**
 * The logged-in citizen's notifications (newest first, with the unread count) and marking one read.
 * A delegate's notification names the delegator and the state of their case: each such row returned
 * is a read of another person's data, with its access-log row (issue 9).
 */
import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { DomainError, type PortalNotification } from '@esenzioni/domain';
import { exemptionCase, notification } from '../db/schema.js';
import { auditedRead, type Audit } from '../audit/audited-read.js';
import type { Db } from '../db/client.js';
import { citizenFiscalCode } from './acting-for.js';
import { nowOf, type UseCaseContext } from './context.js';

type Row = typeof notification.$inferSelect;

const view = (n: Row): PortalNotification => ({
  id: String(n.id),
  kind: n.kind as PortalNotification['kind'],
  caseNumber: n.caseNumber,
  text: n.text,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt ? n.readAt.toISOString() : null,
});

/** Audits the notifications about another person's case (a delegator's) among `rows`. */
async function auditOthers(db: Db, audit: Audit, me: string, rows: Row[]): Promise<void> {
  const caseNumbers = [...new Set(rows.flatMap((n) => (n.caseNumber ? [n.caseNumber] : [])))];
  if (!caseNumbers.length) return;
  const others = await db
    .select({ caseNumber: exemptionCase.caseNumber, fiscalCode: exemptionCase.beneficiaryFiscalCode })
    .from(exemptionCase)
    .where(and(inArray(exemptionCase.caseNumber, caseNumbers), ne(exemptionCase.beneficiaryFiscalCode, me)));
  audit(
    'READ_PERSON',
    others.map((o) => ({ personFiscalCode: o.fiscalCode, caseNumber: o.caseNumber })),
  );
}

export async function listMyNotifications(
  ctx: UseCaseContext,
  limit = 100,
): Promise<{ unread: number; items: PortalNotification[] }> {
  const me = citizenFiscalCode(ctx.actor);
  return auditedRead(ctx, async (db, audit) => {
    const [rows, [unread]] = await Promise.all([
      db
        .select()
        .from(notification)
        .where(eq(notification.recipientFiscalCode, me))
        .orderBy(desc(notification.id))
        .limit(limit),
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(notification)
        .where(and(eq(notification.recipientFiscalCode, me), isNull(notification.readAt))),
    ]);
    await auditOthers(db, audit, me, rows);
    return { unread: Number(unread?.n ?? 0), items: rows.map(view) };
  });
}

export async function markNotificationRead(ctx: UseCaseContext, id: number): Promise<PortalNotification> {
  const me = citizenFiscalCode(ctx.actor);
  return auditedRead(ctx, async (db, audit) => {
    const [row] = await db
      .update(notification)
      .set({ readAt: sql`coalesce(${notification.readAt}, ${nowOf(ctx).toISOString()}::timestamptz)` })
      .where(and(eq(notification.id, id), eq(notification.recipientFiscalCode, me)))
      .returning();
    if (!row) throw new DomainError('NOTIFICATION_NOT_FOUND', 'La notifica indicata non esiste.');
    await auditOthers(db, audit, me, [row]);
    return view(row);
  });
}
