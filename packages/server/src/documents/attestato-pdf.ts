/**
 * The "attestato di esenzione" the citizen downloads for a validated exemption (docs/domain.md §1.3,
 * §2.5): ASL, beneficiary, exemption in coded form with its description, validity, case number.
 */
import { EXEMPTION_FAMILY_LABELS, formatItalianDate, type ExemptionFamily } from '@esenzioni/domain';
import { heading, paragraph, renderPdf, section } from './render-pdf.js';

export interface AttestatoInput {
  aslName: string;
  beneficiary: { fiscalCode: string; firstName: string; lastName: string; birthDate: string | null };
  exemption: { code: string; description: string; family: ExemptionFamily };
  validFrom: string;
  validUntil: string | null;
  caseNumber: string | null;
  /** YYYY-MM-DD, the day the attestato is printed */
  printedOn: string;
}

export function renderAttestatoPdf(a: AttestatoInput): Promise<Buffer> {
  return renderPdf({ Title: 'Attestato di esenzione', Author: a.aslName }, (doc) => {
    heading(
      doc,
      'ATTESTATO DI ESENZIONE',
      'dalla partecipazione al costo delle prestazioni sanitarie (ticket)',
    );
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(11).text(a.aslName, { align: 'center' });
    section(doc, 'Assistito', [
      ['Cognome e nome', `${a.beneficiary.lastName} ${a.beneficiary.firstName}`],
      ['Codice fiscale', a.beneficiary.fiscalCode],
      ['Data di nascita', formatItalianDate(a.beneficiary.birthDate)],
    ]);
    section(doc, 'Esenzione', [
      ['Tipologia', EXEMPTION_FAMILY_LABELS[a.exemption.family] ?? a.exemption.family],
      ['Codice', a.exemption.code],
      ['Descrizione', a.exemption.description],
      ['Valida dal', formatItalianDate(a.validFrom)],
      ['Valida fino al', a.validUntil ? formatItalianDate(a.validUntil) : 'senza scadenza'],
      ['Numero pratica', a.caseNumber ?? '—'],
    ]);
    paragraph(
      doc,
      "Si attesta che l'assistito sopra indicato ha diritto all'esenzione dalla partecipazione al costo " +
        'delle prestazioni sanitarie per il codice riportato, limitatamente alle prestazioni previste per ' +
        'la condizione dalla normativa vigente. Il medico prescrittore riporta il codice sulla ricetta.',
    );
    section(doc, 'Emissione', [['Data di stampa', formatItalianDate(a.printedOn)]]);
  });
}
