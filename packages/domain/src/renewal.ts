/**
 * Renewal of an exemption (issue 11 §3): from «In scadenza» or «Scaduta» only, as a new case linked to
 * the old one; a pathology or rare disease needs a new certificate, as a new submission.
 */
import { z } from 'zod';
import { NOTE_MAX_LENGTH, type CaseStatus, type ExemptionFamily } from './enums.js';
import { isoDate } from './api.js';
import { diagnosisCodeField } from './api-portal.js';
import { needsCertificate } from './manual-rules.js';

/** The states from which an exemption may be renewed. */
export const RENEWABLE_FROM: readonly CaseStatus[] = ['EXPIRING', 'EXPIRED'];

export const isRenewable = (status: CaseStatus): boolean => RENEWABLE_FROM.includes(status);

/**
 * A renewal of this family is sent with a new certificate (the new-request form, or the specialist's
 * certificate): CHRONIC and RARE. The others are renewed by a direct request.
 */
export const renewalNeedsCertificate = (family: ExemptionFamily): boolean => needsCertificate(family);

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/**
 * POST /api/cases/{caseNumber}/renew and /api/me/cases/{caseNumber}/renew (JSON). The specialist
 * issues the new certificate: `issuedOn` required, `diagnosisCode` the old case's when not given.
 */
export const renewBody = z
  .object({
    issuedOn: z.preprocess(emptyToUndefined, isoDate.optional()),
    diagnosisCode: z.preprocess(emptyToUndefined, diagnosisCodeField.optional()),
    notes: z.preprocess(
      emptyToUndefined,
      z
        .string({ error: 'La nota deve essere un testo.' })
        .trim()
        .max(NOTE_MAX_LENGTH, `La nota può contenere al massimo ${NOTE_MAX_LENGTH} caratteri.`)
        .optional(),
    ),
  })
  .optional();
export type RenewBody = z.infer<typeof renewBody>;
