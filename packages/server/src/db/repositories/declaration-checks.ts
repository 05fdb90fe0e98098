/**
 * SQL of the checks of self-declarations under art. 71 DPR 445/2000 (issue 12 §3): the population of a
 * month (self-declarations issued in it, Europe/Rome), the sample written with its record (one row per
 * ASL and month, so a second run of the job writes nothing), the worklist of an ASL and the outcome
 * (compare-and-set: recorded once).
 */
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DeclarationCheckOutcome } from '@esenzioni/domain';
import { rows, type Tx } from '../client.js';
import { declarationCheck, declarationCheckSample, exemptionCase, selfDeclaration } from '../schema.js';
import type { CaseScope } from './scope.js';

/** The self-declarations issued in `period` (YYYY-MM, Rome time), by ASL, of ASLs not yet sampled for it. */
export async function declarationsOfPeriod(
  tx: Tx,
  period: string,
): Promise<Array<{ aslId: string; caseIds: number[] }>> {
  const found = await rows<{ asl_id: string; case_id: number }>(
    tx,
    sql`select d.asl_id, d.case_id::bigint as case_id
          from self_declaration d
         where to_char(d.declared_at at time zone 'Europe/Rome', 'YYYY-MM') = ${period}
           and not exists (select 1 from declaration_check_sample s where s.period = ${period} and s.asl_id = d.asl_id)
           and not exists (select 1 from declaration_check c where c.case_id = d.case_id)
         order by d.asl_id, d.case_id`,
  );
  const byAsl = new Map<string, number[]>();
  for (const r of found) {
    const list = byAsl.get(r.asl_id) ?? [];
    list.push(Number(r.case_id));
    byAsl.set(r.asl_id, list);
  }
  return [...byAsl].map(([aslId, caseIds]) => ({ aslId, caseIds }));
}

/**
 * The sample of one ASL and month with its record; false (nothing written) when another run wrote it
 * first (the record's primary key).
 */
export async function insertSample(
  tx: Tx,
  v: { period: string; aslId: string; at: Date; percent: number; population: number; caseIds: number[] },
): Promise<boolean> {
  const written = await tx
    .insert(declarationCheckSample)
    .values({
      period: v.period,
      aslId: v.aslId,
      sampledAt: v.at,
      percent: v.percent.toFixed(2),
      population: v.population,
      sampleSize: v.caseIds.length,
    })
    .onConflictDoNothing()
    .returning({ period: declarationCheckSample.period });
  if (written.length === 0) return false;
  if (v.caseIds.length > 0)
    await tx
      .insert(declarationCheck)
      .values(v.caseIds.map((caseId) => ({ caseId, aslId: v.aslId, period: v.period, sampledAt: v.at })))
      .onConflictDoNothing();
  return true;
}

export type CheckView = 'TODO' | 'DONE' | 'REFERRAL' | 'ALL';

/**
 * The worklist of an ASL: the checks with their case, beneficiary and declaration, newest month first,
 * within the actor's case scope (an operator of one district sees that district's).
 */
export async function checksOfAsl(
  tx: Tx,
  aslId: string,
  scope: CaseScope,
  opts: { period?: string; view: CheckView },
) {
  const conds = [eq(declarationCheck.aslId, aslId), scope];
  if (opts.period) conds.push(eq(declarationCheck.period, opts.period));
  if (opts.view === 'TODO') conds.push(isNull(declarationCheck.outcome));
  if (opts.view === 'DONE') conds.push(sql`${declarationCheck.outcome} is not null`);
  if (opts.view === 'REFERRAL') conds.push(eq(declarationCheck.outcome, 'NON_CONFORMING'));
  return tx
    .select({
      check: declarationCheck,
      caseNumber: exemptionCase.caseNumber,
      code: exemptionCase.exemptionCode,
      beneficiaryFiscalCode: exemptionCase.beneficiaryFiscalCode,
      firstName: exemptionCase.beneficiaryFirstName,
      lastName: exemptionCase.beneficiaryLastName,
      declarantFiscalCode: selfDeclaration.declarantFiscalCode,
      declaredAt: selfDeclaration.declaredAt,
    })
    .from(declarationCheck)
    .innerJoin(exemptionCase, eq(exemptionCase.id, declarationCheck.caseId))
    .innerJoin(selfDeclaration, eq(selfDeclaration.caseId, declarationCheck.caseId))
    .where(and(...conds))
    .orderBy(desc(declarationCheck.period), asc(declarationCheck.id))
    .limit(500);
}

export async function samplesOfAsl(tx: Tx, aslId: string) {
  return tx
    .select()
    .from(declarationCheckSample)
    .where(eq(declarationCheckSample.aslId, aslId))
    .orderBy(desc(declarationCheckSample.period))
    .limit(24);
}

/** One check of the ASL in the actor's scope with its case (number, state, version), or undefined (404). */
export async function checkOfAsl(tx: Tx, id: number, aslId: string, scope: CaseScope) {
  const [row] = await tx
    .select({
      check: declarationCheck,
      caseNumber: exemptionCase.caseNumber,
      status: exemptionCase.status,
      version: exemptionCase.version,
      beneficiaryFiscalCode: exemptionCase.beneficiaryFiscalCode,
    })
    .from(declarationCheck)
    .innerJoin(exemptionCase, eq(exemptionCase.id, declarationCheck.caseId))
    .where(and(eq(declarationCheck.id, id), eq(declarationCheck.aslId, aslId), scope));
  return row;
}

/** Records the outcome once: false when it was already recorded (compare-and-set on a null outcome). */
export async function decideCheck(
  tx: Tx,
  id: number,
  v: { outcome: DeclarationCheckOutcome; note: string | null; by: string; at: Date },
): Promise<boolean> {
  const done = await tx
    .update(declarationCheck)
    .set({ outcome: v.outcome, note: v.note, decidedBy: v.by, decidedAt: v.at })
    .where(and(eq(declarationCheck.id, id), isNull(declarationCheck.outcome)))
    .returning({ id: declarationCheck.id });
  return done.length > 0;
}
