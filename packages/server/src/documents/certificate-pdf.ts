/**
 * The specialist's pathology certificate ("certificato di patologia"), A4 in Italian: doctor and
 * structure, beneficiary, diagnosis (ICD-9-CM 2007), exemption code, date and verification code.
 */
import { randomInt } from 'node:crypto';
import { formatItalianDate } from '@esenzioni/domain';
import { heading, paragraph, renderPdf, section } from './render-pdf.js';

export interface CertificateInput {
  doctor: { fiscalCode: string; name: string; structure: string };
  beneficiary: { fiscalCode: string; firstName: string; lastName: string; birthDate: string | null };
  diagnosis: { code: string; description: string };
  exemption: { code: string; description: string };
  /** YYYY-MM-DD */
  issuedOn: string;
  verificationCode: string;
}

/** No 0/O, 1/I/L: the code is typed by hand when checked. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** 12 random characters in three groups, e.g. `K7P3-QX9M-2DHT`. */
export function newVerificationCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

export function renderCertificatePdf(c: CertificateInput): Promise<Buffer> {
  return renderPdf({ Title: 'Certificato di patologia', Author: c.doctor.structure }, (doc) => {
    heading(
      doc,
      'CERTIFICATO DI PATOLOGIA',
      "ai fini del riconoscimento dell'esenzione dalla partecipazione al costo delle prestazioni sanitarie",
    );
    section(doc, 'Medico certificatore', [
      ['Medico', c.doctor.name],
      ['Codice fiscale', c.doctor.fiscalCode],
      ['Struttura', c.doctor.structure],
    ]);
    section(doc, 'Assistito', [
      ['Cognome e nome', `${c.beneficiary.lastName} ${c.beneficiary.firstName}`],
      ['Codice fiscale', c.beneficiary.fiscalCode],
      ['Data di nascita', formatItalianDate(c.beneficiary.birthDate)],
    ]);
    section(doc, 'Diagnosi ed esenzione', [
      ['Diagnosi (ICD-9-CM 2007)', `${c.diagnosis.code} — ${c.diagnosis.description}`],
      ['Codice esenzione', `${c.exemption.code} — ${c.exemption.description}`],
    ]);
    paragraph(
      doc,
      "Si certifica che l'assistito sopra indicato è affetto dalla patologia riportata, che dà diritto " +
        "all'esenzione indicata ai sensi della normativa vigente. Il certificato è trasmesso per via " +
        "telematica all'ASL di residenza dell'assistito per il riconoscimento del diritto.",
    );
    section(doc, 'Rilascio', [
      ['Data di rilascio', formatItalianDate(c.issuedOn)],
      ['Codice di verifica', c.verificationCode],
    ]);
  });
}
