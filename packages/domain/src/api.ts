/**
 * The HTTP API contract: one Zod schema per type, used by the server (validation + OpenAPI)
 * and by the web app (forms + typed client). Messages are Italian, for people.
 */
import { z } from 'zod';
import {
  ACCESS_ACTIONS,
  CASE_STATUS_LABELS,
  CASE_STATUSES,
  CASE_VIEWS,
  EXEMPTION_FAMILIES,
  NOTE_MAX_LENGTH,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  PRESENTER_KINDS,
  REGISTRY_SOURCES,
  REJECTION_REASONS,
  REVOCATION_REASONS,
  ROLES,
  SUBMITTER_TYPES,
  VIEW_STATUSES,
} from './enums.js';
import { FISCAL_CODE_MESSAGES, fiscalCodeProblem, normalizeFiscalCode } from './fiscal-code.js';
import { exemptionScope, invalidityDataSchema, servicesInfo } from './api-invalidity.js';
import { parsePersonIdentifier } from './person-identifier.js';

// ---------------------------------------------------------------- primitives

/** A calendar date `YYYY-MM-DD` that exists. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
export const isoDate = z
  .string({ error: 'Data non valida: usare il formato AAAA-MM-GG.' })
  .superRefine((s, ctx) => {
    if (!ISO_DATE.test(s))
      ctx.addIssue({ code: 'custom', message: 'Data non valida: usare il formato AAAA-MM-GG.' });
    else if (!isRealDate(s)) ctx.addIssue({ code: 'custom', message: 'Data inesistente.' });
  });

export const isoDateTime = z.string().describe('ISO 8601 con fuso orario');

export const fiscalCode = z
  .string({ error: 'Inserire il codice fiscale.' })
  .transform(normalizeFiscalCode)
  .superRefine((v, ctx) => {
    const problem = fiscalCodeProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: FISCAL_CODE_MESSAGES[problem] });
  });

/**
 * A codice fiscale, or an STP/ENI code (STP/ENI + 13 digits) — only where a code of the Region's file
 * allows it, so only where a person may hold such a code: the registry lookup (issue 12 §6, H5).
 */
export const personIdentifier = z
  .string({ error: 'Inserire il codice fiscale o il codice STP/ENI.' })
  .transform(normalizeFiscalCode)
  .superRefine((v, ctx) => {
    const p = parsePersonIdentifier(v);
    if ('problem' in p) ctx.addIssue({ code: 'custom', message: p.problem });
  });
/** A person in the path: the counter's lookup and attestato of an STP/ENI holder too (issue 12 §6). */
export const personIdentifierParams = z.object({ fiscalCode: personIdentifier });

export const caseNumber = z.string().regex(/^\d{18}$/, 'Il numero pratica è di 18 cifre.');

export const caseStatus = z.enum(CASE_STATUSES, {
  error: `Stato non valido: ammessi ${CASE_STATUSES.join(', ')}.`,
});
export const caseView = z.enum(CASE_VIEWS, {
  error: 'Vista non valida: ammesse todo (Pratiche da fare) e closed (Pratiche chiuse).',
});
export const role = z.enum(ROLES);
export const submitterType = z.enum(SUBMITTER_TYPES);
export const exemptionFamily = z.enum(EXEMPTION_FAMILIES);
export const rejectionReason = z.enum(REJECTION_REASONS, {
  error:
    'Scegliere una motivazione: Requisiti non sufficienti, Documentazione non corretta, Documentazione insufficiente o Altro.',
});
export const accessAction = z.enum(ACCESS_ACTIONS);

const note = z
  .string({ error: 'La nota deve essere un testo.' })
  .transform((s) => s.trim())
  .pipe(z.string().max(NOTE_MAX_LENGTH, `La nota può contenere al massimo ${NOTE_MAX_LENGTH} caratteri.`));

// ---------------------------------------------------------------- errors

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  correlationId: z.string(),
  issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  retryAfterSeconds: z.number().int().optional(),
  currentStatus: caseStatus.optional(),
  lastChange: z.object({ at: isoDateTime, actorFiscalCode: z.string(), actorRole: role }).optional(),
  /** to a citizen, who changed the case last: role and structure, never the person (issue 9) */
  lastActor: z.object({ role, structure: z.string() }).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

