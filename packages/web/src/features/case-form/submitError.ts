import { isApiError } from '../../api/client';
import { errorMessage } from '../../ui/errorMessage';

/** The sentence above the form after a refused submission (the details go next to the fields). */
export function submitErrorText(e: unknown): string {
  if (isApiError(e)) {
    if (e.status === 400 && e.problem?.issues?.length)
      return 'Alcuni dati non sono validi: controllare i campi segnalati.';
    if (e.status === 409 && e.problem?.detail) return e.problem.detail;
    if (e.status >= 400 && e.status < 500 && e.problem?.detail) return e.problem.detail;
  }
  return errorMessage(e);
}
