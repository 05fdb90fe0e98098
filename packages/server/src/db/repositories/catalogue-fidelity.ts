/**
 * SQL of the catalogue data of issue 12 §7 and §9 (H1): code aliases and the documents per family,
 * written by the catalogue import and read by the catalogue routes. The aliases' resolution is in
 * catalogue.ts (resolveExemptionCode).
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { ExemptionFamily } from '@esenzioni/domain';
import { rows, type Tx } from '../client.js';
import { exemptionCode, exemptionCodeAlias, familyDocument } from '../schema.js';

export type FamilyDocumentRow = typeof familyDocument.$inferSelect;

/**
 * The file is the list: aliases not in it are removed, the others upserted. An alias whose code is
 * not in the catalogue is skipped (returned, for the import to say so).
 */
export async function replaceAliases(
  tx: Tx,
  data: Array<typeof exemptionCodeAlias.$inferInsert>,
): Promise<{ loaded: number; skipped: string[] }> {
  const known = data.length
    ? new Set(
        (
          await tx
            .select({ code: exemptionCode.code })
            .from(exemptionCode)
            .where(
              inArray(
                exemptionCode.code,
                data.map((d) => d.code),
              ),
            )
        ).map((r) => r.code),
      )
    : new Set<string>();
  const kept = data.filter((d) => known.has(d.code));
  await tx.delete(exemptionCodeAlias);
  if (kept.length) await tx.insert(exemptionCodeAlias).values(kept);
  return { loaded: kept.length, skipped: data.filter((d) => !known.has(d.code)).map((d) => d.alias) };
}

/** The file is the list: every row of family_document is replaced by the file's. */
export async function replaceFamilyDocuments(
  tx: Tx,
  data: Array<typeof familyDocument.$inferInsert>,
): Promise<void> {
  await tx.delete(familyDocument);
  if (data.length) await tx.insert(familyDocument).values(data);
}

export async function familyDocumentsOf(tx: Tx, family: ExemptionFamily): Promise<FamilyDocumentRow[]> {
  return tx
    .select()
    .from(familyDocument)
    .where(eq(familyDocument.family, family))
    .orderBy(asc(familyDocument.position));
}

/**
 * True when the catalogue predates migration 0018's data (no alias loaded yet): the server then
 * imports data/ again at start, which also rewrites the repaired ICD-9-CM descriptions.
 */
export async function catalogueFidelityMissing(tx: Tx): Promise<boolean> {
  const [r] = await rows<{ missing: boolean }>(
    tx,
    sql`select not exists(select 1 from exemption_code_alias) as missing`,
  );
  return !!r?.missing;
}
