/** Loads something keyed (e.g. by "per conto di"), dropping answers for an older key. */
import { useCallback, useEffect, useState } from 'react';

export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>) {
  const [state, setState] = useState<{ key: string; data: T | null; error: unknown } | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    load(ctrl.signal)
      .then((data) => setState({ key, data, error: null }))
      .catch((error: unknown) => !ctrl.signal.aborted && setState({ key, data: null, error }));
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, round]);
  const current = state?.key === key ? state : null;
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const set = useCallback((data: T) => setState({ key, data, error: null }), [key]);
  return {
    data: current?.data ?? null,
    error: current?.error ?? null,
    loading: current === null,
    reload,
    set,
  };
}
