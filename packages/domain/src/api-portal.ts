/**
 * API contract of the citizen portal, case submission (specialist, counter, citizen), delegations
 * and notifications. Same rules as api.ts: one Zod schema per type, Italian messages.
 */
import { z } from 'zod';
import { NOTE_MAX_LENGTH, PRESENTER_KINDS } from './enums.js';
import {
  accessLogItem,
  caseNumber,
  caseStatus,
  exemptionFamily,
  fiscalCode,
  isoDate,
  isoDateTime,
  submitterType,
} from './api.js';
import { invalidityFields } from './api-invalidity.js';

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

const upperCode = (max: number, message: string) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, message)
    .transform((s) => s.toUpperCase());

export const exemptionCodeField = upperCode(20, 'Indicare un codice esenzione valido.');
export const diagnosisCodeField = upperCode(10, 'Indicare un codice diagnosi ICD-9-CM valido.');

const notes = z
  .string({ error: 'La nota deve essere un testo.' })
  .transform((s) => s.trim())
  .pipe(z.string().max(NOTE_MAX_LENGTH, `La nota può contenere al massimo ${NOTE_MAX_LENGTH} caratteri.`));

// ---------------------------------------------------------------- case submission

/** Who presented a counter request (issue 17 §3; rules in presenter.ts): absent = the beneficiary. */
const presenterFields = {
  presentedBy: z.preprocess(
    emptyToUndefined,
    z.enum(PRESENTER_KINDS, { error: 'Indicare chi presenta la richiesta.' }).optional(),
  ),
  presenterFiscalCode: z.preprocess(emptyToUndefined, fiscalCode.optional()),
  presenterName: z.preprocess(
    emptyToUndefined,
    z
      .string({ error: 'Indicare nome e cognome di chi presenta la richiesta.' })
      .trim()
      .min(3, 'Indicare nome e cognome di chi presenta la richiesta.')
      .max(120, 'Nome e cognome: al massimo 120 caratteri.')
      .optional(),
  ),
};

/**
 * POST /api/cases. The specialist sends JSON and must give the diagnosis; the counter operator sends
 * the same fields as multipart/form-data with the scanned documents (file fields `certificate`,
 * required, `documents`, optional, and `delegation` when a delegate presents the request).
 */
export const newCaseBody = z.object({
  beneficiaryFiscalCode: fiscalCode,
  diagnosisCode: z.preprocess(emptyToUndefined, diagnosisCodeField.optional()),
  exemptionCode: exemptionCodeField,
  issuedOn: isoDate.describe('data del certificato (AAAA-MM-GG)'),
  notes: z.preprocess(emptyToUndefined, notes.optional()),
  /** the case this request renews (issue 11 §3): «In scadenza» or «Scaduta», same person and code */
  renewsCaseNumber: z.preprocess(emptyToUndefined, caseNumber.optional()),
  /** the verbale of an invalidity code (issue 12 §4): required then, checked against the code */
  ...invalidityFields,
  /**
   * At the counter (issue 17 §3): who presented the request, absent = the beneficiary; a delegate also
   * brings the written delegation (file field `delegation`). Refused from a specialist.
   */
  ...presenterFields,
});
export type NewCaseBody = z.infer<typeof newCaseBody>;

/**
 * POST /api/me/cases (multipart/form-data): a citizen's request for a pathology or invalidity
 * exemption. File fields: `certificate` and `identityDocument` (required), `documents` (optional).
 */
export const citizenCaseFields = z.object({
  exemptionCode: exemptionCodeField,
  diagnosisCode: z.preprocess(emptyToUndefined, diagnosisCodeField.optional()),
  issuedOn: isoDate.describe('data del certificato o del verbale (AAAA-MM-GG)'),
  notes: z.preprocess(emptyToUndefined, notes.optional()),
  onBehalfOf: z.preprocess(emptyToUndefined, fiscalCode.optional()),
  renewsCaseNumber: z.preprocess(emptyToUndefined, caseNumber.optional()),
  /** the verbale of an invalidity code (issue 12 §4) */
  ...invalidityFields,
});
export type CitizenCaseFields = z.infer<typeof citizenCaseFields>;

