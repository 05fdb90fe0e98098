/** The logged-in citizen's notifications (newest first, with the unread count) and marking one read. */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { DomainError, type PortalNotification } from '@esenzioni/domain';
import { notification } from '../db/schema.js';
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

export async function listMyNotifications(ctx: UseCaseContext, limit = 100): Promise<{ unread: number; items: PortalNotification[] }> {
  const me = citizenFiscalCode(ctx.actor);
  const rows = await ctx.db.select().from(notification).where(eq(notification.recipientFiscalCode, me)).orderBy(desc(notification.id)).limit(limit);
  const [unread] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(notification)
    .where(and(eq(notification.recipientFiscalCode, me), isNull(notification.readAt)));
  return { unread: Number(unread?.n ?? 0), items: rows.map(view) };
}

export async function markNotificationRead(ctx: UseCaseContext, id: number): Promise<PortalNotification> {
  const me = citizenFiscalCode(ctx.actor);
  const [row] = await ctx.db
    .update(notification)
    .set({ readAt: sql`coalesce(${notification.readAt}, ${nowOf(ctx).toISOString()}::timestamptz)` })
    .where(and(eq(notification.id, id), eq(notification.recipientFiscalCode, me)))
    .returning();
  if (!row) throw new DomainError('NOTIFICATION_NOT_FOUND', 'La notifica indicata non esiste.');
  return view(row);
}
