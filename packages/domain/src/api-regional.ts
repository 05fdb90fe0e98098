/**
 * API contract of the regional codes (issue 12 §6, H5): the Region's codes with their rules, and the
 * counter operator's issuance of one of them on the person's declaration.
 */
import { z } from 'zod';
import { exemptionFamily, isoDate } from './api.js';
import { DECLARANT_TITLES, NOTE_MAX_LENGTH } from './enums.js';
import { PERSON_IDENTIFIER_KINDS, normalizePersonIdentifier } from './person-identifier.js';
import { INCOME_MEASURES, REGIONAL_CATEGORIES, REGIONAL_ISSUERS } from './regional.js';

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const name = z
  .string({ error: 'Inserire il nome.' })
  .trim()
  .min(1, 'Campo obbligatorio.')
  .max(100, 'Al massimo 100 caratteri.');

/** One code of the Region's file, for the counter form and the catalogue. Amounts in euro cents. */
export const regionalCodeView = z.object({
  code: z.string(),
  family: exemptionFamily,
  category: z.enum(REGIONAL_CATEGORIES),
  categoryLabel: z.string(),
  description: z.string(),
  issuedBy: z.array(z.enum(REGIONAL_ISSUERS)),
  identifiers: z.array(z.enum(PERSON_IDENTIFIER_KINDS)),
  documents: z.array(z.string()),
  /** the duration in words ("6 mesi dal rilascio del tesserino") */
  duration: z.string(),
  /** what the form asks for */
  needs: z.object({
    birthDate: z.boolean(),
    income: z.enum(INCOME_MEASURES).nullable(),
    householdSize: z.boolean(),
    permitIssuedOn: z.boolean(),
    cardIssuedOn: z.boolean(),
  }),
  age: z.string().nullable(),
  income: z.string().nullable(),
  conditions: z.array(z.object({ key: z.string(), label: z.string() })).nullable(),
  copayCapCents: z.number().int().nullable(),
  discountPercent: z.number().int().nullable(),
  notes: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  source: z.string(),
});
export type RegionalCodeView = z.infer<typeof regionalCodeView>;

export const regionalCodesResponse = z.object({
  /** the REGION setting: which file the codes come from */
  region: z.string(),
  codes: z.array(regionalCodeView),
});
export type RegionalCodesResponse = z.infer<typeof regionalCodesResponse>;

const cents = z.preprocess(
  emptyToUndefined,
  z
    .number({ error: 'Importo non valido: in centesimi di euro.' })
    .int('Importo in centesimi interi.')
    .min(0, 'Importo non negativo.')
    .max(100_000_000_000, 'Importo troppo alto.')
    .optional(),
);

/** POST /api/regional/exemptions: the counter operator issues a regional code. */
export const regionalIssueBody = z.object({
  exemptionCode: z
    .string({ error: 'Scegliere il codice.' })
    .trim()
    .toUpperCase()
    .min(1, 'Scegliere il codice.')
    .max(20, 'Codice troppo lungo.'),
  /** codice fiscale, or STP/ENI + 13 digits where the code allows it */
  beneficiary: z
    .string({ error: "Inserire il codice fiscale o l'identificativo STP/ENI." })
    .max(32, 'Identificativo troppo lungo.')
    .transform(normalizePersonIdentifier),
  /** an STP/ENI holder is not in the regional registry: the counter records who they are */
  person: z.preprocess(
    emptyToUndefined,
    z.object({ firstName: name, lastName: name, birthDate: isoDate }).optional(),
  ),
  declarantFiscalCode: z.preprocess(
    emptyToUndefined,
    z.string().max(32, 'Identificativo troppo lungo.').transform(normalizePersonIdentifier).optional(),
  ),
  declarantTitle: z
    .enum(DECLARANT_TITLES, {
      error: `Titolo del dichiarante non valido: ammessi ${DECLARANT_TITLES.join(', ')}.`,
    })
    .default('SELF'),
  incomeCents: cents,
  incomeYear: z.preprocess(
    emptyToUndefined,
    z
      .number({ error: 'Anno non valido.' })
      .int('Anno non valido.')
      .min(1990, 'Anno non valido.')
      .max(2100, 'Anno non valido.')
      .optional(),
  ),
  householdSize: z.preprocess(
    emptyToUndefined,
    z
      .number({ error: 'Numero dei componenti non valido.' })
      .int('Numero dei componenti intero.')
      .min(1, 'Almeno 1 componente.')
      .max(30, 'Al massimo 30 componenti.')
      .optional(),
  ),
  condition: z.preprocess(emptyToUndefined, z.string().max(40, 'Condizione non valida.').optional()),
  permitIssuedOn: z.preprocess(emptyToUndefined, isoDate.optional()),
  cardIssuedOn: z.preprocess(emptyToUndefined, isoDate.optional()),
  documentsShown: z.literal(true, { error: 'Confermare di aver visto i documenti richiesti dal codice.' }),
  dpr445Accepted: z.literal(true, {
    error: 'Il dichiarante deve sottoscrivere la dichiarazione (artt. 46, 47 e 76 DPR 445/2000).',
  }),
  notes: z.preprocess(
    emptyToUndefined,
    z.string().trim().max(NOTE_MAX_LENGTH, `Al massimo ${NOTE_MAX_LENGTH} caratteri.`).optional(),
  ),
});
export type RegionalIssueBody = z.infer<typeof regionalIssueBody>;
