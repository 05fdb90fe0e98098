/**
 * API contract of issue 12 §4 and §8: the invalidity fields of a request (flat, so a multipart form
 * carries them), the invalidity data and the exempt services of the detail, the services of a code
 * (GET /api/catalog/exemptions/{code}/services) and the administrator's upload of a services file.
 * Imports no other API module (api.ts builds the detail from these).
 */
import { z } from 'zod';
import { EXEMPTION_SCOPES, SERVICES_KINDS } from './exempt-services.js';
import { INVALIDITY_KINDS } from './invalidity.js';

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return ISO_DATE.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
const date = z
  .string({ error: 'Data non valida: usare il formato AAAA-MM-GG.' })
  .refine(realDate, 'Data non valida: usare il formato AAAA-MM-GG.');

/** "true"/"false"/"on"/"sì" from a form, or a JSON boolean. */
const formBoolean = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return emptyToUndefined(v);
    const s = v.trim().toLowerCase();
    if (s === '') return undefined;
    if (['true', 'on', 'si', 'sì', '1'].includes(s)) return true;
    if (['false', 'off', 'no', '0'].includes(s)) return false;
    return v;
  },
  z.boolean({ error: 'Indicare sì o no per l’indennità di accompagnamento.' }).optional(),
);

const formInt = (min: number, max: number, message: string) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: message }).int(message).min(min, message).max(max, message).optional(),
  );

/** The verbale's fields of an invalidity request (counter and citizen; ignored for other families). */
export const invalidityFields = {
  invalidityKind: z.preprocess(
    emptyToUndefined,
    z
      .enum(INVALIDITY_KINDS, {
        error: `Tipo di invalidità non valido: ammessi ${INVALIDITY_KINDS.join(', ')}.`,
      })
      .optional(),
  ),
  invalidityPercentage: formInt(1, 100, 'La percentuale di invalidità è un numero intero da 1 a 100.'),
  invalidityCategory: formInt(1, 8, 'La categoria è un numero da 1 (I) a 8 (VIII).'),
  invalidityAccompaniment: formBoolean,
  verbaleNumber: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .max(40, 'Il numero del verbale può contenere al massimo 40 caratteri.')
      .regex(/^[0-9A-Za-z./\- ]*$/, 'Il numero del verbale contiene solo cifre, lettere, / . -.')
      .optional(),
  ),
  verbaleDate: z.preprocess(emptyToUndefined, date.optional()),
  verbaleIssuer: z.preprocess(
    emptyToUndefined,
    z.string().trim().max(200, 'L’ente che ha rilasciato il verbale: al massimo 200 caratteri.').optional(),
  ),
};

export const invalidityDataSchema = z.object({
  kind: z.enum(INVALIDITY_KINDS),
  percentage: z.number().int().nullable(),
  category: z.number().int().nullable(),
  accompaniment: z.boolean(),
  verbaleNumber: z.string(),
  verbaleDate: z.string(),
  issuingBody: z.string(),
});

export const exemptionScope = z.enum(EXEMPTION_SCOPES);

export const exemptServiceItem = z.object({
  code: z.string().nullable(),
  description: z.string(),
  example: z.boolean(),
  note: z.string().nullable().optional(),
});

/**
 * How the services of the exemption are told: a sentence (STANDARD, RELATED), the loaded list (LIST)
 * or "elenco non ancora caricato" (NOT_LOADED, with the manual's examples when there are some).
 */
export const servicesInfo = z.object({
  kind: z.enum(SERVICES_KINDS),
  sentence: z.string().nullable(),
  /** the code whose list was found (the code itself or its base code); null when none */
  listCode: z.string().nullable(),
  /** the file the list came from */
  source: z.string().nullable(),
});
export type ServicesInfo = z.infer<typeof servicesInfo>;

export const codeServicesParams = z.object({
  code: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[0-9A-Z.]{1,20}$/, 'Codice di esenzione non valido.')),
});
export const codeServicesQuery = z.object({
  date: z.preprocess(emptyToUndefined, date.optional()),
});
export const codeServicesResponse = z.object({
  code: z.string(),
  description: z.string(),
  scope: exemptionScope,
  date: z.string(),
  services: servicesInfo,
  items: z.array(exemptServiceItem),
});
export type CodeServicesResponse = z.infer<typeof codeServicesResponse>;

/** POST /api/admin/exempt-services: the CSV text (docs/exempt-services.md) and its file name. */
export const exemptServicesUploadBody = z.object({
  fileName: z.string().trim().min(1, 'Indicare il nome del file.').max(200),
  csv: z
    .string({ error: 'Il file deve essere un testo CSV.' })
    .min(1, 'Il file è vuoto.')
    .max(5_000_000, 'Il file supera 5 MB.'),
});
export const exemptServicesUploadResponse = z.object({
  uploadId: z.string(),
  /** false when the same file (sha256) was already loaded: nothing changed */
  created: z.boolean(),
  rows: z.number().int(),
  codes: z.array(z.string()),
  uploadedAt: z.string(),
});
export type ExemptServicesUploadResponse = z.infer<typeof exemptServicesUploadResponse>;

export const exemptServicesUploadList = z.object({
  items: z.array(
    z.object({
      uploadId: z.string(),
      fileName: z.string(),
      uploadedAt: z.string(),
      uploadedBy: z.string(),
      rows: z.number().int(),
      codes: z.array(z.string()),
    }),
  ),
});
export type ExemptServicesUploadList = z.infer<typeof exemptServicesUploadList>;
