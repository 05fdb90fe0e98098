/**
 * Domain errors: factories with a stable machine code and an Italian title for people.
 * The server maps each code to an HTTP status in one table (server/src/http/problem.ts).
 *
 * Every error is built by one factory of this file, one per code: the wording of a code lives in one
 * place. The constructor wants a key only this module holds, and ESLint refuses `new DomainError(...)`
 * anywhere else; the class stays exported for `instanceof` and as a type.
 */
import type { CaseStatus, ExemptionFamily, Role } from './enums.js';
import { CASE_STATUS_LABELS, EXEMPTION_FAMILY_LABELS, ROLE_NAMES } from './enums.js';
import { formatItalianDate } from './validity.js';

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
  EXEMPTION_BLOCKED: 'Esenzione revocata con blocco',
  DELEGATION_NOT_FOUND: 'Delega non trovata',
  DELEGATION_ALREADY_ACTIVE: 'Delega già presente',
  DOCUMENT_UNSAFE: 'Documento non accettato',
  DOCUMENT_UNREADABLE: 'Documento non analizzabile',
  DOCUMENT_REQUIRED: 'Documento mancante',
  CERTIFICATE_MISSING: 'Certificato mancante',
  NOTIFICATION_NOT_FOUND: 'Notifica non trovata',
  EXEMPTION_NOT_FOUND: 'Esenzione non trovata',
  SEGREGATION_OF_DUTIES: 'Operazione non consentita per separazione dei compiti',
  EXEMPTION_AGE_LIMIT_PASSED: 'Esenzione non più rilasciabile per l’età',
  EXEMPTION_ALREADY_ACTIVE: 'Esenzione già attiva',
  RENEWAL_NOT_ALLOWED: 'Rinnovo non consentito',
  // issue 12 (H4): invalidity data and exempt services
  INVALIDITY_DATA_MISMATCH: 'Dati del verbale non coerenti con il codice di invalidità',
  EXEMPT_SERVICES_FILE_INVALID: 'File delle prestazioni esenti non valido',
  // issue 12 (H3): MEF list and art. 71 checks
  MEF_IMPORT_BUSY: 'Caricamento elenco MEF già in corso',
  // issue 13 §4: the person directory
  PERSON_NOT_ASSISTED: 'Persona non assistita dal Servizio sanitario regionale',
  DIRECTORY_UNAVAILABLE: 'Servizio anagrafe non disponibile',
  PERSON_IMPORT_BUSY: 'Caricamento anagrafe già in corso',
  MEF_LIST_INVALID: 'Elenco MEF non valido',
  MEF_LIST_OUTDATED: 'Elenco MEF precedente a quello caricato',
  DECLARATION_CHECK_NOT_FOUND: 'Controllo non trovato',
  DECLARATION_CHECK_DECIDED: 'Controllo già concluso',
  INCOME_REQUIREMENTS_NOT_MET: 'Requisiti per l’esenzione per reddito non soddisfatti',
  INCOME_EXEMPTION_HELD: 'Esenzione per reddito già presente',
  // issue 13: administration
  USERNAME_TAKEN: 'Nome utente già in uso',
  LAST_ADMIN: 'Ultimo amministratore attivo',
  // issue 13: SPID/CIE, the regional identity provider and the digital certificate
  IDENTITY_REFUSED: 'Accesso non consentito',
  CLIENT_CERTIFICATE_INVALID: 'Certificato digitale non valido',
  LOGIN_METHOD_DISABLED: 'Modalità di accesso non disponibile',
} as const;

export type ErrorCode = keyof typeof ERROR_TITLES;

export interface FieldIssue {
  field: string;
  message: string;
}

/** What a problem response carries beside the title and detail: field issues, Retry-After, state. */
export interface ErrorExtra {
  issues?: FieldIssue[];
  retryAfterSeconds?: number;
  [key: string]: unknown;
}

/** Held by this module only: without it the constructor cannot be called (nor typechecked). */
const FACTORY: unique symbol = Symbol('DomainError factory');

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly title: string;
  readonly detail: string;
  readonly extra: Record<string, unknown>;

  /** Use the factories below. */
  constructor(key: typeof FACTORY, code: ErrorCode, detail: string, extra: ErrorExtra = {}) {
    if (key !== FACTORY) throw new TypeError('DomainError: build it with a factory of errors.ts');
    super(`${code}: ${detail}`);
    this.name = 'DomainError';
    this.code = code;
    this.title = ERROR_TITLES[code];
    this.detail = detail;
    this.extra = extra;
  }
}

