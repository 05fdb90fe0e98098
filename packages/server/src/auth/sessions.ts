/**
 * Server-side sessions in the database, so several server processes share them. The cookie holds a
 * random token; the table holds its sha256. Idle timeout and absolute lifetime are enforced here.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
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
  if (!s.active || s.expiresAt.getTime() <= now || s.lastSeenAt.getTime() + policy.idleMs <= now) {
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

export async function setSessionProfile(db: Db, sessionId: string, profileId: number): Promise<void> {
  await db.update(session).set({ profileId }).where(eq(session.id, sessionId));
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(session).where(eq(session.id, sessionId));
}

/** Housekeeping: drop sessions past their lifetime or idle limit. */
export async function purgeExpiredSessions(db: Db, policy: SessionPolicy): Promise<void> {
  const idleCutoff = new Date(Date.now() - policy.idleMs);
  await db
    .delete(session)
    .where(sql`${session.expiresAt} <= now() or ${session.lastSeenAt} <= ${idleCutoff}`);
}
