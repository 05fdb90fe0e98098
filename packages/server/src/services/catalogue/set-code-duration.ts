/**
 * The admin sets how long an exemption issued for a code lasts (DM 23/11/2012 minimum validities,
 * regional limits); null means no limit. Applies to validations from now on.
 */
import { exemptionCodeUnknown, forbidden, type CatalogExemption } from '@esenzioni/domain';
import { updateCodeDuration } from '../../db/repositories/catalogue.js';
import type { UseCaseContext } from '../context.js';

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
  const row = await updateCodeDuration(ctx.db, code, d.amount, d.unit);
  if (!row) throw exemptionCodeUnknown(code);
  return {
    code: row.code,
    baseCode: row.baseCode,
    icd9Code: row.icd9Code,
    description: row.description,
    family: row.family,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    assignable: row.assignable,
    duration: { amount: row.durationAmount, unit: row.durationUnit },
  };
}
