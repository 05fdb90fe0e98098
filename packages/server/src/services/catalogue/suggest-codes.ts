/**
 * Codes for the certificate form: the assignable codes in force whose ICD-9-CM part covers the
 * diagnosis (013.250 for 250.01). Catalogue data only, no personal data, so not audited.
 */
import { todayInRome, type SuggestCodesResponse } from '@esenzioni/domain';
import type { Db } from '../../db/client.js';
import { assignableCodesOfCategory } from '../../db/repositories/catalogue.js';
import { icdCovers, loadDiagnosis } from '../cases/case-rules.js';

export async function suggestCodes(
  db: Db,
  diagnosisCode: string,
  onDate = todayInRome(),
): Promise<SuggestCodesResponse> {
  const diag = await loadDiagnosis(db, diagnosisCode);
  // the ICD part is a prefix of the diagnosis: narrow in SQL by the 3-character category, decide in code
  const rows = await assignableCodesOfCategory(db, diag.code.slice(0, 3), onDate);
  return {
    diagnosis: { code: diag.code, description: diag.description },
    items: rows
      .filter((r) => r.icd9Code !== null && icdCovers(r.icd9Code, diag.code))
      .map((r) => ({
        code: r.code,
        icd9Code: r.icd9Code,
        description: r.description,
        family: r.family,
        validFrom: r.validFrom,
        validUntil: r.validUntil,
      })),
  };
}