export const suggestCodesQuery = z.object({
  diagnosisCode: diagnosisCodeField,
  issuedOn: z.preprocess(emptyToUndefined, isoDate.optional()),
});
const codeItem = z.object({
  code: z.string(),
  icd9Code: z.string().nullable(),
  description: z.string(),
  family: exemptionFamily,
  validFrom: isoDate,
  validUntil: isoDate.nullable(),
});
export const suggestCodesResponse = z.object({
  diagnosis: z.object({ code: z.string(), description: z.string() }),
  items: z.array(codeItem),
});
export type SuggestCodesResponse = z.infer<typeof suggestCodesResponse>;

// ---------------------------------------------------------------- people

export const fiscalCodeParams = z.object({ fiscalCode });
const idName = z.object({ id: z.string(), name: z.string() });
export const personResponse = z.object({
  fiscalCode: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: isoDate.nullable(),
  residence: z.object({ asl: idName.nullable(), district: idName.nullable() }),
});
export type PersonResponse = z.infer<typeof personResponse>;

// ---------------------------------------------------------------- citizen portal

export const onBehalfOfQuery = z.object({
  onBehalfOf: z.preprocess(emptyToUndefined, fiscalCode.optional()),
});

/**
 * "Chi ha consultato i miei dati" (GET /api/me/access-log), by page and filtered. Kinds: OPERATOR, a
 * person working for the health service (district, counter, specialist, administrator); MACHINE, an
 * automatic lookup (an API key, a GP's or pharmacy's registry check); CITIZEN, a delegate or the
 * delegator. `counts` gives each kind in the period whatever the filter, so a flood of automatic
 * lookups cannot hide an operator's read.
 */
export const ACCESS_LOG_KINDS = ['OPERATOR', 'MACHINE', 'CITIZEN'] as const;
export type AccessLogKind = (typeof ACCESS_LOG_KINDS)[number];
export const ACCESS_LOG_PAGE_SIZE_MAX = 200;
export const myAccessLogQuery = z
  .object({
    onBehalfOf: z.preprocess(emptyToUndefined, fiscalCode.optional()),
    kind: z.preprocess(
      emptyToUndefined,
      z
        .enum(ACCESS_LOG_KINDS, { error: 'Tipo di accesso non valido: OPERATOR, MACHINE o CITIZEN.' })
        .optional(),
    ),
    from: z.preprocess(emptyToUndefined, isoDate.optional()),
    to: z.preprocess(emptyToUndefined, isoDate.optional()),
    page: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: 'Pagina non valida.' })
        .int('Pagina non valida.')
        .min(1, 'La pagina parte da 1.')
        .max(100_000, 'Pagina non valida.')
        .default(1),
    ),
    pageSize: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: 'Numero di righe per pagina non valido.' })
        .int('Numero di righe per pagina non valido.')
        .min(1, 'Almeno 1 riga per pagina.')
        .max(ACCESS_LOG_PAGE_SIZE_MAX, `Al massimo ${ACCESS_LOG_PAGE_SIZE_MAX} righe per pagina.`)
        .default(50),
    ),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'La data iniziale segue la data finale.',
    path: ['from'],
  });
export type MyAccessLogQuery = z.infer<typeof myAccessLogQuery>;
/** DENIED: the attempt was refused (the person's data was not shown), and is shown to the person all the same */
export const myAccessLogItem = accessLogItem.extend({
  kind: z.enum(ACCESS_LOG_KINDS),
  outcome: z.enum(['OK', 'DENIED']),
});
export type MyAccessLogItem = z.infer<typeof myAccessLogItem>;
export const myAccessLogPage = z.object({
  items: z.array(myAccessLogItem),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** rows matching the whole filter (period and kind) */
  total: z.number().int(),
  /** rows of each kind in the period */
  counts: z.object({ OPERATOR: z.number().int(), MACHINE: z.number().int(), CITIZEN: z.number().int() }),
  /** the newest operator read in the period, whatever the filter */
  latestOperatorReadAt: isoDateTime.nullable(),
});
export type MyAccessLogPage = z.infer<typeof myAccessLogPage>;

export const EXEMPTION_STATES = ['ACTIVE', 'EXPIRING', 'NOT_YET_VALID', 'EXPIRED', 'REVOKED'] as const;
export const myExemption = z.object({
  id: z.string(),
  code: z.string(),
  description: z.string(),
  family: exemptionFamily,
  validFrom: isoDate,
  validUntil: isoDate.nullable(),
  state: z.enum(EXEMPTION_STATES),
  caseNumber: z.string().nullable(),
});
export type MyExemption = z.infer<typeof myExemption>;
export const myExemptionList = z.object({ fiscalCode: z.string(), items: z.array(myExemption) });

