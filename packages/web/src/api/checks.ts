/** Issue 12 (H3): the MEF list upload and its progress; the art. 71 checks of self-declarations. */
import type { DeclarationCheckList, DeclarationCheckOutcome, MefImportView } from '@esenzioni/domain';
import { ApiError, get, post, queryString } from './client';

export const mefImports = (signal?: AbortSignal) =>
  get<{ items: MefImportView[] }>('/api/admin/mef-imports', signal);

export const mefImport = (id: string, signal?: AbortSignal) =>
  get<MefImportView>(`/api/admin/mef-imports/${encodeURIComponent(id)}`, signal);

async function problemOf(res: Response) {
  try {
    const body = (await res.json()) as { code?: string; title?: string; detail?: string };
    return typeof body.code === 'string' ? (body as ConstructorParameters<typeof ApiError>[1]) : null;
  } catch {
    return null;
  }
}

/**
 * The file as the request's body (text/csv, streamed by the browser): the server answers 202 at once
 * with the import, whose progress is then polled. The CSRF token is read again from /api/auth/me.
 */
export async function uploadMefList(file: File): Promise<MefImportView> {
  const { csrfToken } = await get<{ csrfToken: string }>('/api/auth/me');
  let res: Response;
  try {
    res = await fetch(`/api/admin/mef-imports${queryString({ fileName: file.name })}`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'text/csv', 'X-CSRF-Token': csrfToken },
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new ApiError(0, null, 'Impossibile contattare il server. Verificare la connessione e riprovare.');
  }
  if (!res.ok)
    throw new ApiError(res.status, await problemOf(res), `Errore ${res.status}: caricamento non riuscito.`);
  return (await res.json()) as MefImportView;
}

export type CheckView = 'TODO' | 'DONE' | 'REFERRAL' | 'ALL';

export const declarationChecks = (view: CheckView, period: string | undefined, signal?: AbortSignal) =>
  get<DeclarationCheckList>(`/api/declaration-checks${queryString({ view, period })}`, signal);

export const decideDeclarationCheck = (id: string, outcome: DeclarationCheckOutcome, note: string) =>
  post<{ outcome: DeclarationCheckOutcome; revoked: boolean; caseNumber: string }>(
    `/api/declaration-checks/${encodeURIComponent(id)}/outcome`,
    { outcome, ...(note.trim() ? { note: note.trim() } : {}) },
  );
