/**
 * «Chi presenta la richiesta» at the counter (issue 17 §3), apart from React: the form's state, its
 * problems (the domain's rules, plus the fiscal code's format, every one at once) and the fields sent.
 */
import { fiscalCodeProblem, normalizeFiscalCode } from '@esenzioni/domain/fiscal-code';
import type { PresenterKind } from '@esenzioni/domain/enums';
import { presenterProblems } from '@esenzioni/domain/presenter';
import type { FieldErrors } from './issues';

export interface PresenterForm {
  kind: PresenterKind;
  fiscalCode: string;
  name: string;
  delegation: File[];
}

export const EMPTY_PRESENTER: PresenterForm = {
  kind: 'BENEFICIARY',
  fiscalCode: '',
  name: '',
  delegation: [],
};

/** The controls of each field the server names in its issues (for the summary and the focus). */
export const PRESENTER_FIELD_IDS = {
  presentedBy: 'presentata-da-BENEFICIARY',
  presenterFiscalCode: 'presentatore-cf',
  presenterName: 'presentatore-nome',
  delegation: 'delega-file',
} as const;

export const PRESENTER_FOCUS_ORDER = Object.entries(PRESENTER_FIELD_IDS) as ReadonlyArray<
  readonly [keyof typeof PRESENTER_FIELD_IDS, string]
>;

export function presenterFormProblems(
  v: PresenterForm,
  beneficiary: { fiscalCode: string; birthDate: string | null } | null,
  today: string,
): FieldErrors {
  const out: FieldErrors = {};
  const cf = normalizeFiscalCode(v.fiscalCode);
  const named = v.kind !== 'BENEFICIARY';
  const format = named && cf ? fiscalCodeProblem(cf) : null;
  if (format) out.presenterFiscalCode = 'Codice fiscale di chi presenta la richiesta non valido.';
  for (const p of presenterProblems(
    {
      presentedBy: v.kind,
      presenterFiscalCode: cf || undefined,
      presenterName: v.name.trim() || undefined,
    },
    {
      beneficiaryFiscalCode: beneficiary?.fiscalCode ?? '',
      beneficiaryBirthDate: beneficiary?.birthDate ?? null,
      today,
      hasDelegation: v.delegation.length > 0,
    },
  ))
    out[p.field] ??= p.message;
  return out;
}

/** The form fields sent with the counter's request; nothing but the kind for the beneficiary. */
export const presenterRequestFields = (v: PresenterForm): Record<string, string | undefined> =>
  v.kind === 'BENEFICIARY'
    ? { presentedBy: 'BENEFICIARY' }
    : {
        presentedBy: v.kind,
        presenterFiscalCode: normalizeFiscalCode(v.fiscalCode),
        presenterName: v.name.trim(),
      };
