/** SQL for the documents of a case: storing them with the case, reading one back for a download. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { document, type DocumentKind } from '../schema.js';

export type DocumentRow = typeof document.$inferSelect;

export interface NewDocumentRow {
  caseId: number;
  kind: DocumentKind;
  fileName: string;
  contentType: string;
  sha256: string;
  bytes: Uint8Array;
}

export async function insertDocument(tx: Tx, d: NewDocumentRow): Promise<void> {
  await tx.insert(document).values({ ...d, size: d.bytes.byteLength });
}

/** The case's certificate, or one of its attachments (a written delegation too, issue 17 §3) by id. */
export type WhichDocument = { kind: 'CERTIFICATE' } | { kind: 'ATTACHMENT'; id: number };

export async function findDocument(
  tx: Tx,
  caseId: number,
  which: WhichDocument,
): Promise<DocumentRow | undefined> {
  const where =
    which.kind === 'CERTIFICATE'
      ? eq(document.kind, 'CERTIFICATE')
      : and(inArray(document.kind, ['ATTACHMENT', 'DELEGATION']), eq(document.id, which.id));
  const [row] = await tx
    .select()
    .from(document)
    .where(and(eq(document.caseId, caseId), where))
    .orderBy(asc(document.id))
    .limit(1);
  return row;
}

/** Whether the case holds a certificate document (without reading its bytes). */
export async function hasCertificate(tx: Tx, caseId: number): Promise<boolean> {
  const [row] = await tx
    .select({ id: document.id })
    .from(document)
    .where(and(eq(document.caseId, caseId), eq(document.kind, 'CERTIFICATE')))
    .limit(1);
  return row !== undefined;
}
