/**
 * The "attestato di esenzione" the citizen downloads for a validated exemption (docs/domain.md §1.3,
 * §2.5): ASL, beneficiary, exemption in coded form with its description, validity, case number.
 */
import {
  EXEMPTION_FAMILY_LABELS,
  EXEMPTION_SCOPE_LABELS,
  INVALIDITY_KIND_LABELS,
  formatItalianDate,
  invalidityGradeText,
  type ExemptionFamily,
  type ExemptionScope,
  type InvalidityData,
} from '@esenzioni/domain';
import { heading, paragraph, renderPdf, section, type Pdf } from './render-pdf.js';

/** What the exemption covers (issue 12 §4, §8): scope, sentence or list, shared with the person's attestato. */
export interface ServicesPrint {
  scope: ExemptionScope;
  sentence: string | null;
  items: Array<{ code: string | null; description: string; example: boolean }>;
}

export function printServices(doc: Pdf, s: ServicesPrint): void {
  doc.font('Helvetica').fontSize(10).fillColor('#000000').text(`Ambito: ${EXEMPTION_SCOPE_LABELS[s.scope]}.`);
  if (s.sentence) doc.text(`Prestazioni esenti: ${s.sentence}`);
  if (s.items.length > 0) {
    doc.text(s.sentence ? 'Esempi dal manuale d’uso (non sono l’elenco ufficiale):' : 'Prestazioni esenti:');
    for (const i of s.items) {
      doc.text(`- ${i.code ? `${i.code} ` : ''}${i.description}${i.example ? ' (esempio)' : ''}`, {
        indent: 12,
      });
    }
  }
}

/** The verbale of an invalidity exemption, as the attestato prints it. */
export const verbaleRows = (v: InvalidityData): Array<[string, string]> => [
  ['Invalidità', INVALIDITY_KIND_LABELS[v.kind]],
  ['Grado', invalidityGradeText(v)],
  ['Indennità di accompagnamento', v.accompaniment ? 'sì' : 'no'],
  ['Verbale', `n. ${v.verbaleNumber} del ${formatItalianDate(v.verbaleDate)}, ${v.issuingBody}`],
];

export interface AttestatoInput {
  aslName: string;
  beneficiary: { fiscalCode: string; firstName: string; lastName: string; birthDate: string | null };
  exemption: { code: string; description: string; family: ExemptionFamily };
  validFrom: string;
  validUntil: string | null;
  caseNumber: string | null;
  /** YYYY-MM-DD, the day the attestato is printed */
  printedOn: string;
  /** issue 12 §4, §8: what the exemption covers; the verbale of an invalidity exemption */
  services?: ServicesPrint;
  invalidity?: InvalidityData | null;
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
      ...(a.invalidity ? verbaleRows(a.invalidity) : []),
    ]);
    if (a.services) printServices(doc, a.services);
    paragraph(
      doc,
      "Si attesta che l'assistito sopra indicato ha diritto all'esenzione dalla partecipazione al costo " +
        'delle prestazioni sanitarie per il codice riportato, limitatamente alle prestazioni previste per ' +
        'la condizione dalla normativa vigente. Il medico prescrittore riporta il codice sulla ricetta.',
    );
    section(doc, 'Emissione', [['Data di stampa', formatItalianDate(a.printedOn)]]);
  });
}
