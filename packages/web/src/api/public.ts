/** The public front door's data (issue 13 §5): no login. */
import type { PublicFamilies, PublicOffices } from '@esenzioni/domain';
import { get, queryString } from './client';

export const publicFamilies = (signal?: AbortSignal) => get<PublicFamilies>('/api/public/families', signal);
export const publicOffices = (aslId: string | undefined, signal?: AbortSignal) =>
  get<PublicOffices>(`/api/public/offices${queryString({ aslId })}`, signal);
