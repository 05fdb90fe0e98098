import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Loading } from '../ui/Loading';
import { homePath } from './roles';
import { useSession } from './session';

/** Signed in, with an active profile; otherwise to the login or the profile choice. */
export function RequireProfile({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (session === undefined) return <Loading />;
  if (session === null) {
    return <Navigate to="/accesso" replace state={{ from: location.pathname + location.search }} />;
  }
  if (!session.activeProfile) return <Navigate to="/profilo" replace />;
  return <>{children}</>;
}

/** Signed in (a profile may still have to be chosen). */
export function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSession();
  if (session === undefined) return <Loading />;
  if (session === null) return <Navigate to="/accesso" replace />;
  return <>{children}</>;
}

export function HomeRedirect() {
  const { session } = useSession();
  if (session === undefined) return <Loading />;
  if (session === null) return <Navigate to="/accesso" replace />;
  if (!session.activeProfile) return <Navigate to="/profilo" replace />;
  return <Navigate to={homePath(session.activeProfile)} replace />;
}
