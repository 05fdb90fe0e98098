/** What each exemption family asks for (issue 12 §9), from data/family-documents.csv: public catalogue data. */
import type { ExemptionFamily, FamilyDocumentList } from '@esenzioni/domain';
import type { Db } from '../../db/client.js';
import { familyDocumentsOf } from '../../db/repositories/catalogue-fidelity.js';

export async function familyDocuments(db: Db, family: ExemptionFamily): Promise<FamilyDocumentList> {
  const rows = await familyDocumentsOf(db, family);
  const sources = [...new Set(rows.map((r) => r.source.replace(/^family-documents\.csv: /, '')))];
  return {
    family,
    items: rows.map((r) => ({ document: r.document, required: r.required, note: r.note })),
    source: sources.length ? sources.join('; ') : null,
  };
}
