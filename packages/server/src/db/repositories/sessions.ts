/** SQL on server-side sessions (the row id is the sha256 of the cookie token) and the user's profiles. */
import { and, eq, lte, or, sql } from 'drizzle-orm';
import { statementName, type Db } from '../client.js';
import { perDatabase } from '../per-database.js';
import { appUser, asl, district, session, userProfile } from '../schema.js';

export interface NewSession {
  id: string;
  userId: number;
  profileId: number | null;
  csrfToken: string;
  /** the clock's now: creation and last activity */
  at: Date;
  expiresAt: Date;
}

export async function insertSession(db: Db, s: NewSession): Promise<void> {
  await db.insert(session).values({
    id: s.id,
    userId: s.userId,
    profileId: s.profileId,
    csrfToken: s.csrfToken,
    createdAt: s.at,
    lastSeenAt: s.at,
    expiresAt: s.expiresAt,
  });
}

/** The user's profiles with the names of their ASL and district, in creation order. */
export async function profilesOf(db: Db, userId: number) {
  return db
    .select({
      id: userProfile.id,
      role: userProfile.role,
      aslId: userProfile.aslId,
      aslName: asl.name,
      districtId: userProfile.districtId,
      districtName: district.name,
    })
    .from(userProfile)
    .leftJoin(asl, eq(asl.id, userProfile.aslId))
    .leftJoin(district, eq(district.id, userProfile.districtId))
    .where(eq(userProfile.userId, userId))
    .orderBy(userProfile.id);
}

/**
 * The session with its user and active profile, in one round trip: it runs on every API request, so
 * it is prepared once per database (no query building, and a named server-side statement on PostgreSQL).
 */
const preparedLookup = perDatabase((db: Db) =>
  db
    .select({
      id: session.id,
      csrfToken: session.csrfToken,
      profileId: session.profileId,
      lastSeenAt: session.lastSeenAt,
      expiresAt: session.expiresAt,
      userId: appUser.id,
      username: appUser.username,
      fiscalCode: appUser.fiscalCode,
      firstName: appUser.firstName,
      lastName: appUser.lastName,
      active: appUser.active,
      pId: userProfile.id,
      pRole: userProfile.role,
      pAslId: userProfile.aslId,
      pAslName: asl.name,
      pDistrictId: userProfile.districtId,
      pDistrictName: district.name,
    })
    .from(session)
    .innerJoin(appUser, eq(appUser.id, session.userId))
    .leftJoin(userProfile, and(eq(userProfile.id, session.profileId), eq(userProfile.userId, session.userId)))
    .leftJoin(asl, eq(asl.id, userProfile.aslId))
    .leftJoin(district, eq(district.id, userProfile.districtId))
    .where(eq(session.id, sql.placeholder('id')))
    .limit(1)
    .prepare(statementName(db, 'esz_session_lookup')),
);

export async function findSession(db: Db, id: string) {
  const [row] = await preparedLookup(db).execute({ id });
  return row;
}

export async function touchSession(db: Db, id: string, at: Date): Promise<void> {
  await db.update(session).set({ lastSeenAt: at }).where(eq(session.id, id));
}

/**
 * Replaces session `oldId` by `next` in one transaction, keeping its absolute expiry; false when the
 * old session is gone (then nothing is created).
 */
export async function replaceSession(
  db: Db,
  oldId: string,
  next: Omit<NewSession, 'userId' | 'expiresAt'> & { userId: number },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(session)
      .where(eq(session.id, oldId))
      .returning({ expiresAt: session.expiresAt });
    if (!gone) return false;
    await tx.insert(session).values({
      id: next.id,
      userId: next.userId,
      profileId: next.profileId,
      csrfToken: next.csrfToken,
      createdAt: next.at,
      lastSeenAt: next.at,
      expiresAt: gone.expiresAt,
    });
    return true;
  });
}

export async function deleteSessionById(db: Db, id: string): Promise<void> {
  await db.delete(session).where(eq(session.id, id));
}

/** Every session of the user; returns how many. */
export async function deleteSessionsOfUser(db: Db, userId: number): Promise<number> {
  const gone = await db.delete(session).where(eq(session.userId, userId)).returning({ id: session.id });
  return gone.length;
}

/** Sessions whose absolute expiry is at or before `now`, or last seen at or before `idleCutoff`. */
export async function deleteExpiredSessions(db: Db, now: Date, idleCutoff: Date): Promise<number> {
  const gone = await db
    .delete(session)
    .where(or(lte(session.expiresAt, now), lte(session.lastSeenAt, idleCutoff)))
    .returning({ id: session.id });
  return gone.length;
}