// ---------------------------------------------------------------- auth

export const loginBody = z.object({
  username: z.string().trim().min(1, 'Inserire il nome utente.').max(100),
  password: z.string().min(1, 'Inserire la password.').max(200),
  pin: z.string().trim().min(1, 'Inserire il PIN.').max(20),
});
export type LoginBody = z.infer<typeof loginBody>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  fiscalCode: z.string(),
  firstName: z.string(),
  lastName: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const profileSchema = z.object({
  id: z.string(),
  role,
  aslId: z.string().nullable(),
  aslName: z.string().nullable(),
  districtId: z.string().nullable(),
  districtName: z.string().nullable(),
});
export type Profile = z.infer<typeof profileSchema>;

export const loginResponse = z.object({
  user: userSchema,
  profiles: z.array(profileSchema),
  csrfToken: z.string(),
});
export type LoginResponse = z.infer<typeof loginResponse>;

export const profileBody = z.object({ profileId: z.string().min(1, 'Scegliere un profilo.') });
export const profileResponse = z.object({ activeProfile: profileSchema });

export const meResponse = z.object({
  user: userSchema,
  profiles: z.array(profileSchema),
  activeProfile: profileSchema.nullable(),
  csrfToken: z.string(),
});
export type MeResponse = z.infer<typeof meResponse>;

// ---------------------------------------------------------------- cases

export const CASE_SORTS = ['submittedAt', '-submittedAt', 'caseNumber', '-caseNumber'] as const;

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const caseSearchQuery = z
  .object({
    view: caseView.default('todo'),
    status: z.preprocess(emptyToUndefined, caseStatus.optional()),
    /** «Tipo di esenzione»: pathology, rare disease, invalidity, income… (issue 17 §1) */
    family: z.preprocess(emptyToUndefined, exemptionFamily.optional()),
    exemptionCode: z.preprocess(emptyToUndefined, z.string().trim().max(20).optional()),
    createdFrom: z.preprocess(emptyToUndefined, isoDate.optional()),
    createdTo: z.preprocess(emptyToUndefined, isoDate.optional()),
    lastName: z.preprocess(emptyToUndefined, z.string().trim().max(100).optional()),
    firstName: z.preprocess(emptyToUndefined, z.string().trim().max(100).optional()),
    // the codice fiscale, or the STP/ENI code of a holder of a regional code (issue 12 §6)
    fiscalCode: z.preprocess(emptyToUndefined, personIdentifier.optional()),
    page: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: 'Pagina non valida.' })
        .int('Pagina non valida.')
        .min(1, 'La pagina parte da 1.')
        .default(1),
    ),
    pageSize: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ error: 'Numero di risultati per pagina non valido.' })
        .int('Numero di risultati per pagina non valido.')
        .min(1, 'Almeno 1 risultato per pagina.')
        .max(PAGE_SIZE_MAX, `Al massimo ${PAGE_SIZE_MAX} risultati per pagina.`)
        .default(PAGE_SIZE_DEFAULT),
    ),
    sort: z.preprocess(
      emptyToUndefined,
      z.enum(CASE_SORTS, { error: `Ordinamento non valido: ammessi ${CASE_SORTS.join(', ')}.` }).optional(),
    ),
  })
  .superRefine((q, ctx) => {
    const bothValid = [q.createdFrom, q.createdTo].every(
      (d) => typeof d === 'string' && ISO_DATE.test(d) && isRealDate(d),
    );
    if (bothValid && q.createdFrom && q.createdTo && q.createdFrom > q.createdTo) {
      ctx.addIssue({
        code: 'custom',
        path: ['createdFrom'],
        message: 'La data "da" non può essere successiva alla data "a".',
      });
    }
    // a state filter belongs to its tab: "Pratiche da fare" lists only open cases (manual §3)
    if (q.status && !VIEW_STATUSES[q.view].includes(q.status)) {
      const tab = q.view === 'todo' ? 'Pratiche da fare' : 'Pratiche chiuse';
      const allowed = VIEW_STATUSES[q.view].map((s) => CASE_STATUS_LABELS[s]).join(', ');
      ctx.addIssue({
        code: 'custom',
        path: ['status'],
        message: `Lo stato «${CASE_STATUS_LABELS[q.status]}» non appartiene a «${tab}»: ammessi ${allowed}.`,
      });
    }
  });
