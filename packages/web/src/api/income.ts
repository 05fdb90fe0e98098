/** Issue 12 §1 (H2): income self-declarations at the counter and online, and their certificate. */
import type {
  CitizenIncomeDeclarationBody,
  CounterIncomeDeclarationBody,
  IncomeDeclarationResponse,
} from '@esenzioni/domain';
import { post, queryString } from './client';

export const declareIncomeAtCounter = (body: CounterIncomeDeclarationBody) =>
  post<IncomeDeclarationResponse>('/api/income-declarations', body);

export const declareIncomeOnline = (body: CitizenIncomeDeclarationBody, onBehalfOf: string | null) =>
  post<IncomeDeclarationResponse>(
    `/api/me/income-declarations${queryString({ onBehalfOf: onBehalfOf ?? undefined })}`,
    body,
  );
