/** multipart/form-data bodies for inject(), and sample files: real magic bytes, and the bad ones. */
import { deflateSync } from 'node:zlib';
import { PDF_BYTES } from './fixtures.js';

export interface FormPart {
  name: string;
  value?: string;
  file?: { filename: string; bytes: Uint8Array; contentType?: string };
}

export function multipartBody(parts: FormPart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----esz${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if (p.file) {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${p.name}"; filename="${p.file.filename}"\r\nContent-Type: ${p.file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        ),
      );
      chunks.push(Buffer.from(p.file.bytes));
    } else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value ?? ''}`));
    }
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Text fields as parts. */
export const fields = (values: Record<string, string>): FormPart[] =>
  Object.entries(values).map(([name, value]) => ({ name, value }));

export const pdf = (filename = 'certificato.pdf', bytes: Uint8Array = PDF_BYTES): FormPart['file'] => ({
  filename,
  bytes,
  contentType: 'application/pdf',
});

export const PNG_BYTES = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);
export const JPEG_BYTES = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);
/** A Windows executable ("MZ") renamed to .pdf. */
export const EXE_BYTES = Buffer.concat([
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
  Buffer.alloc(120, 0),
]);

export const PDF_WITH_JAVASCRIPT = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction 2 0 R>>endobj\n2 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
/** /Launch written with #xx escapes (/L#61unch), as malicious PDFs do to dodge naive scanners. */
export const PDF_WITH_ESCAPED_LAUNCH = Buffer.from(
  '%PDF-1.4\n1 0 obj<</OpenAction<</S/L#61unch/F(cmd.exe)>>>>endobj\n%%EOF\n',
  'latin1',
);
/** /JavaScript hidden in a Flate-compressed object stream. */
export function pdfWithCompressedJavaScript(): Buffer {
  const inner = deflateSync(Buffer.from('<</S/JavaScript/JS(app.alert(1))>>', 'latin1'));
  return Buffer.concat([
    Buffer.from(
      `%PDF-1.5\n3 0 obj<</Type/ObjStm/Filter/FlateDecode/Length ${inner.length}>>stream\n`,
      'latin1',
    ),
    inner,
    Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
  ]);
}

/** A valid PDF header followed by `size` bytes. */
export const bigPdf = (size: number) =>
  Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 9, 0x20)]);
