/**
 * The documents of a new case from the uploaded form: each file checked by content (type, active
 * content) and named safely, the required ones present. Runs before any transaction is opened, so a
 * refused request stores nothing.
 */
import { DomainError } from '@esenzioni/domain';
import type { UploadedFile } from '../uploads/multipart-form.js';
import { inspectUpload } from '../uploads/inspect-upload.js';
import type { NewDocument } from './create-case.js';

/** File fields of the submission forms. */
export const FILE_FIELDS = {
  certificate: 'il certificato',
  identityDocument: "il documento d'identità",
  documents: 'altri documenti',
} as const;
export type FileField = keyof typeof FILE_FIELDS;

const SINGLE: readonly FileField[] = ['certificate', 'identityDocument'];

export function checkedDocuments(files: UploadedFile[], required: readonly FileField[], allowed: readonly FileField[]): NewDocument[] {
  for (const f of files) {
    if (!(allowed as readonly string[]).includes(f.field)) {
      throw new DomainError('VALIDATION_FAILED', `Il campo file «${f.field}» non è previsto: usare ${allowed.join(', ')}.`, {
        issues: [{ field: f.field, message: 'Campo file non previsto.' }],
      });
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
  return files.map((f) => {
    const checked = inspectUpload(f.fileName, f.bytes, f.field);
    return {
      kind: f.field === 'certificate' ? 'CERTIFICATE' : 'ATTACHMENT',
      fileName: f.field === 'identityDocument' ? `documento-identita_${checked.fileName}` : checked.fileName,
      contentType: checked.contentType,
      bytes: checked.bytes,
    };
  });
}
