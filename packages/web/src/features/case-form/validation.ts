/**
 * The browser's checks of the case forms before sending (the server checks everything again): each
 * one gives the Italian message shown next to its field, by the field name the server uses in its
 * issues. Pure functions of what was typed and chosen, and of today's date (Europe/Rome, ISO).
 */
import { parseItalianDate } from '@esenzioni/domain/validity';
import type { FieldErrors } from './issues';
import { fileProblem, tooMany } from './uploads';

export const MISSING_OR_INVALID = 'Alcuni dati mancano o non sono validi: controllare i campi segnalati.';
export const DATE_FORMAT_PROBLEM = 'Data non valida: usare il formato gg/mm/aaaa.';

/** The problem of a date of issue typed as gg/mm/aaaa: not a date, or after `today` (`future`). */
export function issuedOnProblem(typed: string, today: string, future: string): string | null {
  const iso = parseItalianDate(typed);
  if (!iso) return DATE_FORMAT_PROBLEM;
  return iso > today ? future : null;
}

export interface DocumentSlotCheck {
  /** the field the server names in its issues: certificate, identityDocument, documents */
  field: string;
  files: readonly File[];
  /** the message when no file was chosen: a required slot of one file */
  missing?: string;
}

/**
 * The problems of the documents: a required slot without its file, a file that cannot be sent, or
 * more files than a case takes in all (told at the optional `documents` slot).
 */
export async function documentProblems(slots: readonly DocumentSlotCheck[]): Promise<FieldErrors> {
  const out: FieldErrors = {};
  const total = slots.reduce((n, s) => n + s.files.length, 0);
  for (const s of slots) {
    const p =
      s.missing !== undefined
        ? s.files.length === 0
          ? s.missing
          : await fileProblem(s.files)
        : (tooMany(total) ?? (await fileProblem(s.files)));
    if (p) out[s.field] = p;
  }
  return out;
}

export interface CaseFormInput {
  counter: boolean;
  /** the assistito was found with «Cerca assistito» */
  hasPerson: boolean;
  hasDiagnosis: boolean;
  code: string;
  issuedOn: string;
  certificate: readonly File[];
  documents: readonly File[];
}

/** The specialist's certificate and the counter's case (with its scanned documents). */
export async function checkCaseForm(v: CaseFormInput, today: string): Promise<FieldErrors> {
  const e: FieldErrors = {};
  if (!v.hasPerson) e.beneficiaryFiscalCode = "Cercare l'assistito con «Cerca assistito» prima di inviare.";
  if (!v.counter && !v.hasDiagnosis) e.diagnosisCode = "Scegliere la diagnosi dall'elenco.";
  if (!v.code.trim()) e.exemptionCode = 'Indicare il codice esenzione.';
  const date = issuedOnProblem(
    v.issuedOn,
    today,
    'La data del certificato non può essere successiva a oggi.',
  );
  if (date) e.issuedOn = date;
  if (!v.counter) return e;
  return {
    ...e,
    ...(await documentProblems([
      { field: 'certificate', files: v.certificate, missing: 'Allegare il certificato scansionato.' },
      { field: 'documents', files: v.documents },
    ])),
  };
}

export interface RequestInput {
  kind: 'PATHOLOGY' | 'INVALIDITY';
  code: string;
  issuedOn: string;
  certificate: readonly File[];
  identityDocument: readonly File[];
  documents: readonly File[];
}

/** The citizen's request: the certificate (or the invalidity verbale) and an identity document. */
export async function checkRequest(v: RequestInput, today: string): Promise<FieldErrors> {
  const e: FieldErrors = {};
  // issue 17 §2: the citizen picks a pathology by its name, an invalidity by its code
  if (!v.code.trim())
    e.exemptionCode =
      v.kind === 'PATHOLOGY' ? "Scegliere la malattia dall'elenco." : 'Indicare il codice esenzione.';
  const date = issuedOnProblem(v.issuedOn, today, 'La data non può essere successiva a oggi.');
  if (date) e.issuedOn = date;
  return {
    ...e,
    ...(await documentProblems([
      {
        field: 'certificate',
        files: v.certificate,
        missing: v.kind === 'INVALIDITY' ? 'Allegare il verbale di invalidità.' : 'Allegare il certificato.',
      },
      {
        field: 'identityDocument',
        files: v.identityDocument,
        missing: "Allegare il documento d'identità.",
      },
      { field: 'documents', files: v.documents },
    ])),
  };
}

/** The ids of the controls with an error, in the order of the form (for focusFirst). */
export const idsWithErrors = (errors: FieldErrors, order: readonly (readonly [string, string])[]): string[] =>
  order.filter(([field]) => errors[field] !== undefined).map(([, id]) => id);
