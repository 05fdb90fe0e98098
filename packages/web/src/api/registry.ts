import type { CatalogExemption, RegistryResponse } from '@esenzioni/domain';
import { get, queryString } from './client';

/** `code`: only that code, its sub-codes, or what an alias stands for (0B02 = 002B, issue 12 §7) */
export const lookupRegistry = (fiscalCode: string, date?: string, signal?: AbortSignal, code?: string) =>
  get<RegistryResponse>(`/api/registry/exemptions${queryString({ fiscalCode, date, code })}`, signal);

export const searchCatalog = async (q: string, signal?: AbortSignal) =>
  (
    await get<{ items: CatalogExemption[] }>(
      `/api/catalog/exemptions${queryString({ q, limit: 50 })}`,
      signal,
    )
  ).items;