export type CaseSearchQuery = z.infer<typeof caseSearchQuery>;

const idName = z.object({ id: z.string(), name: z.string() });

export const caseListItem = z.object({
  caseNumber: z.string(),
  asl: idName,
  district: idName.nullable(),
  beneficiary: z.object({ fiscalCode: z.string(), firstName: z.string(), lastName: z.string() }),
  submitter: z.object({ type: submitterType, fiscalCode: z.string() }),
  exemptionCode: z.string(),
  status: caseStatus,
  submittedAt: isoDateTime,
});
export type CaseListItem = z.infer<typeof caseListItem>;

export const caseList = z.object({
  /** matches, counted up to 1,000; past that `totalExact` is false and the UI says "più di" */
  total: z.number().int(),
  totalExact: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(caseListItem),
});
export type CaseList = z.infer<typeof caseList>;

export const exemptServiceSchema = z.object({
  code: z.string().nullable(),
  description: z.string(),
  example: z.boolean(),
});
export type ExemptService = z.infer<typeof exemptServiceSchema>;

export const caseDetail = z.object({
  caseNumber: z.string(),
  family: exemptionFamily,
  status: caseStatus,
  version: z.number().int(),
  beneficiary: z.object({
    fiscalCode: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    birthDate: isoDate.nullable(),
  }),
  asl: idName,
  district: idName.nullable(),
  // to a citizen an operator or doctor is a role and a structure: fiscalCode null, structure "Sportello ASL …" (issue 9)
  submitter: z.object({
    type: submitterType,
    fiscalCode: z.string().nullable(),
    structure: z.string().optional(),
  }),
  exemption: z.object({ code: z.string(), description: z.string() }),
  diagnosis: z.object({ code: z.string(), description: z.string() }).nullable(),
  exemptServices: z.array(exemptServiceSchema),
  /** issue 12 §4/§8: all services, only related ones, or a list; how the services are told */
  scope: exemptionScope,
  services: servicesInfo,
  /** the verbale of an invalidity case (null for other families and for cases from before 0021) */
  invalidity: invalidityDataSchema.nullable(),
  submittedAt: isoDateTime,
  updatedAt: isoDateTime,
  validFrom: isoDate.nullable(),
  validUntil: isoDate.nullable(),
  rejection: z.object({ reason: rejectionReason, at: isoDateTime }).nullable(),
  /** «Revoca» (issue 11 §4): why and when; the exemption's last day is validUntil */
  revocation: z.object({ reason: z.enum(REVOCATION_REASONS), at: isoDateTime }).nullable(),
  beneficiaryNote: z.string().nullable(),
  internalNote: z.string().nullable(),
  certificate: z.object({ available: z.boolean() }),
  attachments: z.array(
    z.object({
      id: z.string(),
      /** DELEGATION: the written delegation of a delegate at the counter (issue 17 §3) */
      kind: z.enum(['ATTACHMENT', 'DELEGATION']),
      fileName: z.string(),
      contentType: z.string(),
      size: z.number().int(),
    }),
  ),
  lastChange: z.object({ at: isoDateTime, actorFiscalCode: z.string(), actorRole: role }).nullable(),
  /** a renewal: the number of the case it renews; and of the case that renews this one (issue 11 §3) */
  /**
   * Issue 17 §1, for the ASL's staff only (null to a citizen): the sender's name and structure, the
   * certificate's date and issuer, and who has the case in charge since when.
   */
  /** who wrote the Nota Beneficiario: the beneficiary (or their delegate) when sending, or the staff */
  beneficiaryNoteBy: z.enum(['BENEFICIARY', 'STAFF']).nullable(),
  handling: z
    .object({
      sender: z.object({ name: z.string().nullable(), structure: z.string().nullable() }),
      certificate: z
        .object({
          issuedOn: isoDate,
          issuerFiscalCode: z.string().nullable(),
          issuerName: z.string().nullable(),
          /** issued by a specialist in this service (else uploaded: issued elsewhere) */
          issuedHere: z.boolean(),
        })
        .nullable(),
      inCharge: z
        .object({ fiscalCode: z.string(), name: z.string().nullable(), since: isoDateTime })
        .nullable(),
      /** issue 17 §3: who presented a counter request (null for the other channels) */
      presentedBy: z
        .object({
          kind: z.enum(PRESENTER_KINDS),
          fiscalCode: z.string().nullable(),
          name: z.string().nullable(),
        })
        .nullable(),
    })
    .nullable(),
  renewalOf: z.string().nullable(),
  renewedBy: z.string().nullable(),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const historyItem = z.object({
  at: isoDateTime,
  actor: z.object({ fiscalCode: z.string(), role }),
  status: caseStatus,
  beneficiaryNote: z.string().nullable(),
  internalNote: z.string().nullable(),
});
export type HistoryItem = z.infer<typeof historyItem>;
export const historyResponse = z.object({ items: z.array(historyItem) });

export const caseNumberParams = z.object({ caseNumber });
export const attachmentParams = z.object({
  caseNumber,
  id: z.string().regex(/^\d+$/, 'Allegato non valido.'),
});

export const notesBody = z
  .object({
    beneficiaryNote: note.optional(),
    internalNote: note.optional(),
  })
  .refine((b) => Boolean(b.beneficiaryNote) || Boolean(b.internalNote), {
    message: 'Inserire almeno una nota (beneficiario o interna).',
    path: ['beneficiaryNote'],
  });
export type NotesBody = z.infer<typeof notesBody>;

/** take-charge and validate accept optional notes too, as the manual's detail screen has both fields. */
export const actionBody = z
  .object({ beneficiaryNote: note.optional(), internalNote: note.optional() })
  .optional();
export type ActionBody = z.infer<typeof actionBody>;

/** «Correggi diagnosi» (issue 17 §2): the diagnosis, and the code when it changes with it. */
export const correctDiagnosisBody = z.object({
  diagnosisCode: z
    .string({ error: 'Indicare un codice diagnosi ICD-9-CM valido.' })
    .trim()
    .min(1, 'Indicare un codice diagnosi ICD-9-CM valido.')
    .max(10, 'Indicare un codice diagnosi ICD-9-CM valido.')
    .transform((s) => s.toUpperCase()),
  exemptionCode: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .min(1)
      .max(20, 'Il codice esenzione ha al massimo 20 caratteri.')
      .transform((s) => s.toUpperCase())
      .optional(),
  ),
  internalNote: note.optional(),
});
export type CorrectDiagnosisBody = z.infer<typeof correctDiagnosisBody>;

export const rejectBody = z.object({
  reason: rejectionReason,
  beneficiaryNote: note.optional(),
  internalNote: note.optional(),
});
export type RejectBody = z.infer<typeof rejectBody>;

export const revocationReason = z.enum(REVOCATION_REASONS, {
  error:
    'Scegliere il motivo della revoca: Requisiti venuti meno, Dichiarazione non veritiera, Errore materiale, Decesso o Trasferimento fuori regione.',
});

/**
 * Revoca: the reason, the last day the exemption holds (default: today; never before its start nor after
 * its current end), the notes, and «revoca con blocco» (new requests for the code refused until lifted).
 */
export const revokeBody = z.object({
  reason: revocationReason,
  endDate: z.preprocess(emptyToUndefined, isoDate.optional()),
  block: z.boolean({ error: 'Indicare se la revoca è con blocco.' }).default(false),
  beneficiaryNote: note.optional(),
  internalNote: note.optional(),
});
export type RevokeBody = z.infer<typeof revokeBody>;

/** Annulla esenzione: an error correction, the notes say why. */
export const annulBody = z
  .object({ beneficiaryNote: note.optional(), internalNote: note.optional() })
  .optional();
export type AnnulBody = z.infer<typeof annulBody>;

/** POST /api/people/:fiscalCode/blocks/:code/lift */
export const blockParams = z.object({
  fiscalCode,
  code: z.string().regex(/^[0-9A-Z.]{1,20}$/, 'Codice di esenzione non valido.'),
});
export const blockLifted = z.object({ fiscalCode: z.string(), code: z.string(), liftedAt: isoDateTime });
export type BlockLifted = z.infer<typeof blockLifted>;

// ---------------------------------------------------------------- registry

export const registryQuery = z.object({
  // an STP/ENI holder's regional codes are verified like any other (issue 12 §6)
  fiscalCode: personIdentifier,
  date: z.preprocess(emptyToUndefined, isoDate.optional()),
  /** only this code (or an alias of it, 0B02 = 002B) and its sub-codes */
  code: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[0-9A-Z.]{1,20}$/, 'Codice di esenzione non valido.')
      .optional(),
  ),
});
export const registryExemption = z.object({
  code: z.string(),
  description: z.string(),
  family: exemptionFamily,
  validFrom: isoDate,
  validUntil: isoDate.nullable(),
  caseNumber: z.string().nullable(),
  /** issue 12 §4: ALL services, only those RELATED to the invalidity, or the condition's LIST */
  scope: exemptionScope,
  /** issue 12 §2 (H3): what the exemption rests on: an attestato, a self-declaration or the MEF list */
  source: z.enum(REGISTRY_SOURCES),
});
export type RegistryExemption = z.infer<typeof registryExemption>;
export const registryResponse = z.object({
  fiscalCode: z.string(),
  date: isoDate,
  exemptions: z.array(registryExemption),
});
export type RegistryResponse = z.infer<typeof registryResponse>;

