/** SQL on the regional registry (AURA) of issued exemptions. */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { statementName, type Db, type Tx } from '../client.js';
import { perDatabase } from '../per-database.js';
import { asl, exemptionCase, exemptionCode, person, registryExemption } from '../schema.js';
import { inForceOn } from './in-force.js';

export type RegistryRow = typeof registryExemption.$inferSelect;

/**
 * "Does this person hold this exemption on this date?": the query prescribers and pharmacies run
 * most, prepared once per database (built once, a named server-side statement on PostgreSQL).
 */
const preparedLookup = perDatabase((db: Db) =>
  db
    .select({
      code: registryExemption.exemptionCode,
      description: exemptionCode.description,
      family: registryExemption.family,
      validFrom: registryExemption.validFrom,
      validUntil: registryExemption.validUntil,
      caseNumber: exemptionCase.caseNumber,
      // issue 12 §2 (H3): a MEF-list row, or a case issued on a self-declaration
      source: registryExemption.source,
      declared: sql<boolean>`exists (select 1 from self_declaration d where d.case_id = ${registryExemption.caseId})`,
    })
    .from(registryExemption)
    .leftJoin(exemptionCode, eq(exemptionCode.code, registryExemption.exemptionCode))
    .leftJoin(exemptionCase, eq(exemptionCase.id, registryExemption.caseId))
    .where(
      and(
        eq(registryExemption.fiscalCode, sql.placeholder('fiscalCode')),
        inForceOn(registryExemption, sql.placeholder('on')),
      ),
    )
    .orderBy(asc(registryExemption.exemptionCode), asc(registryExemption.validFrom))
    .prepare(statementName(db, 'esz_registry_lookup')),
);

/** The person's exemptions in force on `on` (`YYYY-MM-DD`), by code. */
export function exemptionsInForce(db: Db, fiscalCode: string, on: string) {
  return preparedLookup(db).execute({ fiscalCode, on });
}

/** Every registry row of the person, newest first, with the code's description and the case number. */
export async function exemptionsOf(tx: Tx, fiscalCode: string) {
  return tx
    .select({
      r: registryExemption,
      description: exemptionCode.description,
      caseNumber: exemptionCase.caseNumber,
    })
    .from(registryExemption)
    .leftJoin(exemptionCode, eq(exemptionCode.code, registryExemption.exemptionCode))
    .leftJoin(exemptionCase, eq(exemptionCase.id, registryExemption.caseId))
    .where(eq(registryExemption.fiscalCode, fiscalCode))
    .orderBy(desc(registryExemption.validFrom), asc(registryExemption.exemptionCode));
}

/** What the attestato of registry row `id` of the person prints: the row, its code, case, person and ASL. */
export async function exemptionForAttestato(tx: Tx, id: number, fiscalCode: string) {
  const [row] = await tx
    .select({ r: registryExemption, code: exemptionCode, c: exemptionCase, p: person, aslName: asl.name })
    .from(registryExemption)
    .innerJoin(exemptionCase, eq(exemptionCase.id, registryExemption.caseId))
    .innerJoin(person, eq(person.fiscalCode, registryExemption.fiscalCode))
    .leftJoin(exemptionCode, eq(exemptionCode.code, registryExemption.exemptionCode))
    .leftJoin(asl, eq(asl.id, registryExemption.aslId))
    .where(and(eq(registryExemption.id, id), eq(registryExemption.fiscalCode, fiscalCode)));
  return row;
}
