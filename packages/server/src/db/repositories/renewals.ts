/**
 * SQL of "no duplicates, and renewal" (issue 11 §3): the valid exemption of the same code or base code
 * a person already holds, and the link from a renewal to the case it renews.
 */
import { and, asc, eq, ne, or, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { exemptionCase, registryExemption } from '../schema.js';
import { inForceOn } from './in-force.js';
import type { CaseRow } from './cases.js';

/**
 * The registry row in force on `on` (the shared rule `inForceOn`) of `fiscalCode` for `code` or a code
 * of its base (013.250 ~ 013), other than the row issued by `exceptCaseId` (the exemption a renewal
 * renews). Open-ended rows first, else the latest end. Takes the transaction's advisory lock of the pair.
 */
export async function activeExemptionOfBase(
  tx: Tx,
  fiscalCode: string,
  code: string,
  on: string,
  exceptCaseId: number | null,
): Promise<{ code: string; validUntil: string | null } | undefined> {
  const base = code.split('.')[0]!;
  // two validations (or a validation and a submission) for one person and code base serialise here
  // until commit, so both cannot find the registry free
  await tx.execute(sql`select pg_advisory_xact_lock(727005, hashtext(${`${fiscalCode}:${base}`}))`);
  const [row] = await tx
    .select({ code: registryExemption.exemptionCode, validUntil: registryExemption.validUntil })
    .from(registryExemption)
    .where(
      and(
        eq(registryExemption.fiscalCode, fiscalCode),
        sql`split_part(${registryExemption.exemptionCode}, '.', 1) = ${base}`,
        inForceOn(registryExemption, on),
        exceptCaseId === null
          ? undefined
          : or(isNull(registryExemption.caseId), ne(registryExemption.caseId, exceptCaseId)),
      ),
    )
    .orderBy(sql`${registryExemption.validUntil} desc nulls first`, asc(registryExemption.id))
    .limit(1);
  return row;
}

/** The case `caseNumber` in `scope`, locked until the transaction ends (two renewals of it serialise). */
export async function lockCaseToRenew(tx: Tx, scope: SQL, caseNumber: string): Promise<CaseRow | undefined> {
  const [row] = await tx
    .select()
    .from(exemptionCase)
    .where(and(scope, eq(exemptionCase.caseNumber, caseNumber)))
    .limit(1)
    .for('update');
  return row;
}

/** Is a renewal of `caseId` already open or validated (not rejected nor cancelled)? */
export async function liveRenewalOf(tx: Tx, caseId: number): Promise<string | undefined> {
  const [row] = await tx
    .select({ caseNumber: exemptionCase.caseNumber })
    .from(exemptionCase)
    .where(
      and(
        eq(exemptionCase.renewsCaseId, caseId),
        sql`${exemptionCase.status} not in ('REJECTED', 'CANCELLED')`,
      ),
    )
    .limit(1);
  return row?.caseNumber;
}
