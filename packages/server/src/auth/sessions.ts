/**
 * Server-side sessions in the database, so several server processes share them. The cookie holds a
 * random token; the table holds its sha256. Idle timeout and absolute lifetime are enforced here,
 * against the caller's clock (`now`: the app's injected clock, so tests move time instead of waiting).
 */
import { createHash, randomBytes } from 'node:crypto';
import { sessionExpired } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import {
  deleteExpiredSessions,
  deleteSessionById,
  deleteSessionsOfUser,
  findSession,
  insertSession,
  profilesOf,
  replaceSession,
  touchSession,
} from '../db/repositories/sessions.js';
import type { ProfileRow, RequestAuth } from './actor.js';

export const SESSION_COOKIE = 'esz_session';
const TOUCH_EVERY_MS = 30_000;

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export interface SessionPolicy {
  /** a session unused this long ends */
  idleMs: number;
  /** a session ends this long after the login, however active (absolute lifetime) */
  maxMs: number;
}

export async function createSession(
  db: Db,
  userId: number,
  profileId: number | null,
  policy: SessionPolicy,
  now: Date = new Date(),
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await insertSession(db, {
    id: tokenHash(token),
    userId,
    profileId,
    csrfToken,
    at: now,
    expiresAt: new Date(now.getTime() + policy.maxMs),
  });
  return { token, csrfToken };
}

export const loadProfiles = (db: Db, userId: number): Promise<ProfileRow[]> => profilesOf(db, userId);

export type SessionLookup = { kind: 'ok'; auth: RequestAuth } | { kind: 'expired' } | { kind: 'none' };

/** Past its absolute lifetime or idle limit at `now`? */
export const sessionOver = (
  s: { expiresAt: Date; lastSeenAt: Date },
  policy: SessionPolicy,
  now: Date,
): boolean =>
  s.expiresAt.getTime() <= now.getTime() || s.lastSeenAt.getTime() + policy.idleMs <= now.getTime();

export async function resolveSession(
  db: Db,
  token: string,
  policy: SessionPolicy,
  now: Date = new Date(),
): Promise<SessionLookup> {
  const id = tokenHash(token);
  const s = await findSession(db, id);
  if (!s) return { kind: 'none' };
  if (!s.active) {
    // a deactivated user keeps no session (the 0009 trigger deletes them; this covers rows it missed)
    await deleteSessionsOfUser(db, s.userId);
    return { kind: 'expired' };
  }
  if (sessionOver(s, policy, now)) {
    await deleteSessionById(db, id);
    return { kind: 'expired' };
  }
  if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(db, id, now);
  const activeProfile: ProfileRow | null =
    s.pId !== null && s.pRole !== null
      ? {
          id: s.pId,
          role: s.pRole,
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
  now: Date = new Date(),
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  const rotated = await replaceSession(db, old.sessionId, {
    id: tokenHash(token),
    userId: old.userId,
    profileId,
    csrfToken,
    at: now,
  });
  // the session ended meanwhile (logout elsewhere, logout-all, lock-out): no new one
  if (!rotated) throw sessionExpired();
  return { token, csrfToken };
}

export const deleteSession = (db: Db, sessionId: string): Promise<void> => deleteSessionById(db, sessionId);

/** Logout-all, lock-out, deactivation: every session of the user ends. Returns how many. */
export const deleteUserSessions = (db: Db, userId: number): Promise<number> =>
  deleteSessionsOfUser(db, userId);

/** Housekeeping (maintenance task purge-expired-sessions): drop sessions past their lifetime or idle limit at `now`. */
export async function purgeExpiredSessions(
  db: Db,
  policy: SessionPolicy,
  now: Date = new Date(),
): Promise<number> {
  return deleteExpiredSessions(db, now, new Date(now.getTime() - policy.idleMs));
}
