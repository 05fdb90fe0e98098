/**
 * The administrator sets how long an exemption issued for a code lasts (issue 11, docs/domain.md §1.3:
 * DM 23/11/2012 minimum validities, regional maximums, 040 counted from birth): the code's own row of
 * the duration table, with the source it is taken from, when and by whom it was set. Clearing it
 * (unit null) lets the lookup fall back to the base code, then to the catalogue's end. It applies to
 * validations from now on: the validity of an exemption is computed and stored when it is validated.
 */
import {
  codeDurationProblem,
  exemptionCodeUnknown,
  forbidden,
  validationFailed,
  type CatalogExemption,
  type CodeDurationUnit,
} from '@esenzioni/domain';
import { findExemptionCode } from '../../db/repositories/catalogue.js';
import { deleteDuration, upsertDuration, type DurationRow } from '../../db/repositories/durations.js';
import { nowOf, type UseCaseContext } from '../context.js';
import { appendAdminAudit, lockAdminAudit } from '../../audit/admin-audit.js';

export interface DurationInput {
  /** the old single amount: the maximum (kept for clients of the first version) */
  amount?: number | null;
  minAmount?: number | null;
  maxAmount?: number | null;
  /** null: remove the code's own duration */
  unit: CodeDurationUnit | null;
  fromBirth?: boolean;
  source?: string;
}

export interface DurationOutput {
  /** the first version's shape: the amount that applies (maximum, else minimum) and its unit */
  duration: { amount: number | null; unit: CodeDurationUnit | null };
  /** the code's own row of the duration table; null when it has none */
  rule: {
    minAmount: number | null;
    maxAmount: number | null;
    unit: CodeDurationUnit;
    fromBirth: boolean;
    source: string;
    setAt: string;
    setBy: string | null;
  } | null;
}

const DEFAULT_SOURCE = 'Impostata dall’amministratore';

const outputOf = (row: DurationRow | null): DurationOutput => ({
  duration: row ? { amount: row.maxAmount ?? row.minAmount, unit: row.unit } : { amount: null, unit: null },
  rule: row
    ? {
        minAmount: row.minAmount,
        maxAmount: row.maxAmount,
        unit: row.unit,
        fromBirth: row.fromBirth,
        source: row.source,
        setAt: row.setAt.toISOString(),
        setBy: row.setBy,
      }
    : null,
});

export async function setCodeDuration(
  ctx: UseCaseContext,
  code: string,
  d: DurationInput,
): Promise<CatalogExemption & DurationOutput> {
  if (ctx.actor.role !== 'ADMIN')
    throw forbidden('Solo l’amministratore può impostare la durata delle esenzioni.');
  const rule =
    d.unit === null
      ? null
      : {
          minAmount: d.minAmount ?? null,
          maxAmount: d.maxAmount ?? d.amount ?? null,
          unit: d.unit,
          fromBirth: d.fromBirth ?? false,
        };
  if (rule) {
    const problem = codeDurationProblem(rule);
    if (problem) throw validationFailed([{ field: 'maxAmount', message: problem }], problem);
  }
  return ctx.db.transaction(async (tx) => {
    const row = await findExemptionCode(tx, code);
    if (!row) throw exemptionCodeUnknown(code);
    let saved: DurationRow | null = null;
    if (rule) {
      saved = await upsertDuration(tx, {
        code: row.code,
        ...rule,
        source: d.source?.trim() || DEFAULT_SOURCE,
        setAt: nowOf(ctx),
        setBy: ctx.actor.fiscalCode,
      });
    } else {
      await deleteDuration(tx, row.code);
    }
    // issue 13 §3: the administrator's trail, in the change's transaction
    await lockAdminAudit(tx);
    await appendAdminAudit(
      tx,
      ctx.actor,
      {
        action: rule ? 'DURATION_SET' : 'DURATION_CLEARED',
        targetType: 'EXEMPTION_CODE',
        targetId: row.code,
        detail: rule ? { ...rule, source: d.source?.trim() || DEFAULT_SOURCE } : {},
      },
      ctx.correlationId,
      nowOf(ctx),
    );
    return {
      code: row.code,
      baseCode: row.baseCode,
      icd9Code: row.icd9Code,
      description: row.description,
      family: row.family,
      validFrom: row.validFrom,
      validUntil: row.validUntil,
      assignable: row.assignable,
      ...outputOf(saved),
    };
  });
}
