/** A delegation row as the API shows it: both people by name, and its state today. */
import { inArray } from 'drizzle-orm';
import type { Delegation } from '@esenzioni/domain';
import type { Tx } from '../db/client.js';
import { delegation, person } from '../db/schema.js';

export type DelegationRow = typeof delegation.$inferSelect;

export function delegationState(d: DelegationRow, today: string): Delegation['state'] {
  if (d.revokedAt) return 'REVOKED';
  if (d.validFrom > today) return 'NOT_YET_VALID';
  if (d.validUntil !== null && d.validUntil < today) return 'EXPIRED';
  return 'ACTIVE';
}

export async function delegationViews(tx: Tx, rows: DelegationRow[], today: string): Promise<Delegation[]> {
  const codes = [...new Set(rows.flatMap((d) => [d.delegatorFiscalCode, d.delegateFiscalCode]))];
  const people = codes.length
    ? await tx.select({ fiscalCode: person.fiscalCode, firstName: person.firstName, lastName: person.lastName }).from(person).where(inArray(person.fiscalCode, codes))
    : [];
  const byCode = new Map(people.map((p) => [p.fiscalCode, p]));
  const named = (fiscalCode: string) => ({
    fiscalCode,
    firstName: byCode.get(fiscalCode)?.firstName ?? null,
    lastName: byCode.get(fiscalCode)?.lastName ?? null,
  });
  return rows.map((d) => ({
    id: String(d.id),
    delegator: named(d.delegatorFiscalCode),
    delegate: named(d.delegateFiscalCode),
    validFrom: d.validFrom,
    validUntil: d.validUntil,
    state: delegationState(d, today),
    createdAt: d.createdAt.toISOString(),
    revokedAt: d.revokedAt ? d.revokedAt.toISOString() : null,
  }));
}
