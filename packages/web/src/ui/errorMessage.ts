import { isApiError } from '../api/client';

/** The Italian message for an error from the API (or any other error). */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) {
    if (e.status === 0) return e.message;
    if (e.status === 403) return e.problem?.detail || 'Il profilo attivo non consente questa operazione.';
    if (e.status === 404) return e.problem?.detail || 'Risorsa non trovata.';
    if (e.status >= 500) return 'Il servizio non è al momento disponibile. Riprovare tra qualche minuto.';
    const issues = e.problem?.issues?.map((i) => i.message).join(' ');
    return issues || e.problem?.detail || e.message;
  }
  return 'Si è verificato un errore imprevisto. Riprovare.';
}
