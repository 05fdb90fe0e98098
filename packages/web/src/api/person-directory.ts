/** Issue 13 §4: the import of the registry of assistiti and its progress. */
import type { PersonImportView } from '@esenzioni/domain';
import { get, uploadCsv } from './client';

export const personImports = (signal?: AbortSignal) =>
  get<{ items: PersonImportView[] }>('/api/admin/person-imports', signal);

export const personImport = (id: string, signal?: AbortSignal) =>
  get<PersonImportView>(`/api/admin/person-imports/${encodeURIComponent(id)}`, signal);

export const uploadPersonFile = (file: File) =>
  uploadCsv<PersonImportView>('/api/admin/person-imports', file);
