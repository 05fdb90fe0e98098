/**
 * SQL on delegations: the "in force today" check (re-read on every request, never cached, so a
 * revocation stops access at once), the citizen's case scope, creation under a per-pair lock,
 * listing and revocation.
 */
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { delegation, exemptionCase, person } from '../schema.js';
import { inForceOn, overlapping } from './in-force.js';

export type DelegationRow = typeof delegation.$inferSelect;
export type NewDelegation = typeof delegation.$inferInsert;

/** Delegations in force on `today` from `delegator` to `delegate`, as SQL. */
export const activeDelegationWhere = (delegator: string, delegate: string, today: string): SQL =>
  and(
    eq(delegation.delegatorFiscalCode, delegator),
    eq(delegation.delegateFiscalCode, delegate),
    inForceOn(delegation, today),
  ) as SQL;

/** Is a delegation from `delegator` to `delegate` in force on `today`? */
export async function hasActiveDelegation(
  tx: Tx,
  delegator: string,
  delegate: string,
  today: string,
): Promise<boolean> {
  const found = await tx
    .select({ id: delegation.id })
    .from(delegation)
    .where(activeDelegationWhere(delegator, delegate, today))
    .limit(1);
  return found.length > 0;
}

/**
 * The cases a citizen `me` may act on for `who`, as SQL: as a delegate, the delegation is re-checked
 * inside the same statement that loads the case, so a revocation committed a moment earlier is seen.
 */
export function citizenCaseScope(
  me: string,
  who: { fiscalCode: string; asDelegate: boolean },
  today: string,
): SQL {
  const ofPerson = eq(exemptionCase.beneficiaryFiscalCode, who.fiscalCode);
  if (!who.asDelegate) return ofPerson;
  return and(
    ofPerson,
    sql`exists (select 1 from ${delegation} where ${activeDelegationWhere(who.fiscalCode, me, today)})`,
  ) as SQL;
}

/** Serialises creations for one pair until the transaction ends (one delegation in force per pair). */
export async function lockPair(tx: Tx, delegator: string, delegate: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(727004, hashtext(${`${delegator}:${delegate}`}))`);
}

/** Is a not revoked delegation of the pair in force at some date of [from, until] (until null: open)? */
export async function overlapsExisting(
  tx: Tx,
  delegator: string,
  delegate: string,
  from: string,
  until: string | null,
): Promise<boolean> {
  const found = await tx
    .select({ id: delegation.id })
    .from(delegation)
    .where(
      and(
        eq(delegation.delegatorFiscalCode, delegator),
        eq(delegation.delegateFiscalCode, delegate),
        overlapping(delegation, from, until),
      ),
    )
    .limit(1);
  return found.length > 0;
}

export async function insertDelegation(tx: Tx, values: NewDelegation): Promise<DelegationRow> {
  const [row] = await tx.insert(delegation).values(values).returning();
  if (!row) throw new Error('delegation not created');
  return row;
}

/** A person's delegations on one side, newest first. */
export async function delegationsOf(
  tx: Tx,
  fiscalCode: string,
  side: 'given' | 'received',
): Promise<DelegationRow[]> {
  const column = side === 'given' ? delegation.delegatorFiscalCode : delegation.delegateFiscalCode;
  return tx.select().from(delegation).where(eq(column, fiscalCode)).orderBy(desc(delegation.id));
}

/** The delegation, locked for update, with the delegator's ASL of residence (null: not a resident). */
export async function findDelegationForUpdate(
  tx: Tx,
  id: number,
): Promise<{ d: DelegationRow; delegatorAsl: string | null } | undefined> {
  const [found] = await tx
    .select({ d: delegation, delegatorAsl: person.residenceAslId })
    .from(delegation)
    .leftJoin(person, eq(person.fiscalCode, delegation.delegatorFiscalCode))
    .where(eq(delegation.id, id))
    .for('update', { of: delegation });
  return found;
}

/** Revokes the delegation if it is not revoked yet; the updated row, or undefined when it already was. */
export async function markRevoked(
  tx: Tx,
  id: number,
  at: Date,
  byFiscalCode: string,
): Promise<DelegationRow | undefined> {
  const [updated] = await tx
    .update(delegation)
    .set({ revokedAt: at, revokedByFiscalCode: byFiscalCode })
    .where(and(eq(delegation.id, id), isNull(delegation.revokedAt)))
    .returning();
  return updated;
}
