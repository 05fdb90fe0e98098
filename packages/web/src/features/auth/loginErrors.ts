import { isApiError } from '../../api/client';
import { formatTime } from '../../ui/format';
import { errorMessage } from '../../ui/errorMessage';

export interface LoginFields {
  username: string;
  password: string;
  pin: string;
}
export type LoginFieldErrors = Partial<Record<keyof LoginFields, string>>;

/** Same rules and words as `loginBody` in the API contract. */
export function validateLogin(f: LoginFields): LoginFieldErrors {
  const errors: LoginFieldErrors = {};
  if (!f.username.trim()) errors.username = 'Inserire il nome utente.';
  if (!f.password) errors.password = 'Inserire la password.';
  if (!f.pin.trim()) errors.pin = 'Inserire il PIN.';
  return errors;
}

function minutes(seconds: number): string {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return m === 1 ? '1 minuto' : `${m} minuti`;
}

/** The message shown above the login form for an API error. */
export function loginErrorMessage(e: unknown, now: Date = new Date()): { title: string; text: string } {
  if (isApiError(e) && e.status === 429) {
    const seconds = e.problem?.retryAfterSeconds ?? 900;
    const at = formatTime(new Date(now.getTime() + seconds * 1000));
    return {
      title: 'Accesso temporaneamente bloccato',
      text: `Troppi tentativi di accesso non riusciti: l'account è bloccato. Riprovare tra ${minutes(seconds)}, dopo le ore ${at}.`,
    };
  }
  if (isApiError(e) && e.status === 401) {
    return {
      title: 'Credenziali non valide',
      text: 'Username, password o PIN non corretti. Controllare i dati e riprovare.',
    };
  }
  return { title: 'Accesso non riuscito', text: errorMessage(e) };
}

/**
 * issue 13: why a login through SPID, CIE or the regional identity provider did not succeed
 * (the server sends the browser back to /accesso?errore=<reason>).
 */
export const IDENTITY_LOGIN_ERRORS: Record<string, { title: string; text: string }> = {
  stato: {
    title: 'Accesso non completato',
    text: "La richiesta di accesso non è più valida: è scaduta, è già stata usata oppure non è partita da questo browser. Ripetere l'accesso dall'inizio.",
  },
  codice: {
    title: 'Accesso non completato',
    text: "Il gestore di identità non ha confermato l'accesso (codice già usato o scaduto). Ripetere l'accesso dall'inizio.",
  },
  annullato: {
    title: 'Accesso annullato',
    text: "L'accesso è stato annullato presso il gestore di identità. Per entrare, ripetere l'accesso.",
  },
  livello: {
    title: 'Livello di sicurezza insufficiente',
    text: "Questo servizio richiede un'identità digitale di livello 2 o superiore (SPID con codice temporaneo o app, oppure CIE). Ripetere l'accesso scegliendo un livello adeguato.",
  },
  identita: {
    title: 'Identità non riconosciuta',
    text: "Il gestore di identità non ha comunicato il codice fiscale: non è possibile accedere. Riprovare o usare un'altra identità digitale.",
  },
  sconosciuto: {
    title: 'Accesso non consentito',
    text: "Il codice fiscale dell'identità digitale non risulta tra gli assistiti della Regione: non è possibile accedere al servizio. Rivolgersi allo sportello della propria ASL.",
  },
  operatore: {
    title: 'Accesso non consentito',
    text: "L'identità è stata riconosciuta, ma non ha un profilo di operatore in questo servizio. Chiedere l'abilitazione all'amministratore della propria ASL.",
  },
  provider: {
    title: 'Gestore di identità non raggiungibile',
    text: 'Il gestore di identità non è al momento disponibile o ha risposto in modo non valido. Riprovare tra qualche minuto.',
  },
};
