/**
 * A delegation row as the API shows it to one viewer, and whose data that answer carries (issue 9:
 * no name to someone not entitled to it, and an access-log row for every other person returned).
 *
 * Who is named:
 * - the viewer themselves, always;
 * - to a citizen delegate, the delegator while the delegation is in force or about to start (the
 *   delegator chose to give them access to their data); not once it is revoked or expired;
 * - to a citizen delegator, never the delegate: they see the fiscal code they typed. So registering a
 *   delegation is not a way to learn whose a fiscal code is, or whether it is known to the region;
 * - at the counter, residents of the operator's ASL (whom the counter may look up anyway); others
 *   by fiscal code only.
 */
import { validityState, type Delegation } from '@esenzioni/domain';
import type { Tx } from '../../db/client.js';
import type { DelegationRow } from '../../db/repositories/delegations.js';
import { namesOf } from '../../db/repositories/people.js';
import type { Actor } from '../../auth/actor.js';

export interface DelegationViews {
  views: Delegation[];
  /** the other people (not the viewer) whose fiscal code or name the views carry: one access-log row each */
  others: string[];
}

type Side = 'delegator' | 'delegate';

function mayName(
  viewer: Actor,
  d: DelegationRow,
  side: Side,
  state: Delegation['state'],
  residenceAslId: string | null,
): boolean {
  const code = side === 'delegator' ? d.delegatorFiscalCode : d.delegateFiscalCode;
  if (code === viewer.fiscalCode) return true;
  if (viewer.role === 'ADMIN_OPERATOR') return viewer.aslId !== null && residenceAslId === viewer.aslId;
  if (viewer.role !== 'CITIZEN') return false;
  return (
    side === 'delegator' &&
    d.delegateFiscalCode === viewer.fiscalCode &&
    (state === 'ACTIVE' || state === 'NOT_YET_VALID')
  );
}

export async function delegationViews(
  tx: Tx,
  rows: DelegationRow[],
  today: string,
  viewer: Actor,
): Promise<DelegationViews> {
  const codes = [...new Set(rows.flatMap((d) => [d.delegatorFiscalCode, d.delegateFiscalCode]))];
  const people = await namesOf(tx, codes);
  const byCode = new Map(people.map((p) => [p.fiscalCode, p]));
  const shown = (d: DelegationRow, side: Side, state: Delegation['state']) => {
    const fiscalCode = side === 'delegator' ? d.delegatorFiscalCode : d.delegateFiscalCode;
    const p = byCode.get(fiscalCode);
    const named = p !== undefined && mayName(viewer, d, side, state, p.aslId);
    return { fiscalCode, firstName: named ? p.firstName : null, lastName: named ? p.lastName : null };
  };
  const views = rows.map((d) => {
    const state = validityState(d, today); // the shared "in force on date D" rule
    return {
      id: String(d.id),
      delegator: shown(d, 'delegator', state),
      delegate: shown(d, 'delegate', state),
      validFrom: d.validFrom,
      validUntil: d.validUntil,
      state,
      createdAt: d.createdAt.toISOString(),
      revokedAt: d.revokedAt ? d.revokedAt.toISOString() : null,
    };
  });
  return { views, others: codes.filter((c) => c !== viewer.fiscalCode) };
}
