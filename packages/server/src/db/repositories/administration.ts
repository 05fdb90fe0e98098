/**
 * SQL of the administration (issue 13 §3): the administrator's audit chain, users and their profiles,
 * API keys, ASLs, districts and their offices, parameters; and the public reads of offices. The rules
 * (last administrator, what is audited) are in services/admin/.
 */
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Role } from '@esenzioni/domain';
import { rows, type Tx } from '../client.js';
import { escapeLike } from '../like.js';
import {
  adminAudit,
  adminParameter,
  apiKey,
  appUser,
  asl,
  district,
  office,
  session,
  userProfile,
} from '../schema.js';

// ---------------------------------------------------------------- the audit chain

/** One lock class for the administrator's single chain (the access log's is 727_002). */
const ADMIN_CHAIN_LOCK = 727_003;

/** Serialises the chain's writers, and the last-administrator check with them (transaction-scoped). */
export async function lockAdminChain(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ADMIN_CHAIN_LOCK}, 0)`);
}

export async function lastAdminAuditHash(tx: Tx): Promise<string | undefined> {
  const [last] = await tx
    .select({ hash: adminAudit.hash })
    .from(adminAudit)
    .orderBy(desc(adminAudit.id))
    .limit(1);
  return last?.hash;
}

export type AdminAuditInsert = typeof adminAudit.$inferInsert;

export async function insertAdminAudit(tx: Tx, row: AdminAuditInsert): Promise<number> {
  const [created] = await tx.insert(adminAudit).values(row).returning({ id: adminAudit.id });
  return created!.id;
}

export function adminAuditAfter(tx: Tx, afterId: number, limit: number) {
  return tx
    .select()
    .from(adminAudit)
    .where(sql`${adminAudit.id} > ${afterId}`)
    .orderBy(asc(adminAudit.id))
    .limit(limit);
}

export async function adminAuditPage(
  tx: Tx,
  q: { page: number; pageSize: number; targetType?: string | undefined; targetId?: string | undefined },
) {
  const where = and(
    q.targetType ? eq(adminAudit.targetType, q.targetType) : undefined,
    q.targetId ? eq(adminAudit.targetId, q.targetId) : undefined,
  );
  const [items, [total]] = await Promise.all([
    tx
      .select()
      .from(adminAudit)
      .where(where)
      .orderBy(desc(adminAudit.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    tx.select({ n: count() }).from(adminAudit).where(where),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}

// ---------------------------------------------------------------- users and profiles

export async function userPage(tx: Tx, q: { q?: string | undefined; page: number; pageSize: number }) {
  const where: SQL | undefined = q.q
    ? or(
        ilike(appUser.username, `%${escapeLike(q.q)}%`),
        ilike(appUser.lastName, `%${escapeLike(q.q)}%`),
        ilike(appUser.firstName, `%${escapeLike(q.q)}%`),
        ilike(appUser.fiscalCode, `%${escapeLike(q.q)}%`),
      )
    : undefined;
  const [users, [total]] = await Promise.all([
    tx
      .select({
        id: appUser.id,
        username: appUser.username,
        fiscalCode: appUser.fiscalCode,
        firstName: appUser.firstName,
        lastName: appUser.lastName,
        active: appUser.active,
        createdAt: appUser.createdAt,
      })
      .from(appUser)
      .where(where)
      .orderBy(asc(appUser.lastName), asc(appUser.firstName), asc(appUser.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    tx.select({ n: count() }).from(appUser).where(where),
  ]);
  return { users, total: Number(total?.n ?? 0) };
}

export async function userById(tx: Tx, id: number) {
  const [u] = await tx
    .select({
      id: appUser.id,
      username: appUser.username,
      fiscalCode: appUser.fiscalCode,
      firstName: appUser.firstName,
      lastName: appUser.lastName,
      active: appUser.active,
      createdAt: appUser.createdAt,
    })
    .from(appUser)
    .where(eq(appUser.id, id));
  return u;
}

/** The profiles of these users, with ASL and district names. */
export function profilesOfUsers(tx: Tx, userIds: number[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return tx
    .select({
      id: userProfile.id,
      userId: userProfile.userId,
      role: userProfile.role,
      aslId: userProfile.aslId,
      aslName: asl.name,
      districtId: userProfile.districtId,
      districtName: district.name,
    })
    .from(userProfile)
    .leftJoin(asl, eq(asl.id, userProfile.aslId))
    .leftJoin(district, eq(district.id, userProfile.districtId))
    .where(inArray(userProfile.userId, userIds))
    .orderBy(userProfile.id);
}

/** Open sessions per user. */
export async function sessionCounts(tx: Tx, userIds: number[]): Promise<Map<number, number>> {
  if (userIds.length === 0) return new Map();
  const found = await tx
    .select({ userId: session.userId, n: count() })
    .from(session)
    .where(inArray(session.userId, userIds))
    .groupBy(session.userId);
  return new Map(found.map((r) => [r.userId, Number(r.n)]));
}

export async function insertUser(
  tx: Tx,
  u: {
    username: string;
    passwordHash: string;
    pinHash: string;
    fiscalCode: string;
    firstName: string;
    lastName: string;
    createdAt: Date;
  },
): Promise<number | undefined> {
  const [created] = await tx
    .insert(appUser)
    .values(u)
    .onConflictDoNothing({ target: appUser.username })
    .returning({ id: appUser.id });
  return created?.id;
}

export interface ProfileValues {
  role: Role;
  aslId: string | null;
  districtId: string | null;
}

/**
 * Sets the user's profiles to `wanted`: profiles no longer wanted are removed (sessions opened on them
 * end first), the new ones added; those kept keep their id (their sessions go on).
 */
export async function replaceProfiles(tx: Tx, userId: number, wanted: ProfileValues[]): Promise<void> {
  const current = await tx
    .select({
      id: userProfile.id,
      role: userProfile.role,
      aslId: userProfile.aslId,
      districtId: userProfile.districtId,
    })
    .from(userProfile)
    .where(eq(userProfile.userId, userId));
  const key = (p: ProfileValues) => `${p.role}|${p.aslId ?? ''}|${p.districtId ?? ''}`;
  const wantedKeys = new Set(wanted.map(key));
  const gone = current.filter((p) => !wantedKeys.has(key(p))).map((p) => p.id);
  if (gone.length > 0) {
    await tx.delete(session).where(inArray(session.profileId, gone));
    await tx.delete(userProfile).where(inArray(userProfile.id, gone));
  }
  const have = new Set(current.map(key));
  const added = wanted.filter((p) => !have.has(key(p)));
  if (added.length > 0) await tx.insert(userProfile).values(added.map((p) => ({ ...p, userId })));
}

/** Sets `active`; the 0009 trigger ends the sessions of a deactivated user in the same statement. */
export async function setUserActive(tx: Tx, userId: number, active: boolean): Promise<boolean> {
  const done = await tx
    .update(appUser)
    .set({ active })
    .where(eq(appUser.id, userId))
    .returning({ id: appUser.id });
  return done.length > 0;
}

/** Active users holding an ADMIN profile, other than `exceptUserId`. */
export async function otherActiveAdmins(tx: Tx, exceptUserId: number): Promise<number> {
  const [r] = await rows<{ n: number }>(
    tx,
    sql`select count(distinct u.id)::int as n from app_user u join user_profile p on p.user_id = u.id
        where u.active and p.role = 'ADMIN' and u.id <> ${exceptUserId}`,
  );
  return Number(r?.n ?? 0);
}

export async function userHasRole(tx: Tx, userId: number, role: Role): Promise<boolean> {
  const [r] = await tx
    .select({ id: userProfile.id })
    .from(userProfile)
    .where(and(eq(userProfile.userId, userId), eq(userProfile.role, role)))
    .limit(1);
  return r !== undefined;
}

// ---------------------------------------------------------------- API keys

export function apiKeyList(tx: Tx) {
  return tx
    .select({ id: apiKey.id, name: apiKey.name, createdAt: apiKey.createdAt, revokedAt: apiKey.revokedAt })
    .from(apiKey)
    .orderBy(desc(apiKey.id));
}

export async function apiKeyById(tx: Tx, id: number) {
  const [k] = await tx
    .select({ id: apiKey.id, name: apiKey.name, createdAt: apiKey.createdAt, revokedAt: apiKey.revokedAt })
    .from(apiKey)
    .where(eq(apiKey.id, id));
  return k;
}

// ---------------------------------------------------------------- ASLs and districts

export function aslList(tx: Tx) {
  return tx
    .select({ id: asl.id, name: asl.name, regionCode: asl.regionCode })
    .from(asl)
    .orderBy(asl.regionCode, asl.name);
}

export async function aslById(tx: Tx, id: string) {
  const [a] = await tx
    .select({ id: asl.id, name: asl.name, regionCode: asl.regionCode })
    .from(asl)
    .where(eq(asl.id, id));
  return a;
}

export async function districtList(tx: Tx, aslId: string | undefined) {
  const officeCount = sql<number>`(select count(*)::int from office o where o.district_id = ${district.id})`;
  return tx
    .select({
      id: district.id,
      aslId: district.aslId,
      aslName: asl.name,
      name: district.name,
      offices: officeCount,
    })
    .from(district)
    .innerJoin(asl, eq(asl.id, district.aslId))
    .where(aslId ? eq(district.aslId, aslId) : undefined)
    .orderBy(asl.name, district.id);
}

export async function districtById(tx: Tx, id: string) {
  const [d] = await tx
    .select({ id: district.id, aslId: district.aslId, name: district.name })
    .from(district)
    .where(eq(district.id, id));
  return d;
}

/** The next free id `<aslId>-NN` (two or more digits). */
export async function nextDistrictId(tx: Tx, aslId: string): Promise<string> {
  const ids = await tx.select({ id: district.id }).from(district).where(eq(district.aslId, aslId));
  const numbers = ids.map((r) => Number(r.id.slice(aslId.length + 1))).filter((n) => Number.isInteger(n));
  const next = Math.max(0, ...numbers) + 1;
  return `${aslId}-${String(next).padStart(2, '0')}`;
}

export async function insertDistrict(tx: Tx, d: { id: string; aslId: string; name: string }): Promise<void> {
  await tx.insert(district).values(d);
}

export async function renameDistrict(tx: Tx, id: string, name: string): Promise<boolean> {
  const done = await tx
    .update(district)
    .set({ name })
    .where(eq(district.id, id))
    .returning({ id: district.id });
  return done.length > 0;
}

// ---------------------------------------------------------------- offices

const officeColumns = {
  id: office.id,
  districtId: office.districtId,
  districtName: district.name,
  aslId: asl.id,
  aslName: asl.name,
  name: office.name,
  address: office.address,
  services: office.services,
  hours: office.hours,
  closures: office.closures,
  note: office.note,
  source: office.source,
  active: office.active,
  updatedAt: office.updatedAt,
};

export function officeList(
  tx: Tx,
  f: { aslId?: string | undefined; districtId?: string | undefined; activeOnly: boolean },
) {
  return tx
    .select(officeColumns)
    .from(office)
    .innerJoin(district, eq(district.id, office.districtId))
    .innerJoin(asl, eq(asl.id, district.aslId))
    .where(
      and(
        f.aslId ? eq(asl.id, f.aslId) : undefined,
        f.districtId ? eq(office.districtId, f.districtId) : undefined,
        f.activeOnly ? eq(office.active, true) : undefined,
      ),
    )
    .orderBy(asl.name, district.id, office.id);
}

export async function officeById(tx: Tx, id: number) {
  const [o] = await tx
    .select(officeColumns)
    .from(office)
    .innerJoin(district, eq(district.id, office.districtId))
    .innerJoin(asl, eq(asl.id, district.aslId))
    .where(eq(office.id, id));
  return o;
}

export type OfficeValues = Omit<typeof office.$inferInsert, 'id'>;

export async function insertOffice(tx: Tx, o: OfficeValues): Promise<number> {
  const [created] = await tx.insert(office).values(o).returning({ id: office.id });
  return created!.id;
}

export async function updateOffice(tx: Tx, id: number, o: OfficeValues): Promise<boolean> {
  const done = await tx.update(office).set(o).where(eq(office.id, id)).returning({ id: office.id });
  return done.length > 0;
}

/** The ASLs that have an active office (the public page's choice). */
export function aslsWithOffices(tx: Tx) {
  return tx
    .selectDistinct({ id: asl.id, name: asl.name, regionCode: asl.regionCode })
    .from(office)
    .innerJoin(district, eq(district.id, office.districtId))
    .innerJoin(asl, eq(asl.id, district.aslId))
    .where(eq(office.active, true))
    .orderBy(asl.name);
}

export async function officesSeeded(tx: Tx): Promise<boolean> {
  const [o] = await tx.select({ id: office.id }).from(office).limit(1);
  return o !== undefined;
}

// ---------------------------------------------------------------- parameters

export function parameterList(tx: Tx) {
  return tx.select().from(adminParameter).orderBy(adminParameter.name, adminParameter.scope);
}

export async function upsertParameter(
  tx: Tx,
  p: { name: string; scope: string; value: number; at: Date; by: number | null },
): Promise<void> {
  await tx
    .insert(adminParameter)
    .values({ name: p.name, scope: p.scope, value: p.value, updatedAt: p.at, updatedBy: p.by })
    .onConflictDoUpdate({
      target: [adminParameter.name, adminParameter.scope],
      set: { value: p.value, updatedAt: p.at, updatedBy: p.by },
    });
}

export async function deleteParameter(tx: Tx, name: string, scope: string): Promise<boolean> {
  const gone = await tx
    .delete(adminParameter)
    .where(and(eq(adminParameter.name, name), eq(adminParameter.scope, scope)))
    .returning({ name: adminParameter.name });
  return gone.length > 0;
}

/** The value of the first of `scopes` that has one (most specific first). */
export async function parameterValue(tx: Tx, name: string, scopes: string[]): Promise<number | undefined> {
  if (scopes.length === 0) return undefined;
  const found = await tx
    .select({ scope: adminParameter.scope, value: adminParameter.value })
    .from(adminParameter)
    .where(and(eq(adminParameter.name, name), inArray(adminParameter.scope, scopes)));
  for (const s of scopes) {
    const hit = found.find((f) => f.scope === s);
    if (hit) return hit.value;
  }
  return undefined;
}
