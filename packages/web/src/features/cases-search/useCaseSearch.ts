import type { CaseList } from '@esenzioni/domain';
import { useEffect, useState } from 'react';
import { searchCases } from '../../api/cases';

export type SearchState =
  | { kind: 'idle' }
  | { kind: 'loading'; previous: CaseList | null }
  | { kind: 'done'; data: CaseList }
  | { kind: 'error'; error: unknown };

/** Runs GET /api/cases for the given params (null = don't search: the filters are not valid). */
export function useCaseSearch(params: Record<string, string | undefined> | null): SearchState {
  const [state, setState] = useState<SearchState>({ kind: 'idle' });
  const key = params ? JSON.stringify(params) : null;

  useEffect(() => {
    if (!key) {
      setState({ kind: 'idle' });
      return;
    }
    const ctrl = new AbortController();
    setState((s) => ({ kind: 'loading', previous: s.kind === 'done' ? s.data : null }));
    searchCases(JSON.parse(key) as Record<string, string | undefined>, ctrl.signal)
      .then((data) => setState({ kind: 'done', data }))
      .catch((error) => {
        if (!ctrl.signal.aborted) setState({ kind: 'error', error });
      });
    return () => ctrl.abort();
  }, [key]);

  return state;
}
