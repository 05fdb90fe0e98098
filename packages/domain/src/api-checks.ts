/**
 * Issue 12 (H3): the MEF list import (its progress and figures, docs/mef-list.md) and the checks of
 * self-declarations under art. 71 DPR 445/2000 ("Controlli autocertificazioni").
 */
import { z } from 'zod';
import { DECLARATION_CHECK_OUTCOMES, MEF_IMPORT_STATUSES, NOTE_MAX_LENGTH } from './enums.js';

export const mefImportView = z.object({
  id: z.string(),
  fileName: z.string(),
  listYear: z.number().int().nullable(),
  status: z.enum(MEF_IMPORT_STATUSES),
  /** 0–100: the file read (loading) then the merge (the last 10 %) */
  percent: z.number().int().min(0).max(100),
  rowsRead: z.number().int(),
  rowsRejected: z.number().int(),
  /** the first rejected lines: number and reason, never the content */
  rejectedSample: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  inserted: z.number().int().nullable(),
  unchanged: z.number().int().nullable(),
  reinstated: z.number().int().nullable(),
  superseded: z.number().int().nullable(),
  ended: z.number().int().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type MefImportView = z.infer<typeof mefImportView>;
export const mefImportList = z.object({ items: z.array(mefImportView) });

export const declarationCheckItem = z.object({
  id: z.string(),
  period: z.string(),
  sampledAt: z.string(),
  caseNumber: z.string(),
  code: z.string(),
  beneficiaryFiscalCode: z.string(),
  beneficiaryName: z.string(),
  declarantFiscalCode: z.string(),
  declaredAt: z.string(),
  outcome: z.enum(DECLARATION_CHECK_OUTCOMES).nullable(),
  note: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** non conforme: to be sent to the judicial authority (art. 76 DPR 445/2000) */
  referral: z.boolean(),
});
export type DeclarationCheckItem = z.infer<typeof declarationCheckItem>;

export const declarationCheckQuery = z.object({
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Periodo non valido: usare il formato AAAA-MM.')
    .optional(),
  view: z
    .enum(['TODO', 'DONE', 'REFERRAL', 'ALL'], { error: 'Vista non valida: TODO, DONE, REFERRAL o ALL.' })
    .default('ALL'),
});

export const declarationCheckList = z.object({
  items: z.array(declarationCheckItem),
  samples: z.array(
    z.object({
      period: z.string(),
      sampledAt: z.string(),
      percent: z.number(),
      population: z.number().int(),
      sampleSize: z.number().int(),
    }),
  ),
});
export type DeclarationCheckList = z.infer<typeof declarationCheckList>;

export const declarationCheckOutcomeBody = z
  .object({
    outcome: z.enum(DECLARATION_CHECK_OUTCOMES, { error: 'Esito non valido: CONFORMING o NON_CONFORMING.' }),
    note: z
      .string({ error: 'La nota è un testo.' })
      .trim()
      .max(NOTE_MAX_LENGTH, `La nota supera i ${NOTE_MAX_LENGTH} caratteri.`)
      .optional(),
  })
  .refine((b) => b.outcome !== 'NON_CONFORMING' || (b.note ?? '').length > 0, {
    message: "Per l'esito «non conforme» la nota è obbligatoria: indicare cosa non corrisponde.",
    path: ['note'],
  });
export type DeclarationCheckOutcomeBody = z.infer<typeof declarationCheckOutcomeBody>;