// ---------------------------------------------------------------- access log (citizen)

export const accessLogItem = z.object({
  at: isoDateTime,
  aslName: z.string().nullable(),
  districtName: z.string().nullable(),
  role,
  action: accessAction,
  caseNumber: z.string().nullable(),
});
export type AccessLogItem = z.infer<typeof accessLogItem>;
export const accessLogResponse = z.object({ items: z.array(accessLogItem) });

// ---------------------------------------------------------------- catalogue

export const catalogExemptionQuery = z.object({
  q: z.preprocess(emptyToUndefined, z.string().trim().max(100).optional()),
  family: z.preprocess(emptyToUndefined, exemptionFamily.optional()),
  assignableOnly: z.preprocess(
    (v) => (v === 'true' ? true : v === 'false' ? false : emptyToUndefined(v)),
    z.boolean().optional(),
  ),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});
export const catalogExemption = z.object({
  code: z.string(),
  baseCode: z.string(),
  icd9Code: z.string().nullable(),
  description: z.string(),
  family: exemptionFamily,
  validFrom: isoDate,
  validUntil: isoDate.nullable(),
  assignable: z.boolean(),
  /** other spellings of the code on prescriptions and in the regional registry (0B02 for 002B) */
  aliases: z.array(z.string()).optional(),
});
export type CatalogExemption = z.infer<typeof catalogExemption>;
export const catalogExemptionList = z.object({ items: z.array(catalogExemption) });

export const catalogDiagnosisQuery = z.object({
  q: z.string().trim().min(1, 'Inserire un codice o una parola.').max(100),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const catalogDiagnosis = z.object({ code: z.string(), description: z.string(), leaf: z.boolean() });
export const catalogDiagnosisList = z.object({ items: z.array(catalogDiagnosis) });

// ---------------------------------------------------------------- health

export const healthResponse = z.object({ status: z.string() });

/** issue 13: the ways of logging in this installation offers (the login page shows only these). */
export const loginMethodsResponse = z.object({
  /** username, password and PIN (a fallback the configuration can switch off) */
  password: z.boolean(),
  /** citizens: SPID and CIE through OpenID Connect */
  spid: z.boolean(),
  cie: z.boolean(),
  /** operators: the regional identity provider */
  operatorProvider: z.boolean(),
  /** operators: the digital certificate (TLS client certificate) */
  certificate: z.boolean(),
  /** the providers are the demo one on this server (never in production) */
  demo: z.boolean(),
});
export type LoginMethods = z.infer<typeof loginMethodsResponse>;
