/**
 * Who presented a request at the counter (issue 17 §3). The beneficiary in person; or someone for
 * them, named with their fiscal code: a delegate, who brings the signed written delegation (a document
 * of its own kind, checked by the server among the files), a parent of a minor, or the guardian / support
 * administrator appointed by the court.
 */
import type { PresenterKind } from './enums.js';
import { isUnderAge } from './income.js';

export interface PresenterInput {
  presentedBy?: PresenterKind;
  presenterFiscalCode?: string;
  presenterName?: string;
}

export interface Presenter {
  kind: PresenterKind;
  fiscalCode: string | null;
  name: string | null;
}

export interface PresenterProblem {
  field: 'presentedBy' | 'presenterFiscalCode' | 'presenterName' | 'delegation';
  message: string;
}

/** The age of majority: a parent presents the request only for a minor child. */
export const AGE_OF_MAJORITY = 18;

/**
 * The presenter's problems, every one at once (the form shows them together): named when not the
 * beneficiary, never the beneficiary themselves, the written delegation for a delegate (and only then),
 * a minor for a parent (when the birth date is known).
 */
export function presenterProblems(
  input: PresenterInput,
  ctx: {
    beneficiaryFiscalCode: string;
    beneficiaryBirthDate: string | null;
    today: string;
    hasDelegation: boolean;
  },
): PresenterProblem[] {
  const kind = input.presentedBy ?? 'BENEFICIARY';
  const out: PresenterProblem[] = [];
  if (kind !== 'BENEFICIARY') {
    if (!input.presenterFiscalCode)
      out.push({
        field: 'presenterFiscalCode',
        message: 'Indicare il codice fiscale di chi presenta la richiesta.',
      });
    else if (input.presenterFiscalCode.toUpperCase() === ctx.beneficiaryFiscalCode.toUpperCase())
      out.push({
        field: 'presenterFiscalCode',
        message: 'Chi presenta la richiesta per un altro non può essere il beneficiario.',
      });
    if (!input.presenterName)
      out.push({ field: 'presenterName', message: 'Indicare nome e cognome di chi presenta la richiesta.' });
  }
  if (kind === 'DELEGATE' && !ctx.hasDelegation)
    out.push({ field: 'delegation', message: 'Allegare la delega scritta firmata dal beneficiario.' });
  if (kind !== 'DELEGATE' && ctx.hasDelegation)
    out.push({
      field: 'delegation',
      message: 'La delega scritta si allega solo quando la richiesta è presentata da un delegato.',
    });
  if (
    kind === 'PARENT' &&
    ctx.beneficiaryBirthDate &&
    !isUnderAge(ctx.beneficiaryBirthDate, AGE_OF_MAJORITY, ctx.today)
  )
    out.push({
      field: 'presentedBy',
      message: 'Un genitore presenta la richiesta solo per un figlio minorenne.',
    });
  return out;
}

/** What is stored: null fields for the beneficiary in person. */
export function presenterOf(input: PresenterInput): Presenter {
  const kind = input.presentedBy ?? 'BENEFICIARY';
  return kind === 'BENEFICIARY'
    ? { kind, fiscalCode: null, name: null }
    : {
        kind,
        fiscalCode: input.presenterFiscalCode?.toUpperCase() ?? null,
        name: input.presenterName?.trim().toUpperCase() ?? null,
      };
}
