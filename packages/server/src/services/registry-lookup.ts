/** "Does this person hold this exemption today?" — the registry (AURA) lookup for prescribers. */
import { and, asc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { perDatabase } from '../db/per-database.js';
import { todayInRome, type ExemptionFamily, type RegistryResponse } from '@esenzioni/domain';
import { exemptionCase, exemptionCode, registryExemption } from '../db/schema.js';
import { forbidden } from '@esenzioni/domain';
import type { UseCaseContext } from './context.js';
import { auditedRead } from '../audit/audited-read.js';

/**
 * The query prescribers and pharmacies run most: prepared once per database (built once, a named
 * server-side statement on PostgreSQL).
 */
const preparedLookup = perDatabase((db: Db) =>
  db
    .select({
      code: registryExemption.exemptionCode,
      description: exemptionCode.description,
      family: registryExemption.family,
      validFrom: registryExemption.validFrom,
      validUntil: registryExemption.validUntil,
      caseNumber: exemptionCase.caseNumber,
    })
    .from(registryExemption)
    .leftJoin(exemptionCode, eq(exemptionCode.code, registryExemption.exemptionCode))
    .leftJoin(exemptionCase, eq(exemptionCase.id, registryExemption.caseId))
    .where(
      and(
        eq(registryExemption.fiscalCode, sql.placeholder('fiscalCode')),
        lte(registryExemption.validFrom, sql.placeholder('on')),
        or(isNull(registryExemption.validUntil), gte(registryExemption.validUntil, sql.placeholder('on'))),
        isNull(registryExemption.revokedAt),
      ),
    )
    .orderBy(asc(registryExemption.exemptionCode), asc(registryExemption.validFrom))
    .prepare('esz_registry_lookup'),
);

const MAY_LOOK_UP = new Set(['GP', 'DISTRICT_OPERATOR', 'API_CLIENT']);

export async function registryLookup(
  ctx: UseCaseContext,
  fiscalCode: string,
  date?: string,
): Promise<RegistryResponse> {
  const role = ctx.actor.apiKeyId !== null ? 'API_CLIENT' : ctx.actor.role;
  if (!MAY_LOOK_UP.has(role))
    throw forbidden(
      'La verifica delle esenzioni è riservata a medici prescrittori, operatori di distretto e sistemi autorizzati.',
    );
  const on = date ?? todayInRome();
  return auditedRead(ctx, async (db, audit) => {
    const rows = await preparedLookup(db).execute({ fiscalCode, on });
    audit('REGISTRY_LOOKUP', [{ personFiscalCode: fiscalCode }]);
    return {
      fiscalCode,
      date: on,
      exemptions: rows.map((r) => ({
        code: r.code,
        description: r.description ?? '',
        family: r.family as ExemptionFamily,
        validFrom: r.validFrom,
        validUntil: r.validUntil,
        caseNumber: r.caseNumber ?? null,
      })),
    };
  });
}
