/**
 * The "certificato nominativo di esenzione per reddito" (issue 12 §1; docs/domain.md §1.1): what a
 * person not on the MEF list receives after self-certifying at the ASL or online — beneficiary, code
 * and its condition, the declaration (declarant, title, household, income of the year, limit applied),
 * validity to the cut-off, case number, and the DPR 445/2000 statement the declarant answers for.
 */
import {
  DECLARANT_TITLE_LABELS,
  formatEuroCents,
  formatItalianDate,
  INCOME_RULE_TEXT,
  isIncomeCode,
  type IncomeDeclarationResponse,
} from '@esenzioni/domain';
import { heading, paragraph, renderPdf, section } from './render-pdf.js';

export interface IncomeCertificateInput {
  aslName: string;
  view: IncomeDeclarationResponse;
  birthDate: string | null;
  /** YYYY-MM-DD, the day it is printed */
  printedOn: string;
}

export function renderIncomeCertificatePdf(a: IncomeCertificateInput): Promise<Buffer> {
  const v = a.view;
  return renderPdf({ Title: 'Certificato nominativo di esenzione per reddito', Author: a.aslName }, (doc) => {
    heading(
      doc,
      'CERTIFICATO NOMINATIVO DI ESENZIONE PER REDDITO',
      'dalla partecipazione al costo delle prestazioni di specialistica ambulatoriale (ticket)',
    );
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(11).text(a.aslName, { align: 'center' });
    section(doc, 'Beneficiario', [
      ['Cognome e nome', `${v.beneficiary.lastName} ${v.beneficiary.firstName}`],
      ['Codice fiscale', v.beneficiary.fiscalCode],
      ['Data di nascita', formatItalianDate(a.birthDate)],
    ]);
    section(doc, 'Esenzione', [
      ['Codice', v.exemptionCode],
      ['Descrizione', v.description],
      ['Condizione', isIncomeCode(v.exemptionCode) ? INCOME_RULE_TEXT[v.exemptionCode] : '—'],
      ['Valida dal', formatItalianDate(v.validFrom)],
      ['Valida fino al', v.validUntil ? formatItalianDate(v.validUntil) : 'senza scadenza'],
      ['Numero pratica', v.caseNumber],
    ]);
    const household: Array<[string, string]> = [
      ['Dichiarante', `${v.declarantFiscalCode} (${DECLARANT_TITLE_LABELS[v.declarantTitle]})`],
      ...(v.holderFiscalCode
        ? ([['Titolare della condizione', v.holderFiscalCode]] as Array<[string, string]>)
        : []),
      ['Data della dichiarazione', formatItalianDate(v.declaredAt.slice(0, 10))],
      ['Coniuge', v.hasSpouse ? 'sì' : 'no'],
      ['Figli a carico', String(v.dependentChildren ?? 0)],
    ];
    if (v.householdIncomeCents !== null) {
      household.push([
        `Reddito familiare ${v.incomeYear ?? ''}`.trim(),
        formatEuroCents(v.householdIncomeCents),
      ]);
    }
    if (v.thresholdCents !== null)
      household.push(['Soglia applicata (inferiore a)', formatEuroCents(v.thresholdCents)]);
    section(doc, 'Autocertificazione', household);
    paragraph(
      doc,
      'Esenzione rilasciata sulla dichiarazione sostitutiva resa ai sensi degli artt. 46 e 47 del DPR ' +
        '445/2000, consapevole delle sanzioni penali previste dall’art. 76 per le dichiarazioni mendaci e ' +
        'della decadenza dai benefici (art. 75). L’ASL effettua controlli a campione sulle dichiarazioni ' +
        '(art. 71). Il certificato è personale: il medico prescrittore riporta il codice sulla ricetta.',
    );
    section(doc, 'Emissione', [['Data di stampa', formatItalianDate(a.printedOn)]]);
  });
}
