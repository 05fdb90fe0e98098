/**
 * "Per conto di": the person a citizen is acting for (a delegator), or null for themselves. Kept per
 * user in sessionStorage so that it survives moving between the portal's pages.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { useSession } from '../../app/session';
import { usePageTitle } from '../../ui/usePageTitle';

const listeners = new Set<() => void>();
const keyOf = (userId: string) => `esenzioni.perContoDi.${userId}`;

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

const nameKeyOf = (userId: string) => `esenzioni.perContoDiNome.${userId}`;

/** `name`: how the person is called in the pages' titles ("Esenzioni di …"). */
export function useOnBehalfOf(): [string | null, (fiscalCode: string | null, name?: string) => void] {
  const userId = useSession().session?.user.id ?? 'anonimo';
  const value = useSyncExternalStore(subscribe, () => sessionStorage.getItem(keyOf(userId)));
  const set = useCallback(
    (fiscalCode: string | null, name?: string) => {
      if (fiscalCode) {
        sessionStorage.setItem(keyOf(userId), fiscalCode);
        sessionStorage.setItem(nameKeyOf(userId), name ?? fiscalCode);
      } else {
        sessionStorage.removeItem(keyOf(userId));
        sessionStorage.removeItem(nameKeyOf(userId));
      }
      listeners.forEach((l) => l());
    },
    [userId],
  );
  return [value, set];
}

/** The name of the person acted for, or null when acting for oneself. */
export function useOnBehalfOfName(): string | null {
  const userId = useSession().session?.user.id ?? 'anonimo';
  return useSyncExternalStore(subscribe, () =>
    sessionStorage.getItem(keyOf(userId)) ? sessionStorage.getItem(nameKeyOf(userId)) : null,
  );
}

/**
 * A portal page's title (document and heading): the citizen's own ("Le mie esenzioni"), or, acting for
 * someone, one that names them ("Esenzioni di MARIO ROSSI") so nobody mistakes whose data they see.
 */
export function usePortalTitle(own: string, forOther: (name: string) => string): string {
  const name = useOnBehalfOfName();
  const title = name ? forOther(name) : own;
  usePageTitle(title);
  return title;
}
