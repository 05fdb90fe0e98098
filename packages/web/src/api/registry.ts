import type { CatalogExemption, RegistryResponse } from '@esenzioni/domain';
import { get, queryString } from './client';

export const lookupRegistry = (fiscalCode: string, date?: string, signal?: AbortSignal) =>
  get<RegistryResponse>(`/api/registry/exemptions${queryString({ fiscalCode, date })}`, signal);

export const searchCatalog = async (q: string, signal?: AbortSignal) =>
  (
    await get<{ items: CatalogExemption[] }>(
      `/api/catalog/exemptions${queryString({ q, limit: 50 })}`,
      signal,
    )
  ).items;
