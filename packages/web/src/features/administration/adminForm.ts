/** The administration's forms: a refused request's field issues, by field, and the sentence above the form. */
import { isApiError } from '../../api/client';
import { errorMessage } from '../../ui/errorMessage';

/** `profiles.0.districtId` → `districtId` (forms with one profile), other fields as they are. */
export function fieldErrors(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isApiError(e)) return out;
  for (const i of e.problem?.issues ?? []) {
    const field = i.field.replace(/^profiles\.\d+\./, '').replace(/^(hours|closures)\.\d+\..*$/, '$1');
    out[field] ??= i.message;
  }
  return out;
}

export function formErrorText(e: unknown): string {
  if (isApiError(e) && e.status === 400 && e.problem?.issues?.length)
    return 'Alcuni dati non sono validi: controllare i campi segnalati.';
  if (isApiError(e) && e.status >= 400 && e.status < 500 && e.problem?.detail) return e.problem.detail;
  return errorMessage(e);
}
