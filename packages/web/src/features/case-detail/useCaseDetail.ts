import type { CaseDetail } from '@esenzioni/domain';
import { useCallback, useEffect, useState } from 'react';
import { getCase } from '../../api/cases';

export function useCaseDetail(caseNumber: string) {
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    setDetail(null);
    setError(null);
    getCase(caseNumber, ctrl.signal)
      .then(setDetail)
      .catch((e) => !ctrl.signal.aborted && setError(e));
    return () => ctrl.abort();
  }, [caseNumber]);

  /** Reads the case again (after a conflict); returns it, or null when that failed too. */
  const reload = useCallback(async () => {
    try {
      const fresh = await getCase(caseNumber);
      setDetail(fresh);
      return fresh;
    } catch (e) {
      setError(e);
      return null;
    }
  }, [caseNumber]);

  return { detail, setDetail, error, reload };
}