const make = (code: ErrorCode, detail: string, extra: ErrorExtra = {}) =>
  new DomainError(FACTORY, code, detail, extra);

/** The issues of one field, as the form shows them next to it. */
const onField = (field: string, message: string): { issues: FieldIssue[] } => ({
  issues: [{ field, message }],
});

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

// ---- request shape --------------------------------------------------------------------------------

/** 400. `detail` defaults to the issues joined; with no issues, no `issues` member is sent. */
export const validationFailed = (
  issues: FieldIssue[],
  detail = issues.map((i) => `${i.field}: ${i.message}`).join('; '),
  extra: ErrorExtra = {},
) => make('VALIDATION_FAILED', detail, issues.length > 0 ? { issues, ...extra } : extra);

export const malformedJson = (detail = 'Il corpo della richiesta non è un JSON valido.') =>
  make('MALFORMED_JSON', detail);

export const payloadTooLarge = (
  detail = 'La richiesta supera la dimensione massima consentita.',
  extra: ErrorExtra = {},
) => make('PAYLOAD_TOO_LARGE', detail, extra);

export const unsupportedMediaType = (detail = 'Tipo di contenuto non supportato.', extra: ErrorExtra = {}) =>
  make('UNSUPPORTED_MEDIA_TYPE', detail, extra);

export const rateLimited = (
  detail = 'Troppe richieste in poco tempo. Riprovare tra qualche istante.',
  extra: ErrorExtra = {},
) => make('RATE_LIMITED', detail, extra);

export const notFound = (detail = 'Risorsa non trovata.') => make('NOT_FOUND', detail);

export const internal = (detail = 'Si è verificato un errore imprevisto. Riprovare più tardi.') =>
  make('INTERNAL', detail);

export const databaseUnavailable = (retryAfterSeconds = 5) =>
  make(
    'DATABASE_UNAVAILABLE',
    'Il servizio è temporaneamente non disponibile. Riprovare tra qualche istante.',
    {
      retryAfterSeconds,
    },
  );

// ---- authentication and profile -------------------------------------------------------------------

export const unauthenticated = (detail = 'Accedere con le proprie credenziali per continuare.') =>
  make('UNAUTHENTICATED', detail);

export const invalidCredentials = (detail = 'Nome utente, password o PIN non corretti.') =>
  make('INVALID_CREDENTIALS', detail);

const plural = (n: number, stem: string, one: string, many: string) => `${n} ${stem}${n === 1 ? one : many}`;

export const accountLocked = (retryAfterSeconds: number) => {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return make(
    'ACCOUNT_LOCKED',
    `Troppi tentativi di accesso non riusciti. Riprovare tra ${plural(minutes, 'minut', 'o', 'i')}.`,
    { retryAfterSeconds },
  );
};

/** Too many login requests from one place in a short time (429 with Retry-After). */
export const loginRateLimited = (retryAfterSeconds: number) =>
  rateLimited(
    `Troppe richieste di accesso in poco tempo. Riprovare tra ${plural(retryAfterSeconds, 'second', 'o', 'i')}.`,
    { retryAfterSeconds },
  );

export const sessionExpired = (detail = 'La sessione è scaduta. Accedere di nuovo.') =>
  make('SESSION_EXPIRED', detail);

export const csrfTokenInvalid = () =>
  make('CSRF_TOKEN_INVALID', 'Manca il token anti-CSRF (intestazione X-CSRF-Token) o non è valido.');

export const profileRequired = () => make('PROFILE_REQUIRED', 'Scegliere il profilo con cui operare.');

export const profileUnknown = () =>
  make('PROFILE_UNKNOWN', 'Il profilo scelto non è tra quelli abilitati per questo utente.');

export const apiKeyInvalid = () => make('API_KEY_INVALID', 'La chiave API non è valida o è stata revocata.');

export const forbidden = (detail = 'Il profilo attivo non consente questa operazione.') =>
  make('FORBIDDEN', detail);

export const segregationOfDuties = (why: 'beneficiary' | 'submitter') =>
  make(
    'SEGREGATION_OF_DUTIES',
    why === 'beneficiary'
      ? 'Non è possibile lavorare una pratica di cui si è beneficiari: la pratica deve essere trattata da un altro operatore.'
      : 'La pratica è stata inserita o inviata da te: la validazione spetta a un altro operatore (separazione dei compiti).',
  );

