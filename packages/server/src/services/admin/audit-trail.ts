/** The administrator reads their trail (issue 13 §3): newest first, by target when asked. */
import type { AdminAuditRow } from '@esenzioni/domain';
import { adminAuditPage } from '../../db/repositories/administration.js';
import type { UseCaseContext } from '../context.js';

export async function listAdminAudit(
  ctx: UseCaseContext,
  q: { page: number; pageSize: number; targetType?: string | undefined; targetId?: string | undefined },
): Promise<{ items: AdminAuditRow[]; total: number; page: number; pageSize: number }> {
  const { items, total } = await adminAuditPage(ctx.db, q);
  return {
    items: items.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorUserId: r.actorUserId,
      actorRole: r.actorRole,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
