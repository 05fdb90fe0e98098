/** Issue 12 §6 (H5): the Region's codes with their rules, and their issuance at the counter. */
import type { CaseDetail, RegionalCodesResponse, RegionalIssueBody } from '@esenzioni/domain';
import { get, post } from './client';

export const regionalCodes = (signal?: AbortSignal) =>
  get<RegionalCodesResponse>('/api/regional/codes', signal);

export const issueRegionalExemption = (body: RegionalIssueBody) =>
  post<CaseDetail>('/api/regional/exemptions', body);
