/** Catalogue search by code or words, for the search filters and the certificate form. */
import type { CatalogExemption } from '@esenzioni/domain';
import type { Db } from '../../db/client.js';
import {
  aliasesOf,
  searchCodes,
  searchDiagnoses as findDiagnoses,
  type CodeSearch,
} from '../../db/repositories/catalogue.js';

/** By code, alias (0B02 finds 002B and its sub-codes, issue 12 §7) or words; each with its aliases. */
export async function searchExemptionCodes(db: Db, q: CodeSearch): Promise<CatalogExemption[]> {
  const rows = await searchCodes(db, q);
  const aliases = await aliasesOf(db, [...new Set(rows.map((r) => r.baseCode))]);
  const aliasesByBase = new Map<string, typeof aliases>();
  for (const a of aliases) aliasesByBase.set(a.code, [...(aliasesByBase.get(a.code) ?? []), a]);
  return rows.map((r) => ({
    // 002B.433 is written 0B02.433 where 002B is written 0B02
    aliases: (aliasesByBase.get(r.baseCode) ?? []).map((a) => `${a.alias}${r.code.slice(r.baseCode.length)}`),
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
