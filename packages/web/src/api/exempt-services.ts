/** Exempt services (issue 12 §8): a code's services and the administrator's files. */
import type {
  CodeServicesResponse,
  ExemptServicesUploadList,
  ExemptServicesUploadResponse,
} from '@esenzioni/domain';
import { get, post } from './client';

export const codeServices = (code: string, signal?: AbortSignal) =>
  get<CodeServicesResponse>(`/api/catalog/exemptions/${encodeURIComponent(code)}/services`, signal);

export const exemptServicesUploads = (signal?: AbortSignal) =>
  get<ExemptServicesUploadList>('/api/admin/exempt-services', signal);

export const uploadExemptServices = (fileName: string, csv: string) =>
  post<ExemptServicesUploadResponse>('/api/admin/exempt-services', { fileName, csv });
