/**
 * SQL of self-declarations (issue 12 §1, migration 0019): the declaration stored with the exemption it
 * issued, the registry row written in the same transaction, the income thresholds in force on a date,
 * and the income exemptions a person holds.
 */
import { and, asc, desc, eq, lte, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../client.js';
import {
  asl,
  exemptionCase,
  exemptionCode,
  incomeThreshold,
  person,
  registryExemption,
  selfDeclaration,
} from '../schema.js';
import { inForceOn } from './in-force.js';
import type { RegistryInsert } from './case-rows.js';

export type SelfDeclarationRow = typeof selfDeclaration.$inferSelect;
export type SelfDeclarationInsert = typeof selfDeclaration.$inferInsert;
export type IncomeThresholdRow = typeof incomeThreshold.$inferSelect;

export async function insertSelfDeclaration(tx: Tx, row: SelfDeclarationInsert): Promise<void> {
  await tx.insert(selfDeclaration).values(row);
}

export async function insertRegistryExemption(tx: Tx, row: RegistryInsert): Promise<void> {
  await tx.insert(registryExemption).values(row);
}

export async function findSelfDeclaration(tx: Tx, caseId: number): Promise<SelfDeclarationRow | undefined> {
  const [row] = await tx.select().from(selfDeclaration).where(eq(selfDeclaration.caseId, caseId));
  return row;
}

/** The threshold row of `code` in force on `on` (the latest valid_from not after it). */
export async function thresholdInForce(
  tx: Tx,
  code: string,
  on: string,
): Promise<IncomeThresholdRow | undefined> {
  const [row] = await tx
    .select()
    .from(incomeThreshold)
    .where(and(eq(incomeThreshold.code, code), lte(incomeThreshold.validFrom, on)))
    .orderBy(desc(incomeThreshold.validFrom))
    .limit(1);
  return row;
}

export const listThresholds = (tx: Tx): Promise<IncomeThresholdRow[]> =>
  tx.select().from(incomeThreshold).orderBy(asc(incomeThreshold.code), asc(incomeThreshold.validFrom));

/** Replaces the thresholds with `rows` (the CSV of data/ is the whole table). */
export async function replaceThresholds(
  tx: Tx,
  rows: (typeof incomeThreshold.$inferInsert)[],
): Promise<void> {
  await tx.delete(incomeThreshold);
  if (rows.length) await tx.insert(incomeThreshold).values(rows);
}

/**
 * The registry rows in force on `on` of `fiscalCode`, with their code's family, and the status of
 * their case: what the compatibility check of a new declared exemption looks at. Takes the
 * transaction's advisory lock of the person's income exemptions, so two declarations of one person
 * serialise until commit.
 */
export async function exemptionsHeldOn(
  tx: Tx,
  fiscalCode: string,
  on: string,
): Promise<Array<{ code: string; family: string; validUntil: string | null; caseNumber: string | null }>> {
  await tx.execute(sql`select pg_advisory_xact_lock(727012, hashtext(${fiscalCode}))`);
  return tx
    .select({
      code: registryExemption.exemptionCode,
      family: registryExemption.family,
      validUntil: registryExemption.validUntil,
      caseNumber: exemptionCase.caseNumber,
    })
    .from(registryExemption)
    .leftJoin(exemptionCase, eq(exemptionCase.id, registryExemption.caseId))
    .where(and(eq(registryExemption.fiscalCode, fiscalCode), inForceOn(registryExemption, on)))
    .orderBy(asc(registryExemption.exemptionCode));
}

/** Open cases (sent or in progress) of `fiscalCode` whose code is of `family`. */
export async function openCasesOfFamily(
  tx: Tx,
  fiscalCode: string,
  family: string,
): Promise<Array<{ code: string; caseNumber: string }>> {
  return tx
    .select({ code: exemptionCase.exemptionCode, caseNumber: exemptionCase.caseNumber })
    .from(exemptionCase)
    .innerJoin(exemptionCode, eq(exemptionCode.code, exemptionCase.exemptionCode))
    .where(
      and(
        eq(exemptionCase.beneficiaryFiscalCode, fiscalCode),
        sql`${exemptionCase.status} in ('SUBMITTED', 'IN_PROGRESS')`,
        sql`${exemptionCase.family} = ${family}`,
      ),
    );
}

/**
 * The self-declared exemption `caseNumber` within `scope` (caseScope / citizenCaseScope), with its
 * declaration, the code's description, the beneficiary's birth date and the ASL's name: what the
 * counter, the citizen and the "certificato nominativo" read (scope null: the one just issued). Undefined
 * when out of scope.
 */
export async function declaredExemptionOf(tx: Tx, scope: SQL | null, caseNumber: string) {
  const [row] = await tx
    .select({
      c: exemptionCase,
      d: selfDeclaration,
      description: exemptionCode.description,
      birthDate: person.birthDate,
      aslName: asl.name,
    })
    .from(exemptionCase)
    .innerJoin(selfDeclaration, eq(selfDeclaration.caseId, exemptionCase.id))
    .leftJoin(exemptionCode, eq(exemptionCode.code, exemptionCase.exemptionCode))
    .leftJoin(person, eq(person.fiscalCode, exemptionCase.beneficiaryFiscalCode))
    .leftJoin(asl, eq(asl.id, exemptionCase.aslId))
    .where(and(eq(exemptionCase.caseNumber, caseNumber), scope ?? undefined));
  return row;
}