// ---- not found ------------------------------------------------------------------------------------

export const caseNotFound = (caseNumber: string) =>
  make('CASE_NOT_FOUND', `La pratica ${caseNumber} non esiste o non è di competenza del profilo attivo.`);

export const documentNotFound = () =>
  make('DOCUMENT_NOT_FOUND', 'Il documento richiesto non è disponibile per questa pratica.');

export const personNotFound = (fiscalCode: string) =>
  make(
    'PERSON_NOT_FOUND',
    `Il codice fiscale ${fiscalCode} non risulta tra gli assistiti consultabili con il profilo attivo.`,
  );

/** Without a delegator: the delegation named by id does not exist or is not the actor's to manage. */
export const delegationNotFound = (delegatorFiscalCode?: string) =>
  make(
    'DELEGATION_NOT_FOUND',
    delegatorFiscalCode
      ? `Non risulta una delega in corso di validità da parte di ${delegatorFiscalCode}.`
      : 'La delega indicata non esiste o non è gestibile con il profilo attivo.',
  );

export const notificationNotFound = () => make('NOTIFICATION_NOT_FOUND', 'La notifica indicata non esiste.');

export const exemptionNotFound = () =>
  make(
    'EXEMPTION_NOT_FOUND',
    "L'esenzione richiesta non esiste, non è validata o non è consultabile con il profilo attivo.",
  );

// ---- rules of a request ---------------------------------------------------------------------------

export const exemptionCodeUnknown = (code: string) =>
  make(
    'EXEMPTION_CODE_UNKNOWN',
    `Il codice esenzione «${code}» non è presente nel catalogo.`,
    onField('exemptionCode', `Codice esenzione «${code}» sconosciuto`),
  );

/** `allowedFamilies` given: the code's family is not requested this way; else the code is a group. */
export const exemptionCodeNotAssignable = (
  code: string,
  allowedFamilies?: readonly ExemptionFamily[],
  /** the assignable sub-codes of a condition code (013 → 013.250 …), at most SUB_CODES_SHOWN */
  subCodes: readonly { code: string; description: string }[] = [],
) =>
  allowedFamilies
    ? make(
        'EXEMPTION_CODE_NOT_ASSIGNABLE',
        `Il codice ${code} non si richiede con questa procedura (ammesse: ${allowedFamilies
          .map((f) => EXEMPTION_FAMILY_LABELS[f].toLowerCase())
          .join(', ')}).`,
        onField('exemptionCode', 'Tipo di esenzione non ammesso.'),
      )
    : make(
        'EXEMPTION_CODE_NOT_ASSIGNABLE',
        `Il codice ${code} non è assegnabile: scegliere il codice specifico della condizione${subCodesText(subCodes)}.`,
        onField(
          'exemptionCode',
          subCodes.length
            ? `Codice non assegnabile: scegliere ${subCodes.map((c) => c.code).join(', ')}${subCodes.length === SUB_CODES_SHOWN ? '…' : ''}.`
            : 'Codice non assegnabile.',
        ),
      );

/** How many assignable sub-codes a «Codice non assegnabile» names (issue 17 §3). */
export const SUB_CODES_SHOWN = 8;
const subCodesText = (subCodes: readonly { code: string; description: string }[]) =>
  subCodes.length
    ? `, tra: ${subCodes.map((c) => `${c.code} (${c.description})`).join('; ')}${subCodes.length === SUB_CODES_SHOWN ? '; …' : ''}`
    : '';

export const exemptionCodeNotInForce = (
  code: string,
  onDate: string,
  validFrom: string,
  validUntil: string | null,
) =>
  make(
    'EXEMPTION_CODE_NOT_IN_FORCE',
    `Il codice ${code} non era in vigore il ${formatItalianDate(onDate)} (in vigore dal ${formatItalianDate(validFrom)}${
      validUntil ? ` al ${formatItalianDate(validUntil)}` : ''
    }).`,
    onField('exemptionCode', 'Codice non in vigore alla data del certificato.'),
  );

export const diagnosisUnknown = (code: string) =>
  make(
    'DIAGNOSIS_UNKNOWN',
    `Il codice diagnosi ${code} non è presente nella classificazione ICD-9-CM 2007.`,
    onField('diagnosisCode', 'Diagnosi sconosciuta.'),
  );

