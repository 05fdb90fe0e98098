/** What each role may open in this backoffice (the server checks again). */
import type { Profile, Role } from '@esenzioni/domain';

const CASE_ROLES: readonly Role[] = ['DISTRICT_OPERATOR', 'ADMIN_OPERATOR', 'SPECIALIST'];
const REGISTRY_ROLES: readonly Role[] = ['GP', 'DISTRICT_OPERATOR'];

export const canSearchCases = (p: Profile | null | undefined): boolean => !!p && CASE_ROLES.includes(p.role);
export const canLookupRegistry = (p: Profile | null | undefined): boolean =>
  !!p && REGISTRY_ROLES.includes(p.role);
/** Issue 4: the specialist's certificates, the counter's new cases, the citizen portal. */
export const isSpecialist = (p: Profile | null | undefined): boolean => p?.role === 'SPECIALIST';
export const isCounterOperator = (p: Profile | null | undefined): boolean => p?.role === 'ADMIN_OPERATOR';
export const isCitizen = (p: Profile | null | undefined): boolean => p?.role === 'CITIZEN';
/** Issue 12 §5: the prescribers (GP and specialist) look up the pregnancy code. */
export const canLookupPregnancy = (p: Profile | null | undefined): boolean =>
  p?.role === 'GP' || p?.role === 'SPECIALIST';

/** Issue 12 §8: the administrator loads the exempt-services files. */
export const isAdministrator = (p: Profile | null | undefined): boolean => p?.role === 'ADMIN';

/** Issue 12 §3: the district operators check the self-declarations of their ASL (art. 71 DPR 445/2000). */
export const canCheckDeclarations = (p: Profile | null | undefined): boolean =>
  p?.role === 'DISTRICT_OPERATOR';

/** Issue 15: the statistics (aggregates only) of an ASL manager (their ASL) and of the Region's analysts. */
export const canReadStatistics = (p: Profile | null | undefined): boolean =>
  p?.role === 'ASL_MANAGER' || p?.role === 'REGION_ANALYST';

/** May this profile open `path` (a page remembered before signing in)? */
export function canOpen(p: Profile | null | undefined, path: string | undefined): path is string {
  if (!path) return false;
  if (path.startsWith('/pratiche')) return canSearchCases(p);
  if (path.startsWith('/verifica-esenzioni')) return canLookupRegistry(p);
  if (path.startsWith('/specialista/')) return isSpecialist(p);
  if (path.startsWith('/sportello/')) return isCounterOperator(p);
  if (path.startsWith('/cittadino/')) return isCitizen(p);
  if (path.startsWith('/codice-gravidanza')) return canLookupPregnancy(p);
  if (path === '/amministrazione' || path.startsWith('/amministrazione/')) return isAdministrator(p);
  if (path.startsWith('/controlli-autocertificazioni')) return canCheckDeclarations(p);
  // issue 17 §6: the operators' own notifications (who sends or works cases)
  if (path.startsWith('/notifiche')) return canSearchCases(p);
  if (path.startsWith('/statistiche')) return canReadStatistics(p);
  return false;
}

/** Where a profile lands after sign-in. */
export function homePath(p: Profile | null | undefined): string {
  if (isSpecialist(p)) return '/specialista/nuovo-certificato';
  if (isCounterOperator(p)) return '/sportello/nuova-pratica';
  if (isCitizen(p)) return '/cittadino/esenzioni';
  if (canReadStatistics(p)) return '/statistiche';
  if (canSearchCases(p)) return '/pratiche';
  if (canLookupRegistry(p)) return '/verifica-esenzioni';
  // issue 13 §3: the administrator's home, the menu of the administration
  if (isAdministrator(p)) return '/amministrazione';
  return '/servizio-non-disponibile';
}
