/**
 * The browser's own check of the documents before sending (the server checks again by content):
 * PDF, JPEG or PNG only (by the first bytes, not the name), at most 10 MB each and 5 in all.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 5;
export const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
export const UPLOAD_HINT = 'Formati ammessi: PDF, JPEG o PNG; al massimo 10 MB per file e 5 file in tutto.';

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

async function kindOf(file: File): Promise<'pdf' | 'jpeg' | 'png' | null> {
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  return null;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;

/** The Italian message for the first problem of `files`, or null when they can be sent. */
export async function fileProblem(files: readonly File[]): Promise<string | null> {
  for (const f of files) {
    if (f.size === 0) return `Il file «${f.name}» è vuoto.`;
    if (f.size > MAX_FILE_BYTES) {
      return `Il file «${f.name}» pesa ${mb(f.size)}: ogni documento può pesare al massimo 10 MB.`;
    }
    if (!(await kindOf(f))) {
      return `Il file «${f.name}» non è un PDF, un'immagine JPEG o PNG: sono ammessi solo questi formati.`;
    }
  }
  return null;
}

export const tooMany = (count: number): string | null =>
  count > MAX_FILES
    ? `Si possono allegare al massimo ${MAX_FILES} documenti per pratica (selezionati: ${count}).`
    : null;
