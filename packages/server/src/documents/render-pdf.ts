/** A4 documents in Italian with pdfkit: render to a Buffer, and the labelled sections they share. */
import type PDFKit from 'pdfkit';

export type Pdf = InstanceType<typeof PDFKit>;

/** pdfkit (≈ 28 MB resident once loaded) is loaded by the first document, not at start-up. */
let pdfkit: Promise<typeof PDFKit> | undefined;

export async function renderPdf(
  info: { Title: string; Author: string; CreationDate?: Date },
  draw: (doc: Pdf) => void,
): Promise<Buffer> {
  const PDFDocument = await (pdfkit ??= import('pdfkit').then((m) => m.default));
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      lang: 'it-IT',
      info: { ...info, Producer: 'Esenzioni' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      draw(doc);
      doc.end();
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}

export function heading(doc: Pdf, title: string, subtitle: string): void {
  doc.font('Helvetica-Bold').fontSize(18).text(title, { align: 'center' });
  doc.moveDown(0.3).font('Helvetica').fontSize(10).text(subtitle, { align: 'center' });
}

/** A titled block of "label: value" lines. */
export function section(doc: Pdf, title: string, lines: Array<[string, string]>): void {
  doc.moveDown(0.9).font('Helvetica-Bold').fontSize(11).fillColor('#000000').text(title.toUpperCase());
  doc
    .moveTo(56, doc.y + 2)
    .lineTo(539, doc.y + 2)
    .lineWidth(0.5)
    .stroke('#666666');
  doc.moveDown(0.4);
  for (const [label, value] of lines) {
    doc.font('Helvetica').fontSize(10).fillColor('#444444').text(`${label}: `, { continued: true });
    doc
      .font('Helvetica-Bold')
      .fillColor('#000000')
      .text(value || '—');
  }
}

export function paragraph(doc: Pdf, text: string): void {
  doc.moveDown(0.9).font('Helvetica').fontSize(10).fillColor('#000000').text(text, { align: 'justify' });
}
