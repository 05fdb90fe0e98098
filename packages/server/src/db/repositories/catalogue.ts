/** SQL on the catalogues: exemption codes and ICD-9-CM 2007 diagnoses (public reference data). */
import { and, asc, eq, ilike, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { icdCovers, type ExemptionFamily } from '@esenzioni/domain';
import type { Tx } from '../client.js';
import { diagnosis, exemptionCode, exemptionCodeAlias } from '../schema.js';
import { escapeLike } from '../like.js';
import { inForceOn } from './in-force.js';

export type CodeRow = typeof exemptionCode.$inferSelect;
export type DiagnosisRow = typeof diagnosis.$inferSelect;

export async function findExemptionCode(tx: Tx, code: string): Promise<CodeRow | undefined> {
  const [row] = await tx.select().from(exemptionCode).where(eq(exemptionCode.code, code));
  return row;
}

export type AliasRow = typeof exemptionCodeAlias.$inferSelect;

/** `0B02.433` → head `0B02`, rest `.433`; `0B02` → head `0B02`, rest ``. */
const splitCode = (code: string): { head: string; rest: string } => {
  const dot = code.indexOf('.');
  return dot < 0 ? { head: code, rest: '' } : { head: code.slice(0, dot), rest: code.slice(dot) };
};

/**
 * The catalogue row a typed code means (issue 12 §7), the one resolution used by the catalogue
 * search, every request (counter, citizen, specialist) and the registry lookup:
 * - the code itself (upper-cased), when the catalogue has it;
 * - else an alias of data/exemption-code-aliases.csv, alone or before an ICD part: 0B02 → 002B,
 *   0B02.433 → 002B.433;
 * - an alias naming a group code (002B is not assignable) with a diagnosis that one of the group's
 *   assignable sub-codes covers resolves to that sub-code: 0B02 with 433.10 → 002B.433.
 * Undefined when nothing matches.
 */
export async function resolveExemptionCode(
  tx: Tx,
  typed: string,
  opts: { diagnosisCode?: string | null | undefined } = {},
): Promise<CodeRow | undefined> {
  const code = typed.trim().toUpperCase();
  if (!code) return undefined;
  const own = await findExemptionCode(tx, code);
  if (own) return own;
  const { head, rest } = splitCode(code);
  const [alias] = await tx.select().from(exemptionCodeAlias).where(eq(exemptionCodeAlias.alias, head));
  if (!alias) return undefined;
  const row = await findExemptionCode(tx, `${alias.code}${rest}`);
  if (!row || rest || row.assignable || !opts.diagnosisCode) return row;
  const diag = await findDiagnosis(tx, opts.diagnosisCode);
  if (!diag) return row;
  const subCodes = await tx
    .select()
    .from(exemptionCode)
    .where(
      and(
        eq(exemptionCode.baseCode, row.code),
        eq(exemptionCode.assignable, true),
        isNotNull(exemptionCode.icd9Code),
      ),
    )
    .orderBy(sql`length(${exemptionCode.icd9Code}) desc`, asc(exemptionCode.code));
  return subCodes.find((c) => c.icd9Code !== null && icdCovers(c.icd9Code, diag.code)) ?? row;
}

/**
 * The catalogue spelling of a typed alias, without reading the catalogue row: `0B02` → `002B`,
 * `0B02.433` → `002B.433`; null when the head is no alias (the code is then taken as typed).
 */
export async function aliasTarget(tx: Tx, typed: string): Promise<string | null> {
  const { head, rest } = splitCode(typed.trim().toUpperCase());
  if (!head) return null;
  const [alias] = await tx.select().from(exemptionCodeAlias).where(eq(exemptionCodeAlias.alias, head));
  return alias ? `${alias.code}${rest}` : null;
}

/** The aliases of the codes whose base is one of `baseCodes` (all of them when omitted). */
export async function aliasesOf(tx: Tx, baseCodes?: readonly string[]): Promise<AliasRow[]> {
  if (baseCodes && baseCodes.length === 0) return [];
  return tx
    .select()
    .from(exemptionCodeAlias)
    .where(baseCodes ? inArray(exemptionCodeAlias.code, [...baseCodes]) : undefined)
    .orderBy(asc(exemptionCodeAlias.alias));
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
    // an alias typed, whole or in part (0B, 0B02, 0B02.43): the codes it stands for (issue 12 §7)
    const { head, rest } = splitCode(q.q.trim().toUpperCase());
    const aliased = head
      ? await db
          .select()
          .from(exemptionCodeAlias)
          .where(ilike(exemptionCodeAlias.alias, `${escapeLike(head)}%`))
      : [];
    conds.push(
      or(
        ilike(exemptionCode.code, `${escapeLike(q.q)}%`),
        and(...words.map((w) => ilike(exemptionCode.description, `%${w}%`))),
        ...aliased
          .filter((a) => !rest || a.alias === head)
          .map((a) => ilike(exemptionCode.code, `${escapeLike(`${a.code}${rest}`)}%`)),
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

/** The assignable codes in force of a condition (013 → 013.250, …), first `limit` by code (issue 17 §3). */
export async function assignableSubCodes(
  db: Tx,
  baseCode: string,
  onDate: string,
  limit: number,
): Promise<{ code: string; description: string }[]> {
  return db
    .select({ code: exemptionCode.code, description: exemptionCode.description })
    .from(exemptionCode)
    .where(
      and(
        eq(exemptionCode.baseCode, baseCode),
        eq(exemptionCode.assignable, true),
        inForceOn(exemptionCode, onDate),
      ),
    )
    .orderBy(asc(exemptionCode.code))
    .limit(limit);
}
