/** SQL on people known to the region (the registry of beneficiaries). */
import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { asl, district, person } from '../schema.js';

export type PersonRow = typeof person.$inferSelect;

export async function findPerson(tx: Tx, fiscalCode: string): Promise<PersonRow | undefined> {
  const [row] = await tx.select().from(person).where(eq(person.fiscalCode, fiscalCode));
  return row;
}

/** The person with the names of their ASL and district of residence. */
export async function findPersonWithResidence(
  tx: Tx,
  fiscalCode: string,
): Promise<{ p: PersonRow; aslName: string | null; districtName: string | null } | undefined> {
  const [row] = await tx
    .select({ p: person, aslName: asl.name, districtName: district.name })
    .from(person)
    .leftJoin(asl, eq(asl.id, person.residenceAslId))
    .leftJoin(district, eq(district.id, person.residenceDistrictId))
    .where(eq(person.fiscalCode, fiscalCode));
  return row;
}

export interface PersonName {
  fiscalCode: string;
  firstName: string;
  lastName: string;
  aslId: string | null;
}

/** Names and ASL of residence of the known people among `codes` (unknown codes are left out). */
export async function namesOf(tx: Tx, codes: readonly string[]): Promise<PersonName[]> {
  if (codes.length === 0) return [];
  return tx
    .select({
      fiscalCode: person.fiscalCode,
      firstName: person.firstName,
      lastName: person.lastName,
      aslId: person.residenceAslId,
    })
    .from(person)
    .where(inArray(person.fiscalCode, [...codes]));
}
