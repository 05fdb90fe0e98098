/**
 * Codes for the certificate form: the assignable codes in force whose ICD-9-CM part covers the
 * diagnosis (013.250 for 250.01). Catalogue data only, no personal data, so not audited.
 */
import { and, asc, eq, gte, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { todayInRome, type ExemptionFamily, type SuggestCodesResponse } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { exemptionCode } from '../db/schema.js';
import { icdCovers, loadDiagnosis } from './case-rules.js';

export async function suggestCodes(
  db: Db,
  diagnosisCode: string,
  onDate = todayInRome(),
): Promise<SuggestCodesResponse> {
  const diag = await loadDiagnosis(db, diagnosisCode);
  // the ICD part is a prefix of the diagnosis: narrow in SQL by the 3-character category, decide in code
  const rows = await db
    .select()
    .from(exemptionCode)
    .where(
      and(
        eq(exemptionCode.assignable, true),
        isNotNull(exemptionCode.icd9Code),
        sql`left(${exemptionCode.icd9Code}, 3) = ${diag.code.slice(0, 3)}`,
        lte(exemptionCode.validFrom, onDate),
        or(isNull(exemptionCode.validUntil), gte(exemptionCode.validUntil, onDate)),
      ),
    )
    .orderBy(asc(exemptionCode.code));
  return {
    diagnosis: { code: diag.code, description: diag.description },
    items: rows
      .filter((r) => r.icd9Code !== null && icdCovers(r.icd9Code, diag.code))
      .map((r) => ({
        code: r.code,
        icd9Code: r.icd9Code,
        description: r.description,
        family: r.family as ExemptionFamily,
        validFrom: r.validFrom,
        validUntil: r.validUntil,
      })),
  };
}
