/**
 * What an uploaded document is, by its content and never by its name or declared type: PDF, JPEG or
 * PNG by magic bytes; PDFs carrying JavaScript or launch actions are refused, also when the names
 * are written with #xx escapes or hidden in compressed streams. File names are made safe to store.
 */
import { inflateSync } from 'node:zlib';
import { DomainError } from '@esenzioni/domain';

export type AllowedType = 'application/pdf' | 'image/jpeg' | 'image/png';

const EXTENSIONS: Record<AllowedType, string> = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg', 'image/png': '.png' };
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (b: Uint8Array, sig: number[]) => b.length >= sig.length && sig.every((v, i) => b[i] === v);

export function detectType(bytes: Uint8Array): AllowedType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG)) return 'image/png';
  return null;
}

/** PDF name objects that run code or other programs when the document is opened. */
const ACTIVE_NAMES = new Set(['JS', 'JavaScript', 'Launch']);
/** Inflating every stream of a 10 MB file must stay bounded (a small stream can inflate to gigabytes). */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

function activeNameIn(text: string): string | null {
  for (const m of text.matchAll(/\/((?:[A-Za-z0-9]|#[0-9A-Fa-f]{2})+)/g)) {
    const name = (m[1] ?? '').replace(/#([0-9A-Fa-f]{2})/g, (_s, h: string) => String.fromCharCode(parseInt(h, 16)));
    if (ACTIVE_NAMES.has(name)) return name;
  }
  return null;
}

/** The first active-content name found in the PDF (its text and its Flate-compressed streams), or null. */
export function pdfActiveContent(bytes: Uint8Array): string | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString('latin1');
  const direct = activeNameIn(text);
  if (direct) return direct;
  let budget = MAX_INFLATED_BYTES;
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0 || budget <= 0) break;
    try {
      const inflated = inflateSync(buf.subarray(start, end), { maxOutputLength: budget });
      budget -= inflated.length;
      const found = activeNameIn(inflated.toString('latin1'));
      if (found) return found;
    } catch {
      // not Flate, or truncated: nothing more to read in this stream
    }
  }
  return null;
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
  bytes: Uint8Array;
}

/** `field` is the form field the file came in, so the message can stand next to it. */
export function inspectUpload(fileName: string, bytes: Uint8Array, field = 'documents'): CheckedFile {
  const type = detectType(bytes);
  const shown = (fileName.split(/[\\/]/).pop() ?? '').replace(/[^\p{L}\p{N} ._-]/gu, '_').slice(0, 100);
  if (!type) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `Il file «${shown}» non è un PDF, un'immagine JPEG o PNG: sono ammessi solo questi formati.`, {
      issues: [{ field, message: 'Formato non ammesso (solo PDF, JPEG, PNG).' }],
    });
  }
  if (type === 'application/pdf') {
    const active = pdfActiveContent(bytes);
    if (active) {
      throw new DomainError(
        'DOCUMENT_UNSAFE',
        `Il PDF «${shown}» contiene contenuti attivi (${active === 'Launch' ? "azioni che avviano programmi" : 'JavaScript'}) e non può essere accettato: caricare una scansione o un PDF senza script.`,
        { issues: [{ field, message: 'PDF con contenuti attivi.' }] },
      );
    }
  }
  return { fileName: sanitizeFileName(fileName, type), contentType: type, bytes };
}
