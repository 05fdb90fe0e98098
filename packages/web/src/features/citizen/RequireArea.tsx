/** A page of one area (specialist, counter, citizen): a profile that may not open it goes to its home. */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { canOpen, homePath } from '../../app/roles';
import { useSession } from '../../app/session';

export function RequireArea({ children }: { children: ReactNode }) {
  const profile = useSession().session?.activeProfile;
  const { pathname } = useLocation();
  if (!canOpen(profile, pathname)) return <Navigate to={homePath(profile)} replace />;
  return <>{children}</>;
}