export const exemptionDiagnosisMismatch = (exemptionCode: string, icd9Code: string, diagnosisCode: string) =>
  make(
    'EXEMPTION_DIAGNOSIS_MISMATCH',
    `Il codice esenzione ${exemptionCode} riguarda la diagnosi ICD-9-CM ${icd9Code}: la diagnosi ${diagnosisCode} non è coerente.`,
    onField('diagnosisCode', 'Diagnosi non coerente con il codice esenzione.'),
  );

/** `where`: the population searched, e.g. "della Regione"; `field`: the form field of the code. */
export const personUnknown = (fiscalCode: string, where: string, field: string) =>
  make(
    'PERSON_UNKNOWN',
    `Il codice fiscale ${fiscalCode} non risulta tra gli assistiti ${where}.`,
    onField(field, 'Assistito non presente in anagrafe.'),
  );

export const certificateDateInFuture = (issuedOn: string) =>
  make(
    'CERTIFICATE_DATE_IN_FUTURE',
    `La data del certificato (${formatItalianDate(issuedOn)}) non può essere successiva a oggi.`,
    onField('issuedOn', 'Data nel futuro.'),
  );

/** `oldest`: the first issue date still accepted. */
export const certificateTooOld = (issuedOn: string, maxAgeMonths: number, oldest: string) =>
  make(
    'CERTIFICATE_TOO_OLD',
    `Il certificato del ${formatItalianDate(issuedOn)} ha più di ${maxAgeMonths} mesi: serve un certificato rilasciato dal ${formatItalianDate(oldest)} in poi.`,
    { ...onField('issuedOn', `Certificato più vecchio di ${maxAgeMonths} mesi.`), maxAgeMonths },
  );

/** A code counted from birth (040: first three years of life) whose last day `lastDay` is past. */
export const exemptionAgeLimitPassed = (code: string, lastDay: string) =>
  make(
    'EXEMPTION_AGE_LIMIT_PASSED',
    `Il codice ${code} vale solo fino al ${formatItalianDate(lastDay)}, giorno precedente il limite di età contato dalla nascita: non può essere rilasciato a questo assistito.`,
    onField('exemptionCode', 'Codice non più rilasciabile per l’età dell’assistito.'),
  );

export const caseAlreadyOpen = () =>
  make(
    'CASE_ALREADY_OPEN',
    'Pratica già presente: per questo assistito è già in corso una pratica con lo stesso codice di esenzione.',
  );

/** A valid exemption of the same code (or base code) is held: `until` null when open-ended. */
export const exemptionAlreadyActive = (code: string, until: string | null) =>
  make(
    'EXEMPTION_ALREADY_ACTIVE',
    `Esenzione già attiva ${until ? `fino al ${formatItalianDate(until)}` : 'senza scadenza'}: per il codice ${code} l’assistito ha già un’esenzione valida; alla scadenza si può chiederne il rinnovo.`,
    { ...onField('exemptionCode', 'Esenzione già attiva per questo codice.'), validUntil: until },
  );

/** Renewal only from «In scadenza» or «Scaduta», and with a new certificate where the family needs one. */
export const renewalNotAllowed = (detail: string) => make('RENEWAL_NOT_ALLOWED', detail);

/** A «revoca con blocco» of this code for this person stands until an operator of the ASL lifts it. */
export const exemptionBlocked = (code: string) =>
  make(
    'EXEMPTION_BLOCKED',
    `L'esenzione ${code} è stata revocata con blocco per questo assistito: una nuova richiesta sarà possibile solo dopo che un operatore dell'ASL avrà rimosso il blocco.`,
    onField('exemptionCode', 'Codice bloccato da una revoca.'),
  );

/** The end date of a revocation outside the exemption's period (`field`: the body's field). */
export const revocationEndDateInvalid = (detail: string, field = 'endDate') =>
  validationFailed([{ field, message: detail }], detail);

export const delegationAlreadyActive = () =>
  make(
    'DELEGATION_ALREADY_ACTIVE',
    'Esiste già una delega valida tra queste due persone per il periodo indicato: revocarla prima di registrarne una nuova.',
  );

// ---- documents ------------------------------------------------------------------------------------

/** `detail` names the file and what was found in it; `issue` is shown next to the form field. */
export const documentUnsafe = (detail: string, field: string, issue: string) =>
  make('DOCUMENT_UNSAFE', detail, onField(field, issue));

