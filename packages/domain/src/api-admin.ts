/**
 * API contract of the administration (issue 13 §3) and of the public front door (§5): users and their
 * profiles, API keys, districts and their offices (sportelli), parameters, the administrator's audit
 * trail; the public families and offices.
 */
import { z } from 'zod';
import { exemptionFamily, isoDate, isoDateTime, role } from './api.js';
import { isValidFiscalCode, normalizeFiscalCode } from './fiscal-code.js';
import { OFFICE_SERVICES } from './offices.js';

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const trimmed = (label: string, max: number) =>
  z
    .string({ error: `${label}: campo obbligatorio.` })
    .trim()
    .min(1, `${label}: campo obbligatorio.`)
    .max(max, `${label}: al massimo ${max} caratteri.`);

// ---------------------------------------------------------------- users and profiles

export const adminProfileInput = z
  .object({
    role,
    aslId: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^\d{6}$/, 'ASL non valida.')
        .optional(),
    ),
    districtId: z.preprocess(emptyToUndefined, z.string().min(1).max(16).optional()),
  })
  .refine((p) => p.role === 'ADMIN' || p.role === 'CITIZEN' || p.aslId !== undefined, {
    message: "Indicare l'ASL del profilo.",
    path: ['aslId'],
  })
  .refine((p) => p.role !== 'DISTRICT_OPERATOR' || p.districtId !== undefined, {
    message: 'Un operatore di distretto ha un distretto.',
    path: ['districtId'],
  });
export type AdminProfileInput = z.infer<typeof adminProfileInput>;

const profilesField = z
  .array(adminProfileInput, { error: 'Indicare almeno un profilo.' })
  .min(1, 'Indicare almeno un profilo.')
  .max(10, 'Al massimo 10 profili.');

export const adminUserCreate = z.object({
  username: z
    .string({ error: 'Nome utente: campo obbligatorio.' })
    .trim()
    .min(3, 'Il nome utente ha almeno 3 caratteri.')
    .max(64, 'Il nome utente ha al massimo 64 caratteri.')
    .regex(/^[a-z0-9._-]+$/i, 'Il nome utente usa lettere, cifre, punto, trattino e trattino basso.'),
  password: z
    .string({ error: 'Password: campo obbligatorio.' })
    .min(12, 'La password ha almeno 12 caratteri.')
    .max(200, 'La password ha al massimo 200 caratteri.'),
  pin: z.string({ error: 'PIN: campo obbligatorio.' }).regex(/^\d{6,8}$/, 'Il PIN ha da 6 a 8 cifre.'),
  fiscalCode: z
    .string({ error: 'Codice fiscale: campo obbligatorio.' })
    .transform(normalizeFiscalCode)
    .refine(isValidFiscalCode, 'Codice fiscale non valido.'),
  firstName: trimmed('Nome', 100),
  lastName: trimmed('Cognome', 100),
  profiles: profilesField,
});
export type AdminUserCreate = z.infer<typeof adminUserCreate>;

export const adminProfilesUpdate = z.object({ profiles: profilesField });

export const adminProfile = z.object({
  id: z.number().int(),
  role,
  aslId: z.string().nullable(),
  aslName: z.string().nullable(),
  districtId: z.string().nullable(),
  districtName: z.string().nullable(),
});

export const adminUser = z.object({
  id: z.number().int(),
  username: z.string(),
  fiscalCode: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  active: z.boolean(),
  createdAt: isoDateTime,
  profiles: z.array(adminProfile),
  /** sessions open now */
  sessions: z.number().int(),
});
export type AdminUser = z.infer<typeof adminUser>;

