/**
 * "Per conto di": the person a citizen is acting for (a delegator), or null for themselves. Kept per
 * user in sessionStorage so that it survives moving between the portal's pages.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { useSession } from '../../app/session';

const listeners = new Set<() => void>();
const keyOf = (userId: string) => `esenzioni.perContoDi.${userId}`;

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useOnBehalfOf(): [string | null, (fiscalCode: string | null) => void] {
  const userId = useSession().session?.user.id ?? 'anonimo';
  const value = useSyncExternalStore(subscribe, () => sessionStorage.getItem(keyOf(userId)));
  const set = useCallback(
    (fiscalCode: string | null) => {
      if (fiscalCode) sessionStorage.setItem(keyOf(userId), fiscalCode);
      else sessionStorage.removeItem(keyOf(userId));
      listeners.forEach((l) => l());
    },
    [userId],
  );
  return [value, set];
}