export const documentUnreadable = (fileName: string, field: string) =>
  make(
    'DOCUMENT_UNREADABLE',
    `Il documento «${fileName}» non è analizzabile (file danneggiato, troppo complesso o non conforme) e non può essere accettato: caricare una scansione o un PDF salvato di nuovo.`,
    onField(field, 'Documento non analizzabile.'),
  );

/** `label`: what the document is, e.g. "il certificato medico". */
export const documentRequired = (label: string, field: string) =>
  make(
    'DOCUMENT_REQUIRED',
    `Allegare ${label} (campo «${field}»).`,
    onField(field, 'Documento obbligatorio.'),
  );

/** 409: a pathology or rare-disease case is validated only with its certificate among its documents. */
export const certificateMissing = (caseNumber: string, family: ExemptionFamily) =>
  make(
    'CERTIFICATE_MISSING',
    `La pratica ${caseNumber} (${EXEMPTION_FAMILY_LABELS[family]}) non può essere validata: manca il certificato della malattia. Chiedere a chi l'ha inviata di allegarlo, oppure respingerla per documentazione insufficiente.`,
  );

// ---- case life-cycle ------------------------------------------------------------------------------

export interface LastChange {
  at: string;
  actorFiscalCode: string;
  actorRole: Role;
}

/** Who changed a case last, as a citizen is told: role and structure, never the person. */
export interface LastActorForCitizen {
  role: Role;
  structure: string;
}

const isLastChange = (w: LastChange | LastActorForCitizen): w is LastChange => 'actorFiscalCode' in w;

const citizenWho = (w: LastActorForCitizen) => ` (${ROLE_NAMES[w.role]}, ${w.structure})`;

const whoExtra = (who: LastChange | LastActorForCitizen | undefined) =>
  !who ? {} : isLastChange(who) ? { lastChange: who } : { lastActor: who };

export const transitionNotAllowed = (
  caseNumber: string,
  from: CaseStatus,
  action: string,
  lastChange?: LastChange | LastActorForCitizen,
) =>
  make(
    'TRANSITION_NOT_ALLOWED',
    `La pratica ${caseNumber} è nello stato «${CASE_STATUS_LABELS[from]}»` +
      (!lastChange
        ? ''
        : isLastChange(lastChange)
          ? `, impostato da ${lastChange.actorFiscalCode} (${lastChange.actorRole})`
          : citizenWho(lastChange)) +
      `: l'operazione «${action}» non è consentita.`,
    { currentStatus: from, ...whoExtra(lastChange) },
  );

/** Someone acted first: say who, and the state they left, so nobody overwrites silently. */
export const versionConflict = (
  caseNumber: string,
  currentVersion: number,
  currentStatus: CaseStatus,
  lastChange?: LastChange | LastActorForCitizen,
) =>
  make(
    'VERSION_CONFLICT',
    `La pratica ${caseNumber} è stata modificata ` +
      (lastChange && !isLastChange(lastChange) ? 'nel frattempo' : 'da un altro utente') +
      (!lastChange
        ? ''
        : isLastChange(lastChange)
          ? ` (${lastChange.actorFiscalCode}, ${lastChange.actorRole})`
          : citizenWho(lastChange)) +
      `: ora è nello stato «${CASE_STATUS_LABELS[currentStatus]}». Ricarica la pratica per vederla.`,
    { currentVersion, currentStatus, ...whoExtra(lastChange) },
  );

export const preconditionRequired = () =>
  make(
    'PRECONDITION_REQUIRED',
    "Manca l'intestazione If-Match con la versione della pratica (ETag del dettaglio).",
  );

// ---- issue 12: income self-declaration (H2)

/** 400: a rule of the page is not met; the detail names the first rule and its figure, issues all. */
export const incomeRequirementsNotMet = (code: string, issues: FieldIssue[]) =>
  make(
    'INCOME_REQUIREMENTS_NOT_MET',
    `L'esenzione ${code} non può essere rilasciata: ${issues[0]?.message ?? ''}`,
    { issues },
  );

/** 400: an income code asked for with a case procedure: it is a self-declaration of its own. */
export const incomeCodeByDeclaration = (code: string) =>
  make(
    'EXEMPTION_CODE_NOT_ASSIGNABLE',
    `Il codice ${code} è un'esenzione per reddito: si richiede con l'autocertificazione del reddito (voce «Esenzione per reddito»), non con questa procedura.`,
    onField('exemptionCode', 'Esenzione per reddito: usare «Esenzione per reddito».'),
  );

