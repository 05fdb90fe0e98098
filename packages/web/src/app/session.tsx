/**
 * The signed-in user, their profiles and the active one. Loaded from /api/auth/me at start;
 * updated by login, profile choice and logout.
 */
import type { LoginResponse, MeResponse, Profile } from '@esenzioni/domain';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import * as auth from '../api/auth';
import { isApiError, setUnauthenticatedListener } from '../api/client';
import { clearNoteDrafts } from '../features/case-detail/noteDrafts';

export type Session = Omit<MeResponse, 'csrfToken'>;

interface SessionState {
  /** undefined while loading, null when nobody is signed in. */
  session: Session | null | undefined;
  /** Signs in; returns the session (with activeProfile when the user has exactly one profile). */
  signIn: (username: string, password: string, pin: string) => Promise<Session>;
  /** issue 13: operators' digital certificate */
  signInWithCertificate: () => Promise<Session>;
  activateProfile: (profileId: string) => Promise<Profile>;
  signOut: () => Promise<void>;
  /** True when the session ended by itself (expired): the login page says so. */
  expired: boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    let alive = true;
    auth
      .me()
      .then(({ csrfToken: _t, ...s }) => alive && setSession(s))
      .catch(() => alive && setSession(null));
    setUnauthenticatedListener(() => {
      setExpired(true);
      setSession(null);
    });
    return () => {
      alive = false;
      setUnauthenticatedListener(null);
    };
  }, []);

  /** After any login: with exactly one profile the server activated it, so "me" has it. */
  const establish = useCallback(async (res: LoginResponse) => {
    let s: Session = { user: res.user, profiles: res.profiles, activeProfile: null };
    if (res.profiles.length === 1) {
      try {
        const { csrfToken: _t, ...fresh } = await auth.me();
        s = fresh;
      } catch (e) {
        if (!isApiError(e)) throw e;
        s = { ...s, activeProfile: res.profiles[0] ?? null };
      }
    }
    setExpired(false);
    setSession(s);
    return s;
  }, []);

  const signIn = useCallback(
    async (username: string, password: string, pin: string) =>
      establish(await auth.login({ username, password, pin })),
    [establish],
  );

  const signInWithCertificate = useCallback(
    async () => establish(await auth.certificateLogin()),
    [establish],
  );

  const activateProfile = useCallback(async (profileId: string) => {
    const { activeProfile } = await auth.chooseProfile(profileId);
    setSession((s) => (s ? { ...s, activeProfile } : s));
    return activeProfile;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await auth.logout();
    } finally {
      clearNoteDrafts();
      setSession(null);
    }
  }, []);

  const value = useMemo(
    () => ({ session, signIn, signInWithCertificate, activateProfile, signOut, expired }),
    [session, signIn, signInWithCertificate, activateProfile, signOut, expired],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
