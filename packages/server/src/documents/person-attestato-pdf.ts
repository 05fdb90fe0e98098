/**
 * The one attestato per person (docs/domain.md §1.3: "one attestato per person listing all recognised
 * conditions", in coded form, with the exempt services): every exemption in force on the day of
 * issue, numbered and dated, with the verification code and its QR code (the public check's URL).
 * Same look as the attestato of a single exemption (attestato-pdf.ts).
 */
import QRCode from 'qrcode';
import { EXEMPTION_FAMILY_LABELS, formatItalianDate, type ExemptionFamily } from '@esenzioni/domain';
import { heading, paragraph, renderPdf, section, type Pdf } from './render-pdf.js';
import { printServices, type ServicesPrint } from './attestato-pdf.js';

/** When no service is listed for the code: the wording of the single attestato. */
export const STANDARD_SERVICES_SENTENCE =
  'Esente limitatamente alle prestazioni previste per la condizione dalla normativa vigente.';

export interface PersonAttestatoInput {
  aslName: string;
  beneficiary: { fiscalCode: string; firstName: string; lastName: string; birthDate: string | null };
  exemptions: Array<{
    code: string;
    description: string;
    family: ExemptionFamily;
    validFrom: string;
    validUntil: string | null;
    services: Array<{ code: string | null; description: string; example: boolean }>;
    /** issue 12 §4, §8: the scope and the sentence of the code (when given, they replace the old wording) */
    scope?: ServicesPrint['scope'];
    servicesSentence?: string | null;
  }>;
  number: number;
  /** YYYY-MM-DD: the day of issue, on which every listed exemption is in force */
  issuedOn: string;
  /** as printed, e.g. ABCD-EFGH-JKMN-PQRS */
  verificationCode: string;
  /** the public check's URL, encoded in the QR code */
  verifyUrl: string;
  /** demo data: every page says so */
  demo: boolean;
}

function demoMark(doc: Pdf): void {
  doc
    .moveDown(0.5)
    .font('Helvetica-Bold')
    .fontSize(12)
    .fillColor('#b00020')
    .text('DEMO - dati dimostrativi, documento privo di validità', { align: 'center' })
    .fillColor('#000000');
}

export async function renderPersonAttestatoPdf(a: PersonAttestatoInput): Promise<Buffer> {
  const qr = await QRCode.toBuffer(a.verifyUrl, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
    width: 240,
  });
  return renderPdf({ Title: 'Attestato di esenzione', Author: a.aslName }, (doc) => {
    if (a.demo) {
      doc.on('pageAdded', () => {
        const y = doc.y;
        doc
          .font('Helvetica-Bold')
          .fontSize(10)
          .fillColor('#b00020')
          .text('DEMO', 56, 30, { align: 'right' })
          .fillColor('#000000');
        doc.y = y;
      });
    }
    heading(
      doc,
      'ATTESTATO DI ESENZIONE',
      'dalla partecipazione al costo delle prestazioni sanitarie (ticket): tutte le esenzioni in vigore',
    );
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(11).text(a.aslName, { align: 'center' });
    if (a.demo) demoMark(doc);
    section(doc, 'Attestato', [
      ['Numero', String(a.number)],
      ['Data di emissione', formatItalianDate(a.issuedOn)],
      ['Codice di verifica', a.verificationCode],
    ]);
    section(doc, 'Assistito', [
      ['Cognome e nome', `${a.beneficiary.lastName} ${a.beneficiary.firstName}`],
      ['Codice fiscale', a.beneficiary.fiscalCode],
      ['Data di nascita', formatItalianDate(a.beneficiary.birthDate)],
    ]);
    if (a.exemptions.length === 0) {
      paragraph(doc, `Alla data del ${formatItalianDate(a.issuedOn)} non risultano esenzioni in vigore.`);
    }
    a.exemptions.forEach((e, i) => {
      section(doc, `Esenzione ${i + 1} di ${a.exemptions.length}`, [
        ['Codice', e.code],
        ['Condizione', e.description],
        ['Tipologia', EXEMPTION_FAMILY_LABELS[e.family] ?? e.family],
        ['Valida dal', formatItalianDate(e.validFrom)],
        ['Valida fino al', e.validUntil ? formatItalianDate(e.validUntil) : 'senza scadenza'],
      ]);
      if (e.scope) {
        printServices(doc, { scope: e.scope, sentence: e.servicesSentence ?? null, items: e.services });
      } else if (e.services.length === 0) {
        doc
          .font('Helvetica')
          .fontSize(10)
          .fillColor('#000000')
          .text(`Prestazioni esenti: ${STANDARD_SERVICES_SENTENCE}`);
      } else {
        doc.font('Helvetica').fontSize(10).fillColor('#000000').text('Prestazioni esenti:');
        for (const s of e.services) {
          const label = `${s.code ? `${s.code} ` : ''}${s.description}${s.example ? ' (esempio)' : ''}`;
          doc.text(`- ${label}`, { indent: 12 });
        }
      }
    });
    paragraph(
      doc,
      `Si attesta che l'assistito sopra indicato, alla data del ${formatItalianDate(a.issuedOn)}, ha diritto ` +
        "all'esenzione dalla partecipazione al costo delle prestazioni sanitarie per i codici riportati, " +
        'limitatamente alle prestazioni previste per ciascuna condizione. Il medico prescrittore riporta il ' +
        'codice sulla ricetta.',
    );
    if (doc.y > 841.89 - 56 - 150) doc.addPage();
    doc.moveDown(0.9);
    const top = doc.y;
    doc.image(qr, 56, top, { width: 110, height: 110 });
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor('#000000')
      .text('Verifica dell’attestato', 180, top)
      .font('Helvetica')
      .text(
        `Inquadrare il codice QR o aprire l’indirizzo seguente: risponde soltanto se l’attestato è valido alla data della verifica, senza dati personali.`,
        180,
        doc.y,
        { width: 359 },
      )
      .moveDown(0.3)
      .text(a.verifyUrl, 180, doc.y, { width: 359 })
      .moveDown(0.3)
      .text(`Codice di verifica: ${a.verificationCode}`, 180, doc.y, { width: 359 });
    doc.x = 56;
  });
}
