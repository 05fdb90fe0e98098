/** Demo documents are rendered like the real ones (documents/render-pdf.ts), with a demo author. */
import { renderPdf as renderDocument, type Pdf } from '../documents/render-pdf.js';

export type { Pdf };

export const renderPdf = (
  info: { Title: string; CreationDate?: Date },
  draw: (doc: Pdf) => void,
): Promise<Buffer> => renderDocument({ ...info, Author: 'Esenzioni — dati dimostrativi' }, draw);

/** The mark every demo document carries, so a printout is never mistaken for a real one. */
export function demoMark(doc: Pdf): void {
  doc.save();
  doc.rotate(-35, { origin: [300, 420] });
  doc.font('Helvetica-Bold').fontSize(52).fillColor('#d0d0d0').fillOpacity(0.5);
  doc.text('DATI DIMOSTRATIVI', -10, 400, { width: 620, align: 'center', lineBreak: false });
  doc.restore();
  doc.fillOpacity(1).fillColor('#000000');
  doc.rect(56, 40, 483, 22).fill('#b00020');
  doc.font('Helvetica-Bold').fontSize(10).fillColor('#ffffff');
  doc.text('DATI DIMOSTRATIVI — DOCUMENTO NON VALIDO, PERSONE E DATI FITTIZI', 56, 47, {
    width: 483,
    align: 'center',
  });
  doc.fillColor('#000000');
}
