/**
 * The admin sets how long an exemption issued for a code lasts (DM 23/11/2012 minimum validities,
 * regional limits); null means no limit. Applies to validations from now on.
 */
import { eq } from 'drizzle-orm';
import {
  exemptionCodeUnknown,
  forbidden,
  type CatalogExemption,
  type ExemptionFamily,
} from '@esenzioni/domain';
import { exemptionCode } from '../db/schema.js';
import type { UseCaseContext } from './context.js';

export interface DurationInput {
  amount: number | null;
  unit: 'DAYS' | 'MONTHS' | 'YEARS' | null;
}

export async function setCodeDuration(
  ctx: UseCaseContext,
  code: string,
  d: DurationInput,
): Promise<CatalogExemption & { duration: DurationInput }> {
  if (ctx.actor.role !== 'ADMIN')
    throw forbidden('Solo l’amministratore può impostare la durata delle esenzioni.');
  const [row] = await ctx.db
    .update(exemptionCode)
    .set({ durationAmount: d.amount, durationUnit: d.unit })
    .where(eq(exemptionCode.code, code))
    .returning();
  if (!row) throw exemptionCodeUnknown(code);
  return {
    code: row.code,
    baseCode: row.baseCode,
    icd9Code: row.icd9Code,
    description: row.description,
    family: row.family as ExemptionFamily,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    assignable: row.assignable,
    duration: { amount: row.durationAmount, unit: row.durationUnit as DurationInput['unit'] },
  };
}
