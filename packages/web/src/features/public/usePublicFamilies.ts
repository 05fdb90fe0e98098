import type { PublicFamilies } from '@esenzioni/domain';
import { useEffect, useState } from 'react';
import { publicFamilies } from '../../api/public';

/** The families, their documents and the income limits (GET /api/public/families). */
export function usePublicFamilies(): { data: PublicFamilies | null; error: unknown } {
  const [data, setData] = useState<PublicFamilies | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    publicFamilies(ctrl.signal)
      .then(setData)
      .catch((e: unknown) => !ctrl.signal.aborted && setError(e));
    return () => ctrl.abort();
  }, []);
  return { data, error };
}
