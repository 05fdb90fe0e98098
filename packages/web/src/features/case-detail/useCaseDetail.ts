import type { CaseDetail } from '@esenzioni/domain';
import { useCallback, useEffect, useState } from 'react';
import { getCase } from '../../api/cases';

interface Loaded {
  caseNumber: string;
  detail: CaseDetail | null;
  error: unknown;
}

export function useCaseDetail(caseNumber: string) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    getCase(caseNumber, ctrl.signal)
      .then((detail) => setLoaded({ caseNumber, detail, error: null }))
      .catch((error: unknown) => !ctrl.signal.aborted && setLoaded({ caseNumber, detail: null, error }));
    return () => ctrl.abort();
  }, [caseNumber]);

  const setDetail = useCallback(
    (detail: CaseDetail) => setLoaded({ caseNumber, detail, error: null }),
    [caseNumber],
  );

  /** Reads the case again (after a conflict); returns it, or null when that failed too. */
  const reload = useCallback(async () => {
    try {
      const fresh = await getCase(caseNumber);
      setLoaded({ caseNumber, detail: fresh, error: null });
      return fresh;
    } catch (error) {
      setLoaded((l) => ({ caseNumber, detail: l?.detail ?? null, error }));
      return null;
    }
  }, [caseNumber]);

  const current = loaded?.caseNumber === caseNumber ? loaded : null;
  return { detail: current?.detail ?? null, error: current?.error ?? null, setDetail, reload };
}
