/**
 * The documents of a new case from the uploaded form: each file checked by content (type, active
 * content) and named safely, the required ones present. Runs before any transaction is opened, so a
 * refused request stores nothing. The files stay in their temporary files until `storeDocuments`
 * reads them, one by one within the process's upload byte budget, in the transaction that stores them.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { documentRequired, validationFailed } from '@esenzioni/domain';
import type { UploadedFile } from '../../uploads/multipart-form.js';
import { inspectUpload, type AllowedType } from '../../uploads/inspect-upload.js';
import { uploadByteBudget, type ByteBudget } from '../../uploads/byte-budget.js';
import type { Tx } from '../../db/client.js';
import { insertDocument } from '../../db/repositories/documents.js';
import type { NewDocument } from './create-case.js';

/** File fields of the submission forms. */
export const FILE_FIELDS = {
  certificate: 'il certificato',
  identityDocument: "il documento d'identità",
  documents: 'altri documenti',
  delegation: 'la delega scritta',
} as const;
export type FileField = keyof typeof FILE_FIELDS;

const SINGLE: readonly FileField[] = ['certificate', 'identityDocument', 'delegation'];

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
      throw validationFailed(
        [{ field: f.field, message: 'Campo file non previsto.' }],
        `Il campo file «${f.field}» non è previsto: usare ${allowed.join(', ')}.`,
      );
    }
    if (SINGLE.includes(f.field as FileField) && files.filter((o) => o.field === f.field).length > 1) {
      throw validationFailed(
        [{ field: f.field, message: 'Un solo file.' }],
        `Allegare un solo file nel campo «${f.field}».`,
      );
    }
  }
  for (const field of required) {
    if (!files.some((f) => f.field === field)) {
      throw documentRequired(FILE_FIELDS[field], field);
    }
  }
  const checked: CheckedDocument[] = [];
  // one after the other: the inspection pool is shared by every request, one request need not fill it
  for (const f of files) {
    const c = await inspectUpload(f.fileName, { path: f.path }, f.field);
    checked.push({
      kind:
        f.field === 'certificate' ? 'CERTIFICATE' : f.field === 'delegation' ? 'DELEGATION' : 'ATTACHMENT',
      fileName: f.field === 'identityDocument' ? `documento-identita_${c.fileName}` : c.fileName,
      contentType: c.contentType,
      path: f.path,
      size: f.size,
    });
  }
  return checked;
}

/**
 * Inserts the documents of the new case `caseId` inside the caller's transaction, one at a time: each
 * file's bytes enter memory only for its own INSERT, after its size is reserved in the process's
 * upload byte budget, and the budget is given back as soon as the row is written. (The rows are the
 * ones createCase would write; its loop holds every document in memory at once, which uploads avoid.)
 * A holder of the budget waits for nothing but its own INSERT, so waiting for it cannot deadlock.
 */
export async function storeDocuments(
  tx: Tx,
  caseId: number,
  documents: readonly CheckedDocument[],
  budget: ByteBudget = uploadByteBudget(),
): Promise<void> {
  for (const d of documents) {
    await budget.lease(d.size, async (bytes) => {
      await readWhole(d.path, bytes);
      await insertDocument(tx, {
        caseId,
        kind: d.kind,
        fileName: d.fileName,
        contentType: d.contentType,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes,
      });
    });
  }
}

/** Case transactions that store uploaded documents at once (each holds one pool connection meanwhile). */
export const DOCUMENT_STORE_SLOTS = 4;
let storing = 0;
const waiting: Array<() => void> = [];

/**
 * Runs `work` (a transaction that stores documents) when one of DOCUMENT_STORE_SLOTS is free. Taken
 * BEFORE the transaction opens: transactions waiting for the byte budget would otherwise hold pool
 * connections, and a burst of large uploads could leave none for other requests (attack review).
 */
export async function withDocumentStoreSlot<T>(work: () => Promise<T>): Promise<T> {
  if (storing >= DOCUMENT_STORE_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  else storing++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else storing--;
  }
}

/** Fills `into` with the file's bytes; the file must be exactly that long (it was measured when written). */
async function readWhole(file: string, into: Buffer): Promise<void> {
  const fh = await open(file, 'r');
  try {
    let at = 0;
    while (at < into.length) {
      const { bytesRead } = await fh.read(into, at, into.length - at, at);
      if (bytesRead === 0) throw new Error('temporary upload file shorter than received');
      at += bytesRead;
    }
  } finally {
    await fh.close();
  }
}
