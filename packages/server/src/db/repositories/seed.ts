/**
 * SQL of the demo data and of the first administrator (seed/ generates the data, in memory and
 * deterministically): one seeding process at a time, the Piemonte ASLs, districts, people, users
 * with their profiles (looked up by db/repositories/accounts.ts), the demo codes and diagnoses, and
 * the case rows (their shape: case-rows.ts) with history, documents, registry rows and counters.
 */
import { inArray, sql } from 'drizzle-orm';
import { rows, type Tx } from '../client.js';
import {
  appUser,
  caseCounter,
  caseHistory,
  diagnosis,
  district,
  document,
  exemptionCase,
  exemptionCode,
  person,
  registryExemption,
  userProfile,
} from '../schema.js';
import type { CaseInsert, HistoryInsert, RegistryInsert } from './case-rows.js';

/** Rows per INSERT of the case tables and of people. */
const CASE_BATCH = 100;
const PEOPLE_BATCH = 200;

async function chunks<T>(items: T[], size: number, write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await write(items.slice(i, i + size));
}

/**
 * Takes the seed's lock for the transaction, then tells whether any case exists: two processes
 * starting together on one PostgreSQL must not both seed.
 */
export async function lockSeedAndFindCases(tx: Tx): Promise<boolean> {
  await tx.execute(sql`select pg_advisory_xact_lock(727002)`);
  const [any] = await rows<{ found: boolean }>(tx, sql`select exists(select 1 from exemption_case) as found`);
  return any?.found ?? false;
}

/** The ASLs of a region, by id. */
export async function aslIdsOfRegion(tx: Tx, regionCode: string): Promise<string[]> {
  const found = await rows<{ id: string }>(
    tx,
    sql`select id from asl where region_code = ${regionCode} order by id`,
  );
  return found.map((a) => a.id);
}

/** The ISTAT code of each ASL's seat in a region (null: unknown). */
export function aslSeatsOfRegion(tx: Tx, regionCode: string): Promise<{ id: string; seat: string | null }[]> {
  return rows<{ id: string; seat: string | null }>(
    tx,
    sql`select id, seat_istat_code as seat from asl where region_code = ${regionCode}`,
  );
}

/** Districts that do not exist yet (by id). */
export async function insertDistricts(tx: Tx, list: (typeof district.$inferInsert)[]): Promise<void> {
  await tx.insert(district).values(list).onConflictDoNothing();
}

/** People who do not exist yet (by fiscal code), in batches. */
export async function insertPeople(tx: Tx, people: (typeof person.$inferInsert)[]): Promise<void> {
  await chunks(people, PEOPLE_BATCH, (batch) => tx.insert(person).values(batch).onConflictDoNothing());
}

export type NewUser = Omit<typeof appUser.$inferInsert, 'id'>;
export type NewProfile = Omit<typeof userProfile.$inferInsert, 'id' | 'userId'>;

/**
 * Creates a user with its profiles unless the username is taken (then nothing is written and
 * undefined returned); the new user's id otherwise.
 */
export async function insertUserWithProfiles(
  tx: Tx,
  user: NewUser,
  profiles: readonly NewProfile[],
): Promise<number | undefined> {
  const [created] = await tx
    .insert(appUser)
    .values(user)
    .onConflictDoNothing({ target: appUser.username })
    .returning({ id: appUser.id });
  if (!created) return undefined;
  if (profiles.length > 0)
    await tx.insert(userProfile).values(profiles.map((p) => ({ ...p, userId: created.id })));
  return created.id;
}

/** The catalogue rows of these exemption codes. */
export function exemptionCodesIn(tx: Tx, codes: string[]) {
  return tx.select().from(exemptionCode).where(inArray(exemptionCode.code, codes));
}

/** The ICD-9-CM diagnoses of these codes. */
export function diagnosesIn(tx: Tx, codes: string[]) {
  return tx.select().from(diagnosis).where(inArray(diagnosis.code, codes));
}

/** Inserts case rows in batches; returns each case number's id. */
export async function insertCaseRows(tx: Tx, cases: CaseInsert[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  await chunks(cases, CASE_BATCH, async (batch) => {
    const inserted = await tx
      .insert(exemptionCase)
      .values(batch)
      .returning({ id: exemptionCase.id, caseNumber: exemptionCase.caseNumber });
    for (const r of inserted) ids.set(r.caseNumber, r.id);
  });
  return ids;
}

export const insertHistoryRows = (tx: Tx, history: HistoryInsert[]) =>
  chunks(history, CASE_BATCH, (b) => tx.insert(caseHistory).values(b));

export type DocumentInsert = typeof document.$inferInsert;

export const insertDocuments = (tx: Tx, docs: DocumentInsert[]) =>
  chunks(docs, CASE_BATCH, (b) => tx.insert(document).values(b));

export const insertRegistryRows = (tx: Tx, registry: RegistryInsert[]) =>
  chunks(registry, CASE_BATCH, (b) => tx.insert(registryExemption).values(b));

/** Raises each (ASL, year) counter to at least `lastValue` (never lowers what is there). */
export async function raiseCaseCounters(
  tx: Tx,
  values: { aslId: string; year: number; lastValue: number }[],
): Promise<void> {
  if (values.length === 0) return;
  await tx
    .insert(caseCounter)
    .values(values)
    .onConflictDoUpdate({
      target: [caseCounter.aslId, caseCounter.year],
      set: { lastValue: sql`greatest(${caseCounter.lastValue}, excluded.last_value)` },
    });
}

/** The case counters as they are: `ASL:year` → last progressive. */
export async function caseCounterValues(tx: Tx): Promise<Map<string, number>> {
  const found = await tx.select().from(caseCounter);
  return new Map(found.map((r) => [`${r.aslId}:${r.year}`, r.lastValue]));
}
