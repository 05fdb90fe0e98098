/** Catalogue search by code or words, for the search filters and the certificate form. */
import type { CatalogExemption } from '@esenzioni/domain';
import type { Db } from '../../db/client.js';
import {
  searchCodes,
  searchDiagnoses as findDiagnoses,
  type CodeSearch,
} from '../../db/repositories/catalogue.js';

export async function searchExemptionCodes(db: Db, q: CodeSearch): Promise<CatalogExemption[]> {
  const rows = await searchCodes(db, q);
  return rows.map((r) => ({
    code: r.code,
    baseCode: r.baseCode,
    icd9Code: r.icd9Code,
    description: r.description,
    family: r.family,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    assignable: r.assignable,
  }));
}

export async function searchDiagnoses(db: Db, q: { q: string; limit: number }) {
  const rows = await findDiagnoses(db, q);
  return rows.map((r) => ({ code: r.code, description: r.description, leaf: r.leaf }));
}
