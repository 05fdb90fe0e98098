/**
 * The documents of a new case from the uploaded form: each file checked by content (type, active
 * content) and named safely, the required ones present. Runs before any transaction is opened, so a
 * refused request stores nothing. The files stay in their temporary files until `withDocumentBytes`
 * reads them, within the process's upload byte budget, for the transaction that stores them.
 */
import { readFile } from 'node:fs/promises';
import { DomainError } from '@esenzioni/domain';
import type { UploadedFile } from '../uploads/multipart-form.js';
import { inspectUpload, type AllowedType } from '../uploads/inspect-upload.js';
import { uploadByteBudget, type ByteBudget } from '../uploads/byte-budget.js';
import type { NewDocument } from './create-case.js';

/** File fields of the submission forms. */
export const FILE_FIELDS = {
  certificate: 'il certificato',
  identityDocument: "il documento d'identità",
  documents: 'altri documenti',
} as const;
export type FileField = keyof typeof FILE_FIELDS;

const SINGLE: readonly FileField[] = ['certificate', 'identityDocument'];

/** A checked document still in its temporary file. */
export interface CheckedDocument {
  kind: NewDocument['kind'];
  fileName: string;
  contentType: AllowedType;
  path: string;
  size: number;
}

export async function checkedDocuments(
  files: UploadedFile[],
  required: readonly FileField[],
  allowed: readonly FileField[],
): Promise<CheckedDocument[]> {
  for (const f of files) {
    if (!(allowed as readonly string[]).includes(f.field)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `Il campo file «${f.field}» non è previsto: usare ${allowed.join(', ')}.`,
        {
          issues: [{ field: f.field, message: 'Campo file non previsto.' }],
        },
      );
    }
    if (SINGLE.includes(f.field as FileField) && files.filter((o) => o.field === f.field).length > 1) {
      throw new DomainError('VALIDATION_FAILED', `Allegare un solo file nel campo «${f.field}».`, {
        issues: [{ field: f.field, message: 'Un solo file.' }],
      });
    }
  }
  for (const field of required) {
    if (!files.some((f) => f.field === field)) {
      throw new DomainError('DOCUMENT_REQUIRED', `Allegare ${FILE_FIELDS[field]} (campo «${field}»).`, {
        issues: [{ field, message: 'Documento obbligatorio.' }],
      });
    }
  }
  const checked: CheckedDocument[] = [];
  // one after the other: the inspection pool is shared by every request, one request need not fill it
  for (const f of files) {
    const c = await inspectUpload(f.fileName, { path: f.path }, f.field);
    checked.push({
      kind: f.field === 'certificate' ? 'CERTIFICATE' : 'ATTACHMENT',
      fileName: f.field === 'identityDocument' ? `documento-identita_${c.fileName}` : c.fileName,
      contentType: c.contentType,
      path: f.path,
      size: f.size,
    });
  }
  return checked;
}

/**
 * Runs `store` with the documents' bytes in memory, after reserving their size in the process's
 * upload byte budget (so concurrent uploads never hold more than the budget at once), and gives the
 * budget back when `store` ends, whatever its outcome.
 */
export async function withDocumentBytes<T>(
  documents: readonly CheckedDocument[],
  store: (docs: NewDocument[]) => Promise<T>,
  budget: ByteBudget = uploadByteBudget(),
): Promise<T> {
  const release = await budget.acquire(documents.reduce((n, d) => n + d.size, 0));
  try {
    const loaded: NewDocument[] = [];
    for (const d of documents)
      loaded.push({
        kind: d.kind,
        fileName: d.fileName,
        contentType: d.contentType,
        bytes: await readFile(d.path),
      });
    return await store(loaded);
  } finally {
    release();
  }
}
