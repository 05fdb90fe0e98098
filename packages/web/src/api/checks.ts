/** Issue 12 (H3): the MEF list upload and its progress; the art. 71 checks of self-declarations. */
import type { DeclarationCheckList, DeclarationCheckOutcome, MefImportView } from '@esenzioni/domain';
import { get, post, queryString, uploadCsv } from './client';

export const mefImports = (signal?: AbortSignal) =>
  get<{ items: MefImportView[] }>('/api/admin/mef-imports', signal);

export const mefImport = (id: string, signal?: AbortSignal) =>
  get<MefImportView>(`/api/admin/mef-imports/${encodeURIComponent(id)}`, signal);

/**
 * The file as the request's body (text/csv, streamed by the browser): the server answers 202 at once
 * with the import, whose progress is then polled.
 */
export const uploadMefList = (file: File) => uploadCsv<MefImportView>('/api/admin/mef-imports', file);

export type CheckView = 'TODO' | 'DONE' | 'REFERRAL' | 'ALL';

export const declarationChecks = (view: CheckView, period: string | undefined, signal?: AbortSignal) =>
  get<DeclarationCheckList>(`/api/declaration-checks${queryString({ view, period })}`, signal);

export const decideDeclarationCheck = (id: string, outcome: DeclarationCheckOutcome, note: string) =>
  post<{ outcome: DeclarationCheckOutcome; revoked: boolean; caseNumber: string }>(
    `/api/declaration-checks/${encodeURIComponent(id)}/outcome`,
    { outcome, ...(note.trim() ? { note: note.trim() } : {}) },
  );
