import type { CaseList } from '@esenzioni/domain';
import { useEffect, useState } from 'react';
import { searchCases } from '../../api/cases';

export type SearchState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; data: CaseList }
  | { kind: 'error'; error: unknown };

interface Outcome {
  key: string;
  data?: CaseList;
  error?: unknown;
}

/**
 * Runs GET /api/cases for the given params (null = don't search: the filters are not valid). While a
 * search runs nothing of the previous one is kept: the page shows only results of the filters on screen.
 */
export function useCaseSearch(params: Record<string, string | undefined> | null): SearchState {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const key = params ? JSON.stringify(params) : null;

  useEffect(() => {
    if (!key) return;
    const ctrl = new AbortController();
    searchCases(JSON.parse(key) as Record<string, string | undefined>, ctrl.signal)
      .then((data) => setOutcome({ key, data }))
      .catch((error: unknown) => {
        if (!ctrl.signal.aborted) setOutcome({ key, error });
      });
    return () => ctrl.abort();
  }, [key]);

  if (!key) return { kind: 'idle' };
  if (outcome?.key !== key) return { kind: 'loading' };
  if (outcome.data) return { kind: 'done', data: outcome.data };
  return { kind: 'error', error: outcome.error };
}
