/** The latest reconciliations with the regional registry, for the administrator (issue 14). */
import { forbidden } from '@esenzioni/domain';
import { latestReconciliations } from '../../db/repositories/registry-reconciliation.js';
import type { UseCaseContext } from '../context.js';

export interface ReconciliationView {
  id: string;
  ranAt: string;
  day: string;
  checked: number;
  unreachable: boolean;
  differences: Array<{ coverageId: string; kind: 'MISSING' | 'DIFFERENT'; fields: string[] }>;
}

export async function listReconciliations(
  ctx: UseCaseContext,
  limit: number,
): Promise<{ items: ReconciliationView[] }> {
  if (ctx.actor.role !== 'ADMIN' || ctx.actor.apiKeyId !== null)
    throw forbidden('Le riconciliazioni con il registro regionale sono consultate dall’amministratore.');
  const rows = await latestReconciliations(ctx.db, limit);
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      ranAt: new Date(r.ranAt).toISOString(),
      day: r.day,
      checked: r.checked,
      unreachable: r.unreachable,
      differences: r.differences,
    })),
  };
}
