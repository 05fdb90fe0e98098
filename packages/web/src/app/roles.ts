/** What each role may open in this backoffice (the server checks again). */
import type { Profile, Role } from '@esenzioni/domain';

const CASE_ROLES: readonly Role[] = ['DISTRICT_OPERATOR', 'ADMIN_OPERATOR', 'SPECIALIST'];
const REGISTRY_ROLES: readonly Role[] = ['GP', 'DISTRICT_OPERATOR'];

export const canSearchCases = (p: Profile | null | undefined): boolean => !!p && CASE_ROLES.includes(p.role);
export const canLookupRegistry = (p: Profile | null | undefined): boolean =>
  !!p && REGISTRY_ROLES.includes(p.role);

/** Where a profile lands after sign-in. */
export function homePath(p: Profile | null | undefined): string {
  if (canSearchCases(p)) return '/pratiche';
  if (canLookupRegistry(p)) return '/verifica-esenzioni';
  return '/servizio-non-disponibile';
}
