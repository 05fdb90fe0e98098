/**
 * Domain errors: factories with a stable machine code and an Italian title for people.
 * The server maps each code to an HTTP status in one table (server/src/http/problem.ts).
 */
import type { CaseStatus, Role } from './enums.js';
import { CASE_STATUS_LABELS } from './enums.js';

export const ERROR_TITLES = {
  VALIDATION_FAILED: 'Dati non validi',
  MALFORMED_JSON: 'Richiesta non leggibile',
  UNAUTHENTICATED: 'Accesso richiesto',
  INVALID_CREDENTIALS: 'Credenziali non valide',
  ACCOUNT_LOCKED: 'Troppi tentativi di accesso',
  SESSION_EXPIRED: 'Sessione scaduta',
  CSRF_TOKEN_INVALID: 'Richiesta non autorizzata',
  PROFILE_REQUIRED: 'Profilo non selezionato',
  PROFILE_UNKNOWN: 'Profilo non disponibile',
  FORBIDDEN: 'Operazione non consentita',
  NOT_FOUND: 'Risorsa non trovata',
  CASE_NOT_FOUND: 'Pratica non trovata',
  DOCUMENT_NOT_FOUND: 'Documento non trovato',
  EXEMPTION_CODE_UNKNOWN: 'Codice esenzione sconosciuto',
  TRANSITION_NOT_ALLOWED: 'Operazione non consentita nello stato attuale',
  PRECONDITION_REQUIRED: 'Versione della pratica mancante',
  VERSION_CONFLICT: 'La pratica è stata modificata da un altro utente',
  API_KEY_INVALID: 'Chiave API non valida',
  RATE_LIMITED: 'Troppe richieste',
  PAYLOAD_TOO_LARGE: 'Richiesta troppo grande',
  UNSUPPORTED_MEDIA_TYPE: 'Formato non supportato',
  INTERNAL: 'Errore interno',
  DATABASE_UNAVAILABLE: 'Servizio temporaneamente non disponibile',
  PERSON_UNKNOWN: 'Assistito non presente in anagrafe',
  PERSON_NOT_FOUND: 'Assistito non trovato',
  DIAGNOSIS_UNKNOWN: 'Diagnosi sconosciuta',
  EXEMPTION_CODE_NOT_ASSIGNABLE: 'Codice esenzione non assegnabile',
  EXEMPTION_CODE_NOT_IN_FORCE: 'Codice esenzione non in vigore',
  EXEMPTION_DIAGNOSIS_MISMATCH: 'Codice esenzione non coerente con la diagnosi',
  CERTIFICATE_DATE_IN_FUTURE: 'Data del certificato nel futuro',
  CERTIFICATE_TOO_OLD: 'Certificato troppo vecchio',
  CASE_ALREADY_OPEN: 'Pratica già presente',
  DELEGATION_NOT_FOUND: 'Delega non trovata',
  DELEGATION_ALREADY_ACTIVE: 'Delega già presente',
  DOCUMENT_UNSAFE: 'Documento non accettato',
  DOCUMENT_UNREADABLE: 'Documento non analizzabile',
  DOCUMENT_REQUIRED: 'Documento mancante',
  NOTIFICATION_NOT_FOUND: 'Notifica non trovata',
  EXEMPTION_NOT_FOUND: 'Esenzione non trovata',
  SEGREGATION_OF_DUTIES: 'Operazione non consentita per separazione dei compiti',
} as const;

export type ErrorCode = keyof typeof ERROR_TITLES;

export interface FieldIssue {
  field: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly title: string;
  readonly detail: string;
  readonly extra: Record<string, unknown>;

  constructor(code: ErrorCode, detail: string, extra: Record<string, unknown> = {}) {
    super(`${code}: ${detail}`);
    this.name = 'DomainError';
    this.code = code;
    this.title = ERROR_TITLES[code];
    this.detail = detail;
    this.extra = extra;
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

export const validationFailed = (issues: FieldIssue[]) =>
  new DomainError('VALIDATION_FAILED', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues });

export const caseNotFound = (caseNumber: string) =>
  new DomainError(
    'CASE_NOT_FOUND',
    `La pratica ${caseNumber} non esiste o non è di competenza del profilo attivo.`,
  );

export const documentNotFound = () =>
  new DomainError('DOCUMENT_NOT_FOUND', 'Il documento richiesto non è disponibile per questa pratica.');

export const exemptionCodeUnknown = (code: string) =>
  new DomainError('EXEMPTION_CODE_UNKNOWN', `Il codice esenzione «${code}» non è presente nel catalogo.`, {
    issues: [{ field: 'exemptionCode', message: `Codice esenzione «${code}» sconosciuto` }],
  });

export interface LastChange {
  at: string;
  actorFiscalCode: string;
  actorRole: Role;
}

export const transitionNotAllowed = (
  caseNumber: string,
  from: CaseStatus,
  action: string,
  lastChange?: LastChange,
) =>
  new DomainError(
    'TRANSITION_NOT_ALLOWED',
    `La pratica ${caseNumber} è nello stato «${CASE_STATUS_LABELS[from]}»` +
      (lastChange ? `, impostato da ${lastChange.actorFiscalCode} (${lastChange.actorRole})` : '') +
      `: l'operazione «${action}» non è consentita.`,
    { currentStatus: from, lastChange },
  );

/** Someone acted first: say who, and the state they left, so nobody overwrites silently. */
export const versionConflict = (
  caseNumber: string,
  currentVersion: number,
  currentStatus: CaseStatus,
  lastChange?: LastChange,
) =>
  new DomainError(
    'VERSION_CONFLICT',
    `La pratica ${caseNumber} è stata modificata da un altro utente` +
      (lastChange ? ` (${lastChange.actorFiscalCode}, ${lastChange.actorRole})` : '') +
      `: ora è nello stato «${CASE_STATUS_LABELS[currentStatus]}». Ricarica la pratica per vederla.`,
    { currentVersion, currentStatus, lastChange },
  );

export const preconditionRequired = () =>
  new DomainError(
    'PRECONDITION_REQUIRED',
    "Manca l'intestazione If-Match con la versione della pratica (ETag del dettaglio).",
  );

export const forbidden = (detail = 'Il profilo attivo non consente questa operazione.') =>
  new DomainError('FORBIDDEN', detail);
