/**
 * API contract of the catalogue's issue-12 parts (H1): the pregnancy code lookup for prescribers and
 * the documents each exemption family asks for.
 */
import { z } from 'zod';
import { exemptionFamily, isoDate } from './api.js';
import { LAST_PREGNANCY_WEEK, PREGNANCY_SITUATIONS } from './pregnancy.js';

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** GET /api/catalog/pregnancy: the week, or the last menstrual period, or a situation. */
export const pregnancyQuery = z.object({
  situation: z.preprocess(
    emptyToUndefined,
    z
      .enum(PREGNANCY_SITUATIONS, {
        error: `Situazione non valida: ammesse ${PREGNANCY_SITUATIONS.join(', ')}.`,
      })
      .optional(),
  ),
  week: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: 'La settimana è un numero.' })
      .int('La settimana è un numero intero.')
      .min(1, `La settimana di gravidanza va da 1 a ${LAST_PREGNANCY_WEEK}.`)
      .max(LAST_PREGNANCY_WEEK, `La settimana di gravidanza va da 1 a ${LAST_PREGNANCY_WEEK}.`)
      .optional(),
  ),
  lastPeriod: z.preprocess(emptyToUndefined, isoDate.optional()),
});
export type PregnancyQuery = z.infer<typeof pregnancyQuery>;

export const pregnancyAnswer = z.object({
  code: z.string(),
  description: z.string(),
  week: z.number().int().nullable(),
  /** what to do with it: written on the prescription, no case, no attestato */
  note: z.string(),
});
export type PregnancyAnswer = z.infer<typeof pregnancyAnswer>;

/** GET /api/catalog/documents?family= */
export const familyDocumentsQuery = z.object({
  family: exemptionFamily,
});
export const familyDocument = z.object({
  document: z.string(),
  required: z.boolean(),
  note: z.string().nullable(),
});
export type FamilyDocument = z.infer<typeof familyDocument>;
export const familyDocumentList = z.object({
  family: exemptionFamily,
  items: z.array(familyDocument),
  source: z.string().nullable(),
});
export type FamilyDocumentList = z.infer<typeof familyDocumentList>;