export const myCaseItem = z.object({
  caseNumber: z.string(),
  status: caseStatus,
  family: exemptionFamily,
  exemption: z.object({ code: z.string(), description: z.string() }),
  submitter: z.object({ type: submitterType }),
  submittedAt: isoDateTime,
  updatedAt: isoDateTime,
});
export const myCaseList = z.object({ fiscalCode: z.string(), items: z.array(myCaseItem) });
export type MyCaseList = z.infer<typeof myCaseList>;

export const cancelBody = z
  .object({ beneficiaryNote: z.preprocess(emptyToUndefined, notes.optional()) })
  .optional();
export type CancelBody = z.infer<typeof cancelBody>;

export const idParams = z.object({ id: z.string().regex(/^\d{1,15}$/, 'Identificativo non valido.') });

// ---------------------------------------------------------------- delegations

export const delegationBody = z.object({
  /** omitted by a citizen (the delegator is the citizen); required for the counter operator */
  delegatorFiscalCode: z.preprocess(emptyToUndefined, fiscalCode.optional()),
  delegateFiscalCode: fiscalCode,
  validFrom: z.preprocess(emptyToUndefined, isoDate.optional()),
  validUntil: z.preprocess(emptyToUndefined, isoDate.optional()),
});
export type DelegationBody = z.infer<typeof delegationBody>;

export const DELEGATION_STATES = ['ACTIVE', 'NOT_YET_VALID', 'EXPIRED', 'REVOKED'] as const;
const personName = z.object({
  fiscalCode: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
});
export const delegationSchema = z.object({
  id: z.string(),
  delegator: personName,
  delegate: personName,
  validFrom: isoDate,
  validUntil: isoDate.nullable(),
  state: z.enum(DELEGATION_STATES),
  createdAt: isoDateTime,
  revokedAt: isoDateTime.nullable(),
});
export type Delegation = z.infer<typeof delegationSchema>;
export const delegationList = z.object({
  asDelegator: z.array(delegationSchema),
  asDelegate: z.array(delegationSchema),
});
export type DelegationList = z.infer<typeof delegationList>;
export const delegationListQuery = z.object({
  fiscalCode: z.preprocess(emptyToUndefined, fiscalCode.optional()),
  /** only the delegations given or only those received (each person in the answer is an access-log row: ask for what is shown) */
  side: z.preprocess(
    emptyToUndefined,
    z.enum(['given', 'received'], { error: 'Valore non valido: given o received.' }).optional(),
  ),
});

// ---------------------------------------------------------------- notifications and mail

export const NOTIFICATION_KINDS = ['CASE_STATUS_CHANGED', 'CASE_VIEWED', 'EXEMPTION_ENDED'] as const;
export const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  caseNumber: z.string().nullable(),
  text: z.string(),
  createdAt: isoDateTime,
  readAt: isoDateTime.nullable(),
});
export type PortalNotification = z.infer<typeof notificationSchema>;
export const notificationList = z.object({ unread: z.number().int(), items: z.array(notificationSchema) });

export const MAIL_STATUSES = ['PENDING', 'SENDING', 'SENT', 'KEPT', 'DEAD'] as const;
export const mailOutboxItem = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  status: z.enum(MAIL_STATUSES),
  createdAt: isoDateTime,
  sentAt: isoDateTime.nullable(),
});
export const mailOutboxList = z.object({ items: z.array(mailOutboxItem) });
export const mailOutboxQuery = z.object({
  status: z.preprocess(
    emptyToUndefined,
    z.enum(MAIL_STATUSES, { error: 'Stato non valido: PENDING, SENDING, SENT, KEPT o DEAD.' }).optional(),
  ),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

// ---------------------------------------------------------------- renewal (issue 11 §3)

/**
 * POST /api/cases/{caseNumber}/renew and /api/me/cases/{caseNumber}/renew (JSON). The specialist
 * issues the new certificate: `issuedOn` required, `diagnosisCode` the old case's when not given.
 */
export const renewBody = z
  .object({
    issuedOn: z.preprocess(emptyToUndefined, isoDate.optional()),
    diagnosisCode: z.preprocess(emptyToUndefined, diagnosisCodeField.optional()),
    notes: z.preprocess(emptyToUndefined, notes.optional()),
  })
  .optional();
export type RenewBody = z.infer<typeof renewBody>;
