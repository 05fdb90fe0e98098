/** Catalogue search by code or words, for the search filters and the certificate form. */
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { CatalogExemption, ExemptionFamily } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { diagnosis, exemptionCode } from '../db/schema.js';
import { escapeLike } from '../db/like.js';

export async function searchExemptionCodes(
  db: Db,
  q: {
    q?: string | undefined;
    family?: ExemptionFamily | undefined;
    assignableOnly?: boolean | undefined;
    limit: number;
  },
): Promise<CatalogExemption[]> {
  const conds: SQL[] = [];
  if (q.family) conds.push(eq(exemptionCode.family, q.family));
  if (q.assignableOnly) conds.push(eq(exemptionCode.assignable, true));
  if (q.q) {
    const words = q.q.split(/\s+/).filter(Boolean).map(escapeLike);
    conds.push(
      or(
        ilike(exemptionCode.code, `${escapeLike(q.q)}%`),
        and(...words.map((w) => ilike(exemptionCode.description, `%${w}%`))),
      ) as SQL,
    );
  }
  const rows = await db
    .select()
    .from(exemptionCode)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(exemptionCode.code))
    .limit(q.limit);
  return rows.map((r) => ({
    code: r.code,
    baseCode: r.baseCode,
    icd9Code: r.icd9Code,
    description: r.description,
    family: r.family as ExemptionFamily,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    assignable: r.assignable,
  }));
}

export async function searchDiagnoses(db: Db, q: { q: string; limit: number }) {
  const words = q.q.split(/\s+/).filter(Boolean).map(escapeLike);
  const rows = await db
    .select()
    .from(diagnosis)
    .where(
      or(
        ilike(diagnosis.code, `${escapeLike(q.q)}%`),
        ilike(diagnosis.codeNoDot, `${escapeLike(q.q.replace('.', ''))}%`),
        and(...words.map((w) => ilike(diagnosis.description, `%${w}%`))),
      ),
    )
    .orderBy(sql`length(${diagnosis.code})`, asc(diagnosis.code))
    .limit(q.limit);
  return rows.map((r) => ({ code: r.code, description: r.description, leaf: r.leaf }));
}
