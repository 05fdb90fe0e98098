/**
 * The e-mails the platform wrote (kept when no SMTP server is configured, or sent), for the
 * administrator, including the DEAD ones that could not be delivered. They carry a name and a case number but never health data (notify/texts.ts).
 */
import { forbidden } from '@esenzioni/domain';
import { listMails, type MailStatus } from '../../db/repositories/notifications.js';
import type { UseCaseContext } from '../context.js';
import { auditedRead } from '../../audit/audited-read.js';

export async function listMailOutbox(
  ctx: UseCaseContext,
  /** PENDING, SENT, KEPT (no SMTP configured) or DEAD (failed for good: retry with POST …/:id/retry) */
  q: { status?: MailStatus | undefined; limit: number },
) {
  if (ctx.actor.role !== 'ADMIN') throw forbidden("La posta in uscita è consultabile dall'amministratore.");
  // each mail names its recipient (address, name in the text): the administrator's read is logged per person
  const rows = await auditedRead(ctx, async (db, audit) => {
    const found = await listMails(db, q);
    audit(
      'READ_PERSON',
      [...new Set(found.map((m) => m.recipientFiscalCode))].map((personFiscalCode) => ({ personFiscalCode })),
    );
    return found;
  });
  return {
    items: rows.map((m) => ({
      id: String(m.id),
      to: m.toAddress,
      subject: m.subject,
      body: m.body,
      status: m.status,
      createdAt: m.createdAt.toISOString(),
      sentAt: m.sentAt ? m.sentAt.toISOString() : null,
    })),
  };
}
