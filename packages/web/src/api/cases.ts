import type { CaseCommand, CaseCommandBody, CaseDetail, CaseList, HistoryItem } from '@esenzioni/domain';
import { CASE_COMMAND_CATALOGUE } from '@esenzioni/domain/commands';
import { post, get, queryString } from './client';

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

/** Where a command is sent: the staff route, or the citizen's own (acting for a delegator when given). */
export type CommandRoute = { as: 'staff' } | { as: 'citizen'; onBehalfOf?: string | null };

/** POST …/<path> of the command, from the domain catalogue (the same entry the server registers). */
export function commandUrl(caseNumber: string, command: CaseCommand, route: CommandRoute = { as: 'staff' }) {
  const path = CASE_COMMAND_CATALOGUE[command].path;
  if (route.as === 'staff') return `${base(caseNumber)}/${path}`;
  return `/api/me/cases/${encodeURIComponent(caseNumber)}/${path}${queryString({ onBehalfOf: route.onBehalfOf ?? undefined })}`;
}

/** Runs a case command with If-Match: the version the user saw. */
export const runCommand = <C extends CaseCommand>(
  caseNumber: string,
  command: C,
  version: number,
  body: CaseCommandBody<C>,
  route?: CommandRoute,
) => post<CaseDetail>(commandUrl(caseNumber, command, route), body ?? {}, version);

export const certificateUrl = (caseNumber: string) => `${base(caseNumber)}/certificate`;
export const attachmentUrl = (caseNumber: string, id: string) =>
  `${base(caseNumber)}/attachments/${encodeURIComponent(id)}`;
