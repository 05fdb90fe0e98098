/**
 * Small demo attachments a citizen "uploads": a one-page PDF per kind and a tiny PNG "scan". They are
 * rendered once per seed and shared, since their content names no person.
 */
import { crc32, deflateSync } from 'node:zlib';
import { demoMark, renderPdf } from './pdf.js';

export interface DemoFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

const ATTACHMENT_PDFS = {
  'documento-identita.pdf': "Copia del documento d'identità",
  'verbale-invalidita.pdf': 'Copia del verbale di invalidità',
  'autocertificazione-reddito.pdf': 'Autocertificazione per esenzione da reddito (DPR 445/2000)',
  'certificato-specialistico.pdf': 'Copia del certificato specialistico',
} as const;
export type AttachmentName = keyof typeof ATTACHMENT_PDFS | 'scansione.png';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 64×40 greyscale PNG with a dark frame: enough for the download and preview to be real. */
export function demoPng(): Buffer {
  const w = 64;
  const h = 40;
  const raw = Buffer.alloc((w + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w + 1)] = 0; // filter: none
    for (let x = 0; x < w; x++) {
      const edge = x < 2 || y < 2 || x >= w - 2 || y >= h - 2 || (y % 8 === 4 && x > 8 && x < w - 8);
      raw[y * (w + 1) + 1 + x] = edge ? 60 : 235;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export async function renderAttachments(): Promise<Map<AttachmentName, DemoFile>> {
  const out = new Map<AttachmentName, DemoFile>();
  for (const [fileName, title] of Object.entries(ATTACHMENT_PDFS)) {
    const bytes = await renderPdf({ Title: title, CreationDate: new Date('2026-01-01T00:00:00Z') }, (doc) => {
      demoMark(doc);
      doc.font('Helvetica-Bold').fontSize(16).text(title.toUpperCase(), 56, 100, { align: 'center' });
      doc
        .moveDown()
        .font('Helvetica')
        .fontSize(11)
        .text(
          'Allegato dimostrativo caricato da un cittadino fittizio. Non contiene dati di persone reali.',
          { align: 'center' },
        );
    });
    out.set(fileName as AttachmentName, { fileName, contentType: 'application/pdf', bytes });
  }
  out.set('scansione.png', { fileName: 'scansione.png', contentType: 'image/png', bytes: demoPng() });
  return out;
}
