/**
 * The specialist's pathology certificate ("certificato di patologia") of a demo case: an A4 PDF in
 * Italian with diagnosis (ICD-9-CM) and exemption code, marked as demo data on every page.
 */
import { formatItalianDate } from '@esenzioni/domain';
import { section } from '../documents/render-pdf.js';
import { demoMark, renderPdf } from './pdf.js';

export interface PathologyCertificateInput {
  caseNumber: string;
  beneficiary: { fiscalCode: string; firstName: string; lastName: string; birthDate: string | null };
  doctor: { fiscalCode: string; name: string; structure: string };
  /** null for conditions without an ICD-9-CM code */
  diagnosis: { code: string; description: string } | null;
  exemption: { code: string; description: string };
  /** YYYY-MM-DD */
  issuedOn: string;
  verificationCode: string;
}

export function renderPathologyCertificate(c: PathologyCertificateInput): Promise<Buffer> {
  return renderPdf(
    {
      Title: `Certificato di patologia — pratica ${c.caseNumber}`,
      CreationDate: new Date(`${c.issuedOn}T09:00:00Z`),
    },
    (doc) => {
      demoMark(doc);
      doc.font('Helvetica-Bold').fontSize(18).text('CERTIFICATO DI PATOLOGIA', 56, 90, { align: 'center' });
      doc
        .font('Helvetica')
        .fontSize(10)
        .text(
          "ai fini del riconoscimento dell'esenzione dalla partecipazione al costo delle prestazioni sanitarie",
          { align: 'center' },
        );
      section(doc, 'Pratica', [
        ['Numero pratica', c.caseNumber],
        ['Data di rilascio', formatItalianDate(c.issuedOn)],
        ['Codice di verifica', c.verificationCode],
      ]);
      section(doc, 'Assistito', [
        ['Cognome e nome', `${c.beneficiary.lastName} ${c.beneficiary.firstName}`],
        ['Codice fiscale', c.beneficiary.fiscalCode],
        ['Data di nascita', formatItalianDate(c.beneficiary.birthDate)],
      ]);
      section(doc, "Si certifica che l'assistito è affetto da", [
        [
          'Diagnosi (ICD-9-CM)',
          c.diagnosis ? `${c.diagnosis.code} — ${c.diagnosis.description}` : 'non codificata in ICD-9-CM',
        ],
        ['Codice di esenzione', `${c.exemption.code} — ${c.exemption.description}`],
      ]);
      section(doc, 'Medico certificatore', [
        ['Medico', c.doctor.name],
        ['Codice fiscale', c.doctor.fiscalCode],
        ['Struttura', c.doctor.structure],
      ]);
      doc
        .moveDown(2)
        .font('Helvetica-Oblique')
        .fontSize(9)
        .fillColor('#444444')
        .text(
          'Documento generato automaticamente per la dimostrazione del servizio "Esenzioni": nominativi, ' +
            'codici e date sono fittizi e non hanno alcun valore legale o clinico.',
        );
    },
  );
}