export const adminUsersQuery = z.object({
  q: z.preprocess(emptyToUndefined, z.string().trim().max(64).optional()),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const adminUserList = z.object({
  items: z.array(adminUser),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AdminUserList = z.infer<typeof adminUserList>;

// ---------------------------------------------------------------- API keys

export const apiKeyCreate = z.object({ name: trimmed('Nome della chiave', 100) });
export const apiKeyView = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: isoDateTime,
  revokedAt: isoDateTime.nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeyView>;
/** The key itself is shown once, in this answer only. */
export const apiKeyCreated = apiKeyView.extend({ key: z.string() });
export type ApiKeyCreated = z.infer<typeof apiKeyCreated>;

// ---------------------------------------------------------------- ASLs, districts and offices

export const aslView = z.object({ id: z.string(), name: z.string(), regionCode: z.string() });
export type AslView = z.infer<typeof aslView>;

export const districtView = z.object({
  id: z.string(),
  aslId: z.string(),
  aslName: z.string(),
  name: z.string(),
  offices: z.number().int(),
});
export type DistrictView = z.infer<typeof districtView>;
export const districtCreate = z.object({
  aslId: z.string().regex(/^\d{6}$/, 'ASL non valida.'),
  name: trimmed('Nome del distretto', 100),
});
export const districtRename = z.object({ name: trimmed('Nome del distretto', 100) });

export { OFFICE_SERVICES, OFFICE_SERVICE_LABELS, WEEKDAY_NAMES, type OfficeService } from './offices.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Orario non valido (formato HH:MM).');
export const officeHours = z
  .object({
    weekday: z.number().int().min(1, 'Giorno non valido.').max(7, 'Giorno non valido.'),
    opens: hhmm,
    closes: hhmm,
    note: z.preprocess(emptyToUndefined, z.string().trim().max(200).optional()),
  })
  .refine((h) => h.opens < h.closes, {
    message: "L'orario di chiusura segue quello di apertura.",
    path: ['closes'],
  });
export type OfficeHours = z.infer<typeof officeHours>;
export const officeClosure = z.object({
  date: isoDate,
  note: z.preprocess(emptyToUndefined, z.string().trim().max(200).optional()),
});
export type OfficeClosure = z.infer<typeof officeClosure>;

export const officeInput = z.object({
  districtId: z.string().min(1, 'Indicare il distretto.').max(16),
  name: trimmed('Nome dello sportello', 200),
  address: trimmed('Indirizzo', 300),
  services: z
    .array(z.enum(OFFICE_SERVICES, { error: 'Servizio non valido.' }))
    .min(1, 'Indicare almeno un servizio offerto.')
    .max(OFFICE_SERVICES.length),
  hours: z.array(officeHours).max(50, 'Al massimo 50 fasce orarie.'),
  closures: z.array(officeClosure).max(100, 'Al massimo 100 giorni di chiusura.').default([]),
  note: z.preprocess(emptyToUndefined, z.string().trim().max(500).optional()),
  source: z.preprocess(emptyToUndefined, z.string().trim().max(300).optional()),
  active: z.boolean().default(true),
});
export type OfficeInput = z.infer<typeof officeInput>;

export const officeView = z.object({
  id: z.number().int(),
  districtId: z.string(),
  districtName: z.string(),
  aslId: z.string(),
  aslName: z.string(),
  name: z.string(),
  address: z.string(),
  services: z.array(z.enum(OFFICE_SERVICES)),
  hours: z.array(
    z.object({
      weekday: z.number().int(),
      opens: z.string(),
      closes: z.string(),
      note: z.string().optional(),
    }),
  ),
  closures: z.array(z.object({ date: z.string(), note: z.string().optional() })),
  note: z.string().nullable(),
  source: z.string().nullable(),
  active: z.boolean(),
  updatedAt: isoDateTime,
});
export type OfficeView = z.infer<typeof officeView>;

// ---------------------------------------------------------------- parameters

/**
 * CERTIFICATE_MAX_AGE_MONTHS: scope a Region's code (3 digits) or an ASL's id (6 digits, overrides the
 * Region's); EXPIRY_REMINDER_DAYS: the reminder lead time, scope empty (the whole installation).
 */
export const ADMIN_PARAMETERS = ['CERTIFICATE_MAX_AGE_MONTHS', 'EXPIRY_REMINDER_DAYS'] as const;
export type AdminParameterName = (typeof ADMIN_PARAMETERS)[number];
export const ADMIN_PARAMETER_LABELS: Record<AdminParameterName, string> = {
  CERTIFICATE_MAX_AGE_MONTHS: 'Età massima del certificato (mesi)',
  EXPIRY_REMINDER_DAYS: 'Preavviso del promemoria di scadenza (giorni)',
};
export const adminParameterSet = z
  .object({
    name: z.enum(ADMIN_PARAMETERS, { error: 'Parametro sconosciuto.' }),
    scope: z.string().trim().max(16).default(''),
    value: z
      .number({ error: 'Il valore è un numero intero.' })
      .int('Il valore è un numero intero.')
      .min(1, 'Il valore minimo è 1.')
      .max(3650, 'Il valore massimo è 3650.'),
  })
  .refine((p) => (p.name === 'EXPIRY_REMINDER_DAYS' ? p.scope === '' : /^(\d{3}|\d{6})$/.test(p.scope)), {
    message:
      "Ambito non valido: per l'età del certificato il codice della Regione (3 cifre) o l'ASL (6 cifre); per il preavviso nessun ambito.",
    path: ['scope'],
  });
export type AdminParameterSet = z.infer<typeof adminParameterSet>;
export const adminParameter = z.object({
  name: z.enum(ADMIN_PARAMETERS),
  scope: z.string(),
  value: z.number().int(),
  updatedAt: isoDateTime,
});
export type AdminParameter = z.infer<typeof adminParameter>;
export const adminParameterList = z.object({
  items: z.array(adminParameter),
  /** the values the configuration gives when no row is set */
  defaults: z.object({ certificateMaxAgeMonths: z.number().int(), expiryReminderDays: z.number().int() }),
});

// ---------------------------------------------------------------- audit trail

export const adminAuditQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
  targetType: z.preprocess(emptyToUndefined, z.string().max(24).optional()),
  targetId: z.preprocess(emptyToUndefined, z.string().max(64).optional()),
});
export const adminAuditRow = z.object({
  id: z.number().int(),
  at: isoDateTime,
  actorUserId: z.number().int().nullable(),
  actorRole: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type AdminAuditRow = z.infer<typeof adminAuditRow>;
export const adminAuditList = z.object({
  items: z.array(adminAuditRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

// ---------------------------------------------------------------- public front door

export const publicFamily = z.object({
  family: exemptionFamily,
  label: z.string(),
  /** what the exemption covers */
  covers: z.string(),
  /** who may ask for it, in short */
  who: z.string(),
  /** the codes of the family that a person can be told about (income, pregnancy), from the catalogue */
  codes: z.array(z.object({ code: z.string(), description: z.string() })),
  documents: z.array(z.object({ document: z.string(), required: z.boolean(), note: z.string().nullable() })),
  source: z.string().nullable(),
});
export type PublicFamily = z.infer<typeof publicFamily>;
export const publicFamilies = z.object({
  items: z.array(publicFamily),
  /** the income limits in force today, in euro cents (data/income-thresholds.csv) */
  incomeThresholds: z.array(
    z.object({
      code: z.string(),
      baseCents: z.number().int(),
      spouseCents: z.number().int().nullable(),
      perChildCents: z.number().int().nullable(),
    }),
  ),
});
export type PublicFamilies = z.infer<typeof publicFamilies>;

export const publicOfficesQuery = z.object({
  aslId: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{6}$/, 'ASL non valida.')
      .optional(),
  ),
});
export const publicOffice = officeView.omit({ active: true, updatedAt: true });
export type PublicOffice = z.infer<typeof publicOffice>;
export const publicOffices = z.object({
  /** the ASLs that have at least one office */
  asls: z.array(aslView),
  items: z.array(publicOffice),
});
export type PublicOffices = z.infer<typeof publicOffices>;
