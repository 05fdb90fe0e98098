/**
 * Parameters the administrator sets (issue 13 §3): the certificate's maximum age per Region with a
 * per-ASL override (read by services/cases/case-rules.ts certificateMaxAgeFor) and the lead time of
 * the expiry reminder (read by jobs/expiry.ts). A parameter not set falls back to the configuration.
 * Exemption durations have their own page (PUT /api/admin/exemption-codes/:code/duration).
 */
import {
  notFound,
  validationFailed,
  type AdminParameter,
  type AdminParameterName,
  type AdminParameterSet,
} from '@esenzioni/domain';
import { appendAdminAudit, lockAdminAudit } from '../../audit/admin-audit.js';
import {
  aslById,
  deleteParameter,
  parameterList,
  upsertParameter,
} from '../../db/repositories/administration.js';
import { nowOf, type UseCaseContext } from '../context.js';

export interface ParameterDefaults {
  certificateMaxAgeMonths: number;
  expiryReminderDays: number;
}

export async function listParameters(
  ctx: UseCaseContext,
  defaults: ParameterDefaults,
): Promise<{ items: AdminParameter[]; defaults: ParameterDefaults }> {
  const found = await parameterList(ctx.db);
  return {
    items: found.map((p) => ({
      name: p.name as AdminParameterName,
      scope: p.scope,
      value: p.value,
      updatedAt: p.updatedAt.toISOString(),
    })),
    defaults,
  };
}

export async function setParameter(ctx: UseCaseContext, body: AdminParameterSet): Promise<AdminParameter> {
  const at = nowOf(ctx);
  await ctx.db.transaction(async (tx) => {
    if (body.scope.length === 6 && !(await aslById(tx, body.scope)))
      throw validationFailed([{ field: 'scope', message: 'ASL sconosciuta.' }]);
    await lockAdminAudit(tx);
    await upsertParameter(tx, { ...body, at, by: ctx.actor.userId });
    await appendAdminAudit(
      tx,
      ctx.actor,
      {
        action: 'PARAMETER_SET',
        targetType: 'PARAMETER',
        targetId: `${body.name}:${body.scope}`,
        detail: { name: body.name, scope: body.scope, value: body.value },
      },
      ctx.correlationId,
      at,
    );
  });
  return { name: body.name, scope: body.scope, value: body.value, updatedAt: at.toISOString() };
}

export async function clearParameter(
  ctx: UseCaseContext,
  name: AdminParameterName,
  scope: string,
): Promise<void> {
  const at = nowOf(ctx);
  await ctx.db.transaction(async (tx) => {
    await lockAdminAudit(tx);
    if (!(await deleteParameter(tx, name, scope))) throw notFound('Parametro non impostato.');
    await appendAdminAudit(
      tx,
      ctx.actor,
      {
        action: 'PARAMETER_CLEARED',
        targetType: 'PARAMETER',
        targetId: `${name}:${scope}`,
        detail: { name, scope },
      },
      ctx.correlationId,
      at,
    );
  });
}
