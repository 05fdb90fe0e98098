import type { ActionBody, CaseDetail, CaseList, HistoryItem, NotesBody, RejectBody } from '@esenzioni/domain';
import { get, post, queryString } from './client';

export type CaseSearchParams = Record<string, string | undefined>;

export const searchCases = (params: CaseSearchParams, signal?: AbortSignal) =>
  get<CaseList>(`/api/cases${queryString(params)}`, signal);

/** The CSV export of the same search (the server builds the file). */
export const exportCsvUrl = (params: CaseSearchParams) => {
  const { page: _page, pageSize: _size, ...filters } = params;
  return `/api/cases/export.csv${queryString(filters)}`;
};

const base = (caseNumber: string) => `/api/cases/${encodeURIComponent(caseNumber)}`;

export const getCase = (caseNumber: string, signal?: AbortSignal) =>
  get<CaseDetail>(base(caseNumber), signal);

export const getHistory = async (caseNumber: string, signal?: AbortSignal) =>
  (await get<{ items: HistoryItem[] }>(`${base(caseNumber)}/history`, signal)).items;

export const takeCharge = (c: CaseDetail, body?: ActionBody) =>
  post<CaseDetail>(`${base(c.caseNumber)}/take-charge`, body ?? {}, c.version);

export const validateCase = (c: CaseDetail, body?: ActionBody) =>
  post<CaseDetail>(`${base(c.caseNumber)}/validate`, body ?? {}, c.version);

export const rejectCase = (c: CaseDetail, body: RejectBody) =>
  post<CaseDetail>(`${base(c.caseNumber)}/reject`, body, c.version);

export const saveNotes = (c: CaseDetail, body: NotesBody) =>
  post<CaseDetail>(`${base(c.caseNumber)}/notes`, body, c.version);

export const certificateUrl = (caseNumber: string) => `${base(caseNumber)}/certificate`;
export const attachmentUrl = (caseNumber: string, id: string) =>
  `${base(caseNumber)}/attachments/${encodeURIComponent(id)}`;
