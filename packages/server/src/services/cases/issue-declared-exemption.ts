/**
 * An exemption granted on a self-declaration (issue 12: income E01–E04, the Region's declared codes):
 * the declarant answers for it under DPR 445/2000, so it is issued at once. One transaction writes the
 * case directly VALIDATED with its two history rows (SUBMITTED by the declarant or the operator who
 * entered it, VALIDATED by the counter operator or by the system for an online declaration that passed
 * every rule), its registry row, its self_declaration row and the outbox event. The caller checks the
 * rules of its family first (income.ts, the regional rules); this checks what holds for every case:
 * no open case or «revoca con blocco» for the code, no exemption of the same code base in force.
 */
import {
  caseStatusChanged,
  type DeclarantTitle,
  type ExemptionFamily,
  type Role,
  type SubmitterType,
} from '@esenzioni/domain';
import type { Tx } from '../../db/client.js';
import { appendHistory, insertCase } from '../../db/repositories/cases.js';
import { caseRowOf, registryRowOf, type HistoryStep } from '../../db/repositories/case-rows.js';
import { nextCaseNumber } from '../../db/repositories/case-numbers.js';
import { appendEvent } from '../../db/repositories/outbox.js';
import { insertRegistryExemption, insertSelfDeclaration } from '../../db/repositories/self-declarations.js';
import { assertNoOpenCase, assertNotAlreadyActive } from './case-rules.js';

/** Who validates a declaration that passed every rule online (shown as "SISTEMA" in the cronologia). */
export const DECLARATION_SYSTEM_ACTOR: { fiscalCode: string; role: Role } = {
  fiscalCode: 'SISTEMA',
  role: 'ADMIN',
};

/** What the declarant declared (self_declaration, migration 0019); amounts in euro cents. */
export interface DeclarationInput {
  declarantFiscalCode: string;
  declarantTitle: DeclarantTitle;
  /** the titolare of the condition (E02–E04), when not the beneficiary */
  holderFiscalCode?: string | null;
  incomeYear?: number | null;
  householdIncomeCents?: number | null;
  hasSpouse?: boolean | null;
  dependentChildren?: number | null;
  /** the limit applied, for the record */
  thresholdCents?: number | null;
  /** the family's own declared facts (unemployment, pension, ISEE, permit date, condition, …) */
  facts?: Record<string, unknown>;
  dpr445AcceptedAt: Date;
  identityDocument?: Record<string, unknown> | null;
}

export interface DeclaredExemptionInput {
  beneficiary: {
    fiscalCode: string;
    firstName: string;
    lastName: string;
    residenceAslId: string;
    residenceDistrictId: string | null;
  };
  /** who entered or sent it: the counter operator, the citizen or the delegate */
  submitter: { type: SubmitterType; fiscalCode: string; userId?: number | null; role: Role };
  /** who validated it: the counter operator, or DECLARATION_SYSTEM_ACTOR online */
  validator: { fiscalCode: string; role: Role };
  code: { code: string; family: ExemptionFamily };
  /** Rome calendar days; validUntil null: open-ended */
  validFrom: string;
  validUntil: string | null;
  declaration: DeclarationInput;
  at: Date;
  beneficiaryNote?: string | null;
  internalNote?: string | null;
  /** a number given by the caller (the demo seed numbers all its cases in order of submission) */
  caseNumber?: string;
}

export async function issueDeclaredExemption(
  tx: Tx,
  input: DeclaredExemptionInput,
): Promise<{ id: number; caseNumber: string }> {
  const { beneficiary: who, code, at } = input;
  await assertNoOpenCase(tx, who.fiscalCode, code.code);
  await assertNotAlreadyActive(tx, who.fiscalCode, code.code, input.validFrom, null);
  const year = Number(input.validFrom.slice(0, 4));
  const caseNumber = input.caseNumber ?? (await nextCaseNumber(tx, who.residenceAslId, year));
  const history: HistoryStep[] = [
    {
      at,
      actorFiscalCode: input.submitter.fiscalCode,
      actorRole: input.submitter.role,
      action: 'submit',
      status: 'SUBMITTED',
      beneficiaryNote: input.beneficiaryNote ?? null,
      internalNote: input.internalNote ?? null,
    },
    {
      at,
      actorFiscalCode: input.validator.fiscalCode,
      actorRole: input.validator.role,
      action: 'validate',
      status: 'VALIDATED',
    },
  ];
  const row = {
    ...caseRowOf(
      {
        caseNumber,
        beneficiary: {
          fiscalCode: who.fiscalCode,
          firstName: who.firstName,
          lastName: who.lastName,
          aslId: who.residenceAslId,
          districtId: who.residenceDistrictId,
        },
        submitter: {
          type: input.submitter.type,
          fiscalCode: input.submitter.fiscalCode,
          userId: input.submitter.userId ?? null,
        },
        code: { code: code.code, family: code.family, validUntil: null },
      },
      history,
    ),
    // the validity the family's rule decided (income: to the cut-off of the following year)
    validFrom: input.validFrom,
    validUntil: input.validUntil,
  };
  const id = await insertCase(tx, row);
  await appendHistory(
    tx,
    history.map((s) => ({ caseId: id, ...s })),
  );
  const registry = registryRowOf({ ...row, id });
  if (registry) await insertRegistryExemption(tx, registry);
  const d = input.declaration;
  await insertSelfDeclaration(tx, {
    caseId: id,
    code: code.code,
    aslId: who.residenceAslId,
    declaredAt: at,
    declarantFiscalCode: d.declarantFiscalCode,
    declarantTitle: d.declarantTitle,
    holderFiscalCode: d.holderFiscalCode ?? null,
    incomeYear: d.incomeYear ?? null,
    householdIncomeCents: d.householdIncomeCents ?? null,
    hasSpouse: d.hasSpouse ?? null,
    dependentChildren: d.dependentChildren ?? null,
    thresholdCents: d.thresholdCents ?? null,
    facts: d.facts ?? {},
    dpr445AcceptedAt: d.dpr445AcceptedAt,
    identityDocument: d.identityDocument ?? null,
  });
  await appendEvent(
    tx,
    caseStatusChanged({
      caseNumber,
      status: 'VALIDATED',
      previousStatus: null,
      beneficiaryFiscalCode: who.fiscalCode,
      at: at.toISOString(),
      actorFiscalCode: input.validator.fiscalCode,
      actorRole: input.validator.role,
    }),
  );
  return { id, caseNumber };
}
