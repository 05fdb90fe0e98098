/**
 * Server-side sessions in the database, so several server processes share them. The cookie holds a
 * random token; the table holds its sha256. Idle timeout and absolute lifetime are enforced here.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lte, or, sql } from 'drizzle-orm';
import { sessionExpired } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { perDatabase } from '../db/per-database.js';
import { appUser, asl, district, session, userProfile } from '../db/schema.js';
import type { ProfileRow, RequestAuth } from './actor.js';
import type { Role } from '@esenzioni/domain';

export const SESSION_COOKIE = 'esz_session';
const TOUCH_EVERY_MS = 30_000;

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

export async function createSession(
  db: Db,
  userId: number,
  profileId: number | null,
  policy: SessionPolicy,
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await db.insert(session).values({
    id: tokenHash(token),
    userId,
    profileId,
    csrfToken,
    expiresAt: new Date(Date.now() + policy.maxMs),
  });
  return { token, csrfToken };
}

export async function loadProfiles(db: Db, userId: number): Promise<ProfileRow[]> {
  const rows = await db
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
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

export type SessionLookup = { kind: 'ok'; auth: RequestAuth } | { kind: 'expired' } | { kind: 'none' };

/**
 * The session lookup runs on every API request: prepared once per database (no query building, and a
 * named server-side statement on PostgreSQL).
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
      // the active profile in the same round trip: every API request needs it
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
    .prepare('esz_session_lookup'),
);

export async function resolveSession(db: Db, token: string, policy: SessionPolicy): Promise<SessionLookup> {
  const id = tokenHash(token);
  const found = await preparedLookup(db).execute({ id });
  const s = found[0];
  if (!s) return { kind: 'none' };
  const now = Date.now();
  if (!s.active) {
    // a deactivated user keeps no session (the 0009 trigger deletes them; this covers rows it missed)
    await deleteUserSessions(db, s.userId);
    return { kind: 'expired' };
  }
  if (s.expiresAt.getTime() <= now || s.lastSeenAt.getTime() + policy.idleMs <= now) {
    await db.delete(session).where(eq(session.id, id));
    return { kind: 'expired' };
  }
  if (now - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db
      .update(session)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(session.id, id));
  }
  const activeProfile: ProfileRow | null =
    s.pId !== null && s.pRole !== null
      ? {
          id: s.pId,
          role: s.pRole as Role,
          aslId: s.pAslId,
          aslName: s.pAslName,
          districtId: s.pDistrictId,
          districtName: s.pDistrictName,
        }
      : null;
  return {
    kind: 'ok',
    auth: {
      sessionId: id,
      csrfToken: s.csrfToken,
      user: {
        id: s.userId,
        username: s.username,
        fiscalCode: s.fiscalCode,
        firstName: s.firstName,
        lastName: s.lastName,
      },
      loadProfiles: () => loadProfiles(db, s.userId),
      activeProfile,
    },
  };
}

/**
 * Profile switch: the session gets a new token and CSRF token (new row, old row deleted in the same
 * transaction), keeping its absolute expiry. A token seen under one profile is dead under the next.
 */
export async function rotateSession(
  db: Db,
  old: { sessionId: string; userId: number },
  profileId: number,
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  const rotated = await db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(session)
      .where(eq(session.id, old.sessionId))
      .returning({ expiresAt: session.expiresAt });
    if (!gone) return false;
    await tx
      .insert(session)
      .values({ id: tokenHash(token), userId: old.userId, profileId, csrfToken, expiresAt: gone.expiresAt });
    return true;
  });
  // the session ended meanwhile (logout elsewhere, logout-all, lock-out): no new one
  if (!rotated) throw sessionExpired();
  return { token, csrfToken };
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(session).where(eq(session.id, sessionId));
}

/** Logout-all, lock-out, deactivation: every session of the user ends. Returns how many. */
export async function deleteUserSessions(db: Db, userId: number): Promise<number> {
  const gone = await db.delete(session).where(eq(session.userId, userId)).returning({ id: session.id });
  return gone.length;
}

/** Housekeeping: drop sessions past their lifetime or idle limit at `now`. Returns how many. */
export async function purgeExpiredSessions(
  db: Db,
  policy: SessionPolicy,
  now: Date = new Date(),
): Promise<number> {
  const idleCutoff = new Date(now.getTime() - policy.idleMs);
  const gone = await db
    .delete(session)
    .where(or(lte(session.expiresAt, now), lte(session.lastSeenAt, idleCutoff)))
    .returning({ id: session.id });
  return gone.length;
}
