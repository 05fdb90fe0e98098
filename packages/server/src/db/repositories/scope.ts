/**
 * What part of the cases an actor may see: a district operator sees their ASL (their district when the
 * profile names one); a specialist the cases they sent; a citizen their own. Anything else (the GP, the
 * administrator, the statistics roles of issue 15) sees none.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { exemptionCase } from '../schema.js';

/** A condition on exemption_case, built here and passed through by the services. */
export type CaseScope = SQL;

export function caseScope(actor: Actor): CaseScope {
  switch (actor.role) {
    case 'DISTRICT_OPERATOR':
    case 'ADMIN_OPERATOR': {
      if (!actor.aslId) return sql`false`;
      const byAsl = eq(exemptionCase.aslId, actor.aslId);
      return actor.districtId ? (and(byAsl, eq(exemptionCase.districtId, actor.districtId)) as SQL) : byAsl;
    }
    case 'SPECIALIST':
      return actor.fiscalCode ? eq(exemptionCase.submitterFiscalCode, actor.fiscalCode) : sql`false`;
    case 'CITIZEN':
      return actor.fiscalCode ? eq(exemptionCase.beneficiaryFiscalCode, actor.fiscalCode) : sql`false`;
    // issue 15: the statistics roles read aggregates only, never a case
    case 'GP':
    case 'ADMIN':
    case 'ASL_MANAGER':
    case 'REGION_ANALYST':
      return sql`false`;
    default: {
      const never: never = actor.role;
      throw new Error(`unknown role ${String(never)}`);
    }
  }
}

/** The cases the actor sent (the sender's cancel), within their scope; null without a fiscal code. */
export function senderScope(actor: Actor): CaseScope | null {
  if (!actor.fiscalCode) return null;
  return and(caseScope(actor), eq(exemptionCase.submitterFiscalCode, actor.fiscalCode)) as SQL;
}
