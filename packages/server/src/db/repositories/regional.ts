/**
 * SQL of the regional codes (issue 12 §6): the rules table regional_code loaded from the Region's file,
 * read by code or as the list of the configured Region; and the person row an STP/ENI holder gets when
 * the counter issues them a code (they are not in the regional registry).
 */
import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { exemptionCode, person, regionalCode } from '../schema.js';

export type RegionalCodeRecord = typeof regionalCode.$inferSelect & {
  family: (typeof exemptionCode.$inferSelect)['family'];
  description: string;
  validFrom: string;
  validUntil: string | null;
};

/** The rules of the file, by code; the administrator owns none of them (the file is the configuration). */
export async function upsertRegionalCodes(tx: Tx, data: (typeof regionalCode.$inferInsert)[]): Promise<void> {
  for (const r of data) {
    const { code: _code, ...rest } = r;
    await tx.insert(regionalCode).values(r).onConflictDoUpdate({ target: regionalCode.code, set: rest });
  }
}

const withCatalogue = {
  family: exemptionCode.family,
  description: exemptionCode.description,
  validFrom: exemptionCode.validFrom,
  validUntil: exemptionCode.validUntil,
};

export async function findRegionalCode(tx: Tx, code: string): Promise<RegionalCodeRecord | undefined> {
  const [row] = await tx
    .select({ ...getTableColumns(regionalCode), ...withCatalogue })
    .from(regionalCode)
    .innerJoin(exemptionCode, eq(exemptionCode.code, regionalCode.code))
    .where(eq(regionalCode.code, code));
  return row as RegionalCodeRecord | undefined;
}

export async function listRegionalCodes(tx: Tx, region: string): Promise<RegionalCodeRecord[]> {
  const found = await tx
    .select({ ...getTableColumns(regionalCode), ...withCatalogue })
    .from(regionalCode)
    .innerJoin(exemptionCode, eq(exemptionCode.code, regionalCode.code))
    .where(and(eq(regionalCode.region, region)))
    .orderBy(asc(regionalCode.category), asc(regionalCode.code));
  return found as RegionalCodeRecord[];
}

/**
 * An STP/ENI holder recorded by the counter: their identifier, name and birth date, resident (for the
 * case's ASL) in the operator's ASL. An existing row is kept as it is: the first record wins.
 */
export async function recordTemporaryPerson(
  tx: Tx,
  p: { identifier: string; firstName: string; lastName: string; birthDate: string; aslId: string },
): Promise<void> {
  await tx
    .insert(person)
    .values({
      fiscalCode: p.identifier,
      firstName: p.firstName.toUpperCase(),
      lastName: p.lastName.toUpperCase(),
      birthDate: p.birthDate,
      residenceAslId: p.aslId,
    })
    .onConflictDoNothing({ target: person.fiscalCode });
}

/** True when the configured Region's file is not loaded (a database from before 0022, or a new REGION). */
export async function regionalCodesMissing(tx: Tx, region: string): Promise<boolean> {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(regionalCode)
    .where(eq(regionalCode.region, region));
  return (r?.n ?? 0) === 0;
}
