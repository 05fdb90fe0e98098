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