/** 409: one income exemption at a time per person (in force, or a request still open). */
export const incomeExemptionHeld = (held: string, until: string | null, caseNumber: string | null) =>
  make(
    'INCOME_EXEMPTION_HELD',
    `L'assistito ha già l'esenzione per reddito ${held}` +
      (until ? ` valida fino al ${formatItalianDate(until)}` : '') +
      (caseNumber ? ` (pratica ${caseNumber})` : '') +
      ': si ha una sola esenzione per reddito alla volta.',
    { ...onField('exemptionCode', 'Esenzione per reddito già presente.'), heldCode: held },
  );

// ---- issue 12: regional codes and STP/ENI identifiers (H5)

/** 400: the code is not one of the Region's file, or the counter may not issue it. */
export const regionalCodeNotIssuable = (
  code: string,
  why: 'NOT_REGIONAL' | 'NOT_AT_COUNTER' | 'REGIONAL_ELSEWHERE',
) =>
  make(
    'EXEMPTION_CODE_NOT_ASSIGNABLE',
    why === 'NOT_REGIONAL'
      ? `Il codice ${code} non è un codice regionale: si richiede con la procedura della sua famiglia.`
      : why === 'NOT_AT_COUNTER'
        ? `Il codice ${code} non si rilascia allo sportello: lo rilascia chi indica il file della Regione.`
        : `Il codice ${code} è un codice regionale: lo rilascia lo sportello dell’ASL («Codici regionali») sulla dichiarazione dell’assistito.`,
    onField('exemptionCode', 'Codice non rilasciabile con questa procedura.'),
  );

/** 400: an identifier of a kind the code does not accept (an STP/ENI code where only a fiscal code goes). */
export const identifierNotAccepted = (message: string, field = 'beneficiary') =>
  make('VALIDATION_FAILED', message, onField(field, message));

/** 400: a rule of the Region's file is not met; each issue names its field, the rule and the figure. */
export const regionalRulesNotMet = (code: string, issues: FieldIssue[]) =>
  make(
    'VALIDATION_FAILED',
    `Il codice ${code} non può essere rilasciato: ${issues.map((i) => i.message).join(' ')}`,
    { issues },
  );

/** 409: a code of a band that excludes the others (the dental income bands E09/OD1/OD2) is held. */
export const regionalCategoryHeld = (code: string, held: string, until: string | null, category: string) =>
  make(
    'EXEMPTION_ALREADY_ACTIVE',
    `L'assistito ha già il codice ${held} (${category})` +
      (until ? ` valido fino al ${formatItalianDate(until)}` : '') +
      `: i codici di questa fascia si escludono, ${code} non si rilascia insieme.`,
    { ...onField('exemptionCode', 'Esenzione della stessa fascia già attiva.'), validUntil: until },
  );

/** 400: an STP/ENI holder is not in the regional registry: the counter records who they are. */
export const temporaryPersonDataMissing = (kind: string) =>
  make(
    'VALIDATION_FAILED',
    `L'assistito con codice ${kind} non è in anagrafe: indicare nome, cognome e data di nascita come sul tesserino.`,
    onField('person', 'Indicare nome, cognome e data di nascita.'),
  );

// ---- issue 12: invalidity data and exempt services (H4)

/** 400: the verbale's data do not fit the invalidity code (domain/invalidity.ts), each on its field. */
export const invalidityDataMismatch = (exemptionCode: string, issues: FieldIssue[]) =>
  make(
    'INVALIDITY_DATA_MISMATCH',
    `Il codice ${exemptionCode} non corrisponde ai dati del verbale di invalidità: ${issues.map((i) => i.message).join(' ')}`,
    { issues },
  );

/** 400: the exempt-services file has errors, each named by its line (docs/exempt-services.md). */
export const exemptServicesFileInvalid = (issues: FieldIssue[], more: number) =>
  make(
    'EXEMPT_SERVICES_FILE_INVALID',
    `Il file non è stato caricato: ${issues.length + more} ${issues.length + more === 1 ? 'errore' : 'errori'}` +
      `${more > 0 ? ` (elencati i primi ${issues.length})` : ''}. Nessuna riga è stata salvata.`,
    { issues },
  );

