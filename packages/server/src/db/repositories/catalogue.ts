/** SQL on the catalogues: exemption codes and ICD-9-CM 2007 diagnoses (public reference data). */
import { and, asc, eq, ilike, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { ExemptionFamily } from '@esenzioni/domain';
import type { Tx } from '../client.js';
import { diagnosis, exemptionCode } from '../schema.js';
import { escapeLike } from '../like.js';
import { inForceOn } from './in-force.js';

export type CodeRow = typeof exemptionCode.$inferSelect;
export type DiagnosisRow = typeof diagnosis.$inferSelect;

export async function findExemptionCode(tx: Tx, code: string): Promise<CodeRow | undefined> {
  const [row] = await tx.select().from(exemptionCode).where(eq(exemptionCode.code, code));
  return row;
}

/** By its code with or without the dot (250.01 or 25001). */
export async function findDiagnosis(tx: Tx, code: string): Promise<DiagnosisRow | undefined> {
  const [row] = await tx
    .select()
    .from(diagnosis)
    .where(or(eq(diagnosis.code, code), eq(diagnosis.codeNoDot, code.replace('.', ''))))
    .limit(1);
  return row;
}

export interface CodeSearch {
  q?: string | undefined;
  family?: ExemptionFamily | undefined;
  assignableOnly?: boolean | undefined;
  limit: number;
}

/** By code prefix or by every word in the description, in code order. */
export async function searchCodes(db: Tx, q: CodeSearch): Promise<CodeRow[]> {
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
  return db
    .select()
    .from(exemptionCode)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(exemptionCode.code))
    .limit(q.limit);
}

/** By code prefix (with or without the dot) or by every word in the description; shorter codes first. */
export async function searchDiagnoses(db: Tx, q: { q: string; limit: number }): Promise<DiagnosisRow[]> {
  const words = q.q.split(/\s+/).filter(Boolean).map(escapeLike);
  return db
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
}

/**
 * Assignable codes in force on `onDate` whose ICD-9-CM part starts with the 3-character `category`
 * (the caller decides which of them cover the diagnosis).
 */
export async function assignableCodesOfCategory(
  db: Tx,
  category: string,
  onDate: string,
): Promise<CodeRow[]> {
  return db
    .select()
    .from(exemptionCode)
    .where(
      and(
        eq(exemptionCode.assignable, true),
        isNotNull(exemptionCode.icd9Code),
        sql`left(${exemptionCode.icd9Code}, 3) = ${category}`,
        inForceOn(exemptionCode, onDate),
      ),
    )
    .orderBy(asc(exemptionCode.code));
}
