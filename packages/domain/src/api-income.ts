/**
 * Request and response schemas of income self-declarations (issue 12 §1): the counter's (POST
 * /api/income-declarations) and the citizen's or delegate's online (POST /api/me/income-declarations),
 * the declaration as read back, the certificate. Amounts are integer euro cents.
 */
import { z } from 'zod';
import { DECLARANT_TITLES } from './enums.js';
import { INCOME_CODES, MAX_DEPENDENT_CHILDREN } from './income.js';
import { caseNumber, fiscalCode, isoDate } from './api.js';

export const IDENTITY_DOCUMENT_KINDS = ['CARTA_IDENTITA', 'PASSAPORTO', 'PATENTE'] as const;
export type IdentityDocumentKind = (typeof IDENTITY_DOCUMENT_KINDS)[number];
export const IDENTITY_DOCUMENT_LABELS: Record<IdentityDocumentKind, string> = {
  CARTA_IDENTITA: "Carta d'identità",
  PASSAPORTO: 'Passaporto',
  PATENTE: 'Patente di guida',
};

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** The declarant's identity document (DPR 445/2000 art. 38): kind, number, issuer, expiry. */
export const identityDocument = z.object({
  kind: z.enum(IDENTITY_DOCUMENT_KINDS, { error: 'Tipo di documento non valido.' }),
  number: z
    .string({ error: 'Indicare il numero del documento.' })
    .trim()
    .min(4, 'Numero del documento troppo corto.')
    .max(20, 'Numero del documento troppo lungo.')
    .regex(/^[A-Za-z0-9]+$/, 'Il numero del documento ha solo lettere e cifre.'),
  issuedBy: z.string().trim().min(2, 'Indicare chi ha rilasciato il documento.').max(80),
  expiresOn: isoDate,
});
export type IdentityDocument = z.infer<typeof identityDocument>;

const cents = z
  .number({ error: 'Indicare il reddito in centesimi di euro.' })
  .int('Il reddito è in centesimi interi.')
  .min(0, 'Il reddito non può essere negativo.')
  .max(100_000_000_00, 'Reddito fuori scala.');

/** What both paths declare (the facts of the page). */
const declarationFacts = {
  exemptionCode: z.enum(INCOME_CODES, { error: 'Codice di esenzione per reddito: E01, E02, E03 o E04.' }),
  /** the titolare of the condition (E02–E04) when not the beneficiary */
  holderFiscalCode: z.preprocess(emptyToUndefined, fiscalCode.optional()),
  incomeYear: z.number().int().min(2000).max(2100),
  householdIncomeCents: cents,
  hasSpouse: z.boolean(),
  dependentChildren: z
    .number()
    .int('Numero di figli intero.')
    .min(0, 'Numero di figli non negativo.')
    .max(MAX_DEPENDENT_CHILDREN, `Al massimo ${MAX_DEPENDENT_CHILDREN} figli a carico.`),
  /** E02 */
  unemployedRegistered: z.boolean().optional(),
  firstJobSeeker: z.boolean().optional(),
  /** E03 */
  socialAllowance: z.boolean().optional(),
  /** E04 */
  minimumPension: z.boolean().optional(),
  /** DPR 445/2000 artt. 46, 47, 76: the declarant accepts the statement */
  dpr445Accepted: z.literal(true, {
    error: 'Occorre accettare la dichiarazione ai sensi del DPR 445/2000 (artt. 46, 47 e 76).',
  }),
};

export const counterIncomeDeclarationBody = z.object({
  beneficiaryFiscalCode: fiscalCode,
  declarantFiscalCode: fiscalCode,
  declarantTitle: z.enum(DECLARANT_TITLES, { error: 'Titolo del dichiarante non valido.' }),
  identityDocument,
  ...declarationFacts,
});
export type CounterIncomeDeclarationBody = z.infer<typeof counterIncomeDeclarationBody>;

/** Online: the declarant is the logged-in citizen; as a delegate (`onBehalfOf`) the title is not SELF. */
export const citizenIncomeDeclarationBody = z.object({
  declarantTitle: z.enum(DECLARANT_TITLES).optional(),
  ...declarationFacts,
});
export type CitizenIncomeDeclarationBody = z.infer<typeof citizenIncomeDeclarationBody>;

/** An issued income exemption and its declaration, as the counter, the citizen and the certificate read it. */
export const incomeDeclarationResponse = z.object({
  caseNumber,
  exemptionCode: z.string(),
  description: z.string(),
  beneficiary: z.object({ fiscalCode: z.string(), firstName: z.string(), lastName: z.string() }),
  declarantFiscalCode: z.string(),
  declarantTitle: z.enum(DECLARANT_TITLES),
  holderFiscalCode: z.string().nullable(),
  declaredAt: z.string(),
  incomeYear: z.number().int().nullable(),
  householdIncomeCents: z.number().int().nullable(),
  hasSpouse: z.boolean().nullable(),
  dependentChildren: z.number().int().nullable(),
  thresholdCents: z.number().int().nullable(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  status: z.string(),
  certificateUrl: z.string(),
});
export type IncomeDeclarationResponse = z.infer<typeof incomeDeclarationResponse>;

export const incomeCaseParams = z.object({ caseNumber });
