/** The administration (issue 13 §3): users, API keys, districts and offices, parameters, the trail, failed deliveries. */
import type {
  AdminAuditRow,
  AdminParameter,
  AdminParameterSet,
  AdminProfileInput,
  AdminUser,
  AdminUserCreate,
  AdminUserList,
  ApiKeyCreated,
  ApiKeyView,
  AslView,
  DistrictView,
  OfficeInput,
  OfficeView,
} from '@esenzioni/domain';
import { get, post, queryString, request } from './client';

const put = async <T>(path: string, body: unknown): Promise<T> =>
  (await request<T>(path, { method: 'PUT', body })).data;

export const adminUsers = (q: { q?: string; page: number }, signal?: AbortSignal) =>
  get<AdminUserList>(`/api/admin/users${queryString({ q: q.q, page: q.page, pageSize: 20 })}`, signal);
export const createAdminUser = (body: AdminUserCreate) => post<AdminUser>('/api/admin/users', body);
export const setAdminUserProfiles = (id: number, profiles: AdminProfileInput[]) =>
  put<AdminUser>(`/api/admin/users/${id}/profiles`, { profiles });
export const deactivateUser = (id: number) => post<AdminUser>(`/api/admin/users/${id}/deactivate`, {});
export const activateUser = (id: number) => post<AdminUser>(`/api/admin/users/${id}/activate`, {});

export const apiKeys = (signal?: AbortSignal) => get<{ items: ApiKeyView[] }>('/api/admin/api-keys', signal);
export const createApiKey = (name: string) => post<ApiKeyCreated>('/api/admin/api-keys', { name });
export const revokeApiKey = (id: number) => post<ApiKeyView>(`/api/admin/api-keys/${id}/revoke`, {});

export const adminAsls = (signal?: AbortSignal) => get<{ items: AslView[] }>('/api/admin/asls', signal);
export const adminDistricts = (aslId: string, signal?: AbortSignal) =>
  get<{ items: DistrictView[] }>(`/api/admin/districts${queryString({ aslId })}`, signal);
export const createDistrict = (aslId: string, name: string) =>
  post<DistrictView>('/api/admin/districts', { aslId, name });
export const adminOffices = (aslId: string, signal?: AbortSignal) =>
  get<{ items: OfficeView[] }>(`/api/admin/offices${queryString({ aslId })}`, signal);
export const createOffice = (body: OfficeInput) => post<OfficeView>('/api/admin/offices', body);
export const updateOffice = (id: number, body: OfficeInput) =>
  put<OfficeView>(`/api/admin/offices/${id}`, body);

export interface ParameterList {
  items: AdminParameter[];
  defaults: { certificateMaxAgeMonths: number; expiryReminderDays: number };
}
export const adminParameters = (signal?: AbortSignal) => get<ParameterList>('/api/admin/parameters', signal);
export const setAdminParameter = (body: AdminParameterSet) =>
  put<AdminParameter>('/api/admin/parameters', body);
export const clearAdminParameter = async (name: string, scope: string) => {
  await request<void>(`/api/admin/parameters/${name}${queryString({ scope })}`, { method: 'DELETE' });
};

export const adminAudit = (page: number, signal?: AbortSignal) =>
  get<{ items: AdminAuditRow[]; total: number; page: number; pageSize: number }>(
    `/api/admin/audit${queryString({ page, pageSize: 25 })}`,
    signal,
  );

export interface DeadLetter {
  id: string;
  eventType: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deadAt: string;
}
export const deadLetters = (signal?: AbortSignal) =>
  get<{ items: DeadLetter[] }>('/api/admin/outbox/dead', signal);
export const retryDeadLetter = (id: string) => post<DeadLetter>(`/api/admin/outbox/${id}/retry`, {});
export interface DeadMail {
  id: string;
  to: string;
  subject: string;
  status: string;
  createdAt: string;
}
export const deadMails = (signal?: AbortSignal) =>
  get<{ items: DeadMail[] }>(`/api/admin/mail-outbox${queryString({ status: 'DEAD', limit: 200 })}`, signal);
export const retryMail = (id: string) => post<DeadLetter>(`/api/admin/mail-outbox/${id}/retry`, {});

/** Issue 13 §3: the duration of the exemptions issued for a code (PUT /api/admin/exemption-codes/:code/duration). */
export interface CodeDurationSet {
  amount: number | null;
  unit: 'DAYS' | 'MONTHS' | 'YEARS' | 'UNLIMITED' | null;
  fromBirth?: boolean;
  source?: string;
}
export const setCodeDuration = (code: string, body: CodeDurationSet) =>
  put<{ code: string; description: string }>(
    `/api/admin/exemption-codes/${encodeURIComponent(code.trim().toUpperCase())}/duration`,
    body,
  );
