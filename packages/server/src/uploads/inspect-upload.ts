/**
 * What an uploaded document is, by its content and never by its name or declared type: PDF, JPEG or
 * PNG by magic bytes; a PDF is refused when it cannot be parsed or carries JavaScript, actions that
 * leave the document, XFA, embedded files, multimedia or encryption (checked off the event loop:
 * inspection-pool.ts, inspect-worker.ts). File names are made safe to store.
 */
import { open } from 'node:fs/promises';
import {
  documentUnreadable,
  documentUnsafe,
  unsupportedMediaType,
  type DomainError,
} from '@esenzioni/domain';
import { scanPdfBytes, type ActiveKind } from './pdf-raw-scan.js';
import { inspectionPool, type InspectionPool } from './inspection-pool.js';
import type { PdfVerdict } from './pdf-safety.js';

export type AllowedType = 'application/pdf' | 'image/jpeg' | 'image/png';

const EXTENSIONS: Record<AllowedType, string> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg',
  'image/png': '.png',
};
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (b: Uint8Array, sig: number[]) =>
  b.length >= sig.length && sig.every((v, i) => b[i] === v);

export function detectType(bytes: Uint8Array): AllowedType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG)) return 'image/png';
  return null;
}

/**
 * The raw layer's verdict on PDF bytes (pdf-raw-scan.ts): the first active name written in the
 * objects or in a Flate object stream, or null. Cheap and linear; the parser in the worker decides.
 */
export function pdfActiveContent(bytes: Uint8Array): string | null {
  return scanPdfBytes(bytes).activeName;
}

/** Base name only, no control or reserved characters, at most 100 characters, extension of the real type. */
export function sanitizeFileName(raw: string, type: AllowedType): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const stem = base
    .normalize('NFC')
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N} ._-]/gu, '_')
    .replace(/[\s_]+/g, '_')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, 90);
  return `${stem || 'documento'}${EXTENSIONS[type]}`;
}

export interface CheckedFile {
  fileName: string;
  contentType: AllowedType;
}

/** A file to check: its bytes, or the temporary file holding them (read by the worker, not here). */
export type UploadSource = { bytes: Uint8Array } | { path: string };

const REASONS: Record<ActiveKind, string> = {
  javascript: 'JavaScript',
  action: 'azioni che avviano programmi, aprono altri file o inviano dati',
  xfa: 'moduli XFA',
  embedded: 'file incorporati',
  multimedia: 'contenuti multimediali',
  encrypted: 'cifratura o password',
};

async function headOf(source: UploadSource): Promise<Uint8Array> {
  if ('bytes' in source) return source.bytes.subarray(0, 16);
  const fh = await open(source.path, 'r');
  try {
    const head = new Uint8Array(16);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function refusal(verdict: Exclude<PdfVerdict, { ok: true }>, shown: string, field: string): DomainError {
  if (verdict.kind === 'unreadable') {
    return documentUnreadable(shown, field);
  }
  const what = REASONS[verdict.kind];
  const detail =
    verdict.kind === 'encrypted'
      ? `Il PDF «${shown}» è cifrato o protetto da password e non può essere controllato: caricare una copia senza protezione.`
      : `Il PDF «${shown}» contiene contenuti attivi (${what}) e non può essere accettato: caricare una scansione o un PDF senza script né allegati.`;
  return documentUnsafe(
    detail,
    field,
    verdict.kind === 'encrypted' ? 'PDF cifrato.' : 'PDF con contenuti attivi.',
  );
}

/**
 * `field` is the form field the file came in, so the message can stand next to it. Images are judged
 * by their magic bytes; a PDF is parsed in an inspection worker (inspection-pool.ts), never on the
 * event loop.
 */
export async function inspectUpload(
  fileName: string,
  source: UploadSource,
  field = 'documents',
  pool: InspectionPool = inspectionPool(),
): Promise<CheckedFile> {
  const type = detectType(await headOf(source));
  const shown = (fileName.split(/[\\/]/).pop() ?? '').replace(/[^\p{L}\p{N} ._-]/gu, '_').slice(0, 100);
  if (!type) {
    throw unsupportedMediaType(
      `Il file «${shown}» non è un PDF, un'immagine JPEG o PNG: sono ammessi solo questi formati.`,
      { issues: [{ field, message: 'Formato non ammesso (solo PDF, JPEG, PNG).' }] },
    );
  }
  if (type === 'application/pdf') {
    const verdict = await pool.inspect(source);
    if (!verdict.ok) throw refusal(verdict, shown, field);
  }
  return { fileName: sanitizeFileName(fileName, type), contentType: type };
}
