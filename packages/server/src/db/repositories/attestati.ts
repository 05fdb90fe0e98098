/**
 * SQL of the one attestato per person (issue 11 §5): the person's exemptions in force on a date with
 * their exempt services, the attestati issued (person_attestato) and what the public check reads.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ExemptionFamily } from '@esenzioni/domain';
import type { Tx } from '../client.js';
import { asl, exemptionCode, exemptService, person, personAttestato, registryExemption } from '../schema.js';
import { inForceOn } from './in-force.js';

export interface AttestatoExemption {
  id: number;
  code: string;
  description: string;
  family: ExemptionFamily;
  validFrom: string;
  validUntil: string | null;
  services: Array<{ code: string | null; description: string; example: boolean }>;
}

/** The person, with the name of their ASL of residence; undefined when the registry does not know them. */
export async function personForAttestato(tx: Tx, fiscalCode: string) {
  const [row] = await tx
    .select({
      fiscalCode: person.fiscalCode,
      firstName: person.firstName,
      lastName: person.lastName,
      birthDate: person.birthDate,
      aslId: person.residenceAslId,
      aslName: asl.name,
    })
    .from(person)
    .leftJoin(asl, eq(asl.id, person.residenceAslId))
    .where(eq(person.fiscalCode, fiscalCode));
  return row;
}

/**
 * Every registry row of the person in force on `on` (the shared rule `inForceOn`), by code, with the
 * catalogue's description and the services listed for the code or its base code.
 */
export async function exemptionsInForceWithServices(
  tx: Tx,
  fiscalCode: string,
  on: string,
): Promise<AttestatoExemption[]> {
  const found = await tx
    .select({
      id: registryExemption.id,
      code: registryExemption.exemptionCode,
      baseCode: exemptionCode.baseCode,
      description: exemptionCode.description,
      family: registryExemption.family,
      validFrom: registryExemption.validFrom,
      validUntil: registryExemption.validUntil,
    })
    .from(registryExemption)
    .leftJoin(exemptionCode, eq(exemptionCode.code, registryExemption.exemptionCode))
    .where(and(eq(registryExemption.fiscalCode, fiscalCode), inForceOn(registryExemption, on)))
    .orderBy(
      asc(registryExemption.exemptionCode),
      asc(registryExemption.validFrom),
      asc(registryExemption.id),
    );
  if (found.length === 0) return [];
  const codes = [...new Set(found.flatMap((r) => [r.code, ...(r.baseCode ? [r.baseCode] : [])]))];
  const services = await tx
    .select({
      exemptionCode: exemptService.exemptionCode,
      code: exemptService.serviceCode,
      description: exemptService.description,
      example: exemptService.example,
    })
    .from(exemptService)
    .where(inArray(exemptService.exemptionCode, codes))
    .orderBy(asc(exemptService.position), asc(exemptService.id));
  return found.map((r) => ({
    id: r.id,
    code: r.code,
    description: r.description ?? '',
    family: r.family,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    services: services
      .filter((s) => s.exemptionCode === r.code || s.exemptionCode === r.baseCode)
      .map(({ code, description, example }) => ({ code, description, example })),
  }));
}

export type NewPersonAttestato = Omit<typeof personAttestato.$inferInsert, 'number'>;

/** Stores an issued attestato; returns its progressive number. */
export async function insertPersonAttestato(tx: Tx, row: NewPersonAttestato): Promise<number> {
  const [made] = await tx.insert(personAttestato).values(row).returning({ number: personAttestato.number });
  return made!.number;
}

/** The attestato with this verification code, if any. */
export async function attestatoByVerificationCode(tx: Tx, code: string) {
  const [row] = await tx.select().from(personAttestato).where(eq(personAttestato.verificationCode, code));
  return row;
}

/** The registry rows of `fiscalCode` with these ids, as they are now (revoked ones included). */
export async function registryRowsByIds(tx: Tx, fiscalCode: string, ids: number[]) {
  if (ids.length === 0) return [];
  return tx
    .select({
      id: registryExemption.id,
      code: registryExemption.exemptionCode,
      validFrom: registryExemption.validFrom,
      validUntil: registryExemption.validUntil,
      revokedAt: registryExemption.revokedAt,
    })
    .from(registryExemption)
    .where(and(eq(registryExemption.fiscalCode, fiscalCode), inArray(registryExemption.id, ids)))
    .orderBy(sql`${registryExemption.id}`);
}
