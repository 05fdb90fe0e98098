/**
 * The e-mails the platform wrote (kept when no SMTP server is configured, or sent), for the
 * administrator. They carry a name and a case number but never health data (notify/texts.ts).
 */
import { desc, eq } from 'drizzle-orm';
import { forbidden } from '@esenzioni/domain';
import { mailOutbox } from '../db/schema.js';
import type { UseCaseContext } from './context.js';

export async function listMailOutbox(ctx: UseCaseContext, q: { status?: 'PENDING' | 'SENT' | 'KEPT' | undefined; limit: number }) {
  if (ctx.actor.role !== 'ADMIN') throw forbidden("La posta in uscita è consultabile dall'amministratore.");
  const rows = await ctx.db
    .select()
    .from(mailOutbox)
    .where(q.status ? eq(mailOutbox.status, q.status) : undefined)
    .orderBy(desc(mailOutbox.id))
    .limit(q.limit);
  return {
    items: rows.map((m) => ({
      id: String(m.id),
      to: m.toAddress,
      subject: m.subject,
      body: m.body,
      status: m.status as 'PENDING' | 'SENT' | 'KEPT',
      createdAt: m.createdAt.toISOString(),
      sentAt: m.sentAt ? m.sentAt.toISOString() : null,
    })),
  };
}