// ---- issue 12: catalogue fidelity and pregnancy (H1)

/** A code without an ICD part whose diagnoses lie in a range (048 ↔ 140–239, RF0100 ↔ 320–389). */
export const exemptionDiagnosisOutOfRange = (
  exemptionCode: string,
  range: { from: number; to: number; label: string },
  diagnosisCode: string,
) =>
  make(
    'EXEMPTION_DIAGNOSIS_MISMATCH',
    `Il codice esenzione ${exemptionCode} riguarda le diagnosi ICD-9-CM ${String(range.from).padStart(3, '0')}–${String(range.to).padStart(3, '0')} (${range.label}): la diagnosi ${diagnosisCode} non è coerente.`,
    onField('diagnosisCode', 'Diagnosi non coerente con il codice esenzione.'),
  );

// ---- issue 12: MEF list and art. 71 checks (H3)

/** 409: one MEF list import at a time. */
export const mefImportBusy = () =>
  make(
    'MEF_IMPORT_BUSY',
    'È già in corso il caricamento di un elenco MEF: attendere che termini e riprovare.',
  );

/** 400: the uploaded file is not a MEF list (docs/mef-list.md). */
export const mefListInvalid = (detail: string) => make('MEF_LIST_INVALID', detail);

/** 409: a list older than the newest one loaded would undo it. */
export const mefListOutdated = (year: number, newest: number) =>
  make(
    'MEF_LIST_OUTDATED',
    `L'elenco è dell'anno ${year}, ma è già stato caricato l'elenco ${newest}: non si carica un elenco precedente.`,
  );

/** 404: no check with this number in the operator's ASL. */
export const declarationCheckNotFound = () =>
  make('DECLARATION_CHECK_NOT_FOUND', 'Controllo non trovato tra quelli della tua ASL.');

/** 409: the outcome of a check is recorded once. */
export const declarationCheckDecided = (outcome: string) =>
  make('DECLARATION_CHECK_DECIDED', `L'esito del controllo è già stato registrato (${outcome}).`);

// ---- issue 13 §4: the person directory

/** 400: the registry of assistiti knows the person, but the regional service no longer assists them. */
export const personNotAssisted = (fiscalCode: string, field: string) =>
  make(
    'PERSON_NOT_ASSISTED',
    `Il codice fiscale ${fiscalCode} risulta nell'anagrafe degli assistiti ma non è più assistito dal Servizio sanitario regionale (assistenza cessata): rivolgersi all'ufficio anagrafe sanitaria dell'ASL.`,
    onField(field, 'Persona non più assistita dalla Regione.'),
  );

/** 503: the regional registry service does not answer (never a silent «not found»). */
export const directoryUnavailable = (retryAfterSeconds = 30) =>
  make(
    'DIRECTORY_UNAVAILABLE',
    'Il servizio anagrafe non è disponibile in questo momento: riprovare tra qualche minuto.',
    { retryAfterSeconds },
  );

/** 409: one import of the registry of assistiti at a time. */
export const personImportBusy = () =>
  make(
    'PERSON_IMPORT_BUSY',
    "È già in corso un caricamento dell'anagrafe degli assistiti: attendere che termini e riprovare.",
  );

// ---- issue 13: administration

/** 409: another user has this username. */
export const usernameTaken = (username: string) =>
  make(
    'USERNAME_TAKEN',
    `Il nome utente «${username}» è già in uso: sceglierne un altro.`,
    onField('username', 'Nome utente già in uso.'),
  );

/** 409: the change would leave no active administrator. */
export const lastAdmin = () =>
  make(
    'LAST_ADMIN',
    "È l'ultimo amministratore attivo: prima di disattivarlo o di togliergli il profilo di amministratore, assegnare questo profilo a un altro utente attivo.",
  );
// ---- issue 13: identity (SPID, CIE, regional identity provider, digital certificate)

/** 403: the identity was verified, but it may not enter (no operator profile, unknown person, level too low). */
export const identityRefused = (detail: string) => make('IDENTITY_REFUSED', detail);

/** 401: no client certificate, or one this server does not accept (issuer, validity, subject). */
export const clientCertificateInvalid = (detail: string) => make('CLIENT_CERTIFICATE_INVALID', detail);

/** 403: the configuration switched this way of logging in off. */
export const loginMethodDisabled = (detail: string) => make('LOGIN_METHOD_DISABLED', detail);
