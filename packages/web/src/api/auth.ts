import type { LoginBody, LoginResponse, MeResponse, Profile } from '@esenzioni/domain';
import { get, post, setCsrfToken } from './client';

export async function login(body: LoginBody): Promise<LoginResponse> {
  const res = await post<LoginResponse>('/api/auth/login', body);
  setCsrfToken(res.csrfToken);
  return res;
}

export async function me(): Promise<MeResponse> {
  const res = await get<MeResponse>('/api/auth/me');
  setCsrfToken(res.csrfToken);
  return res;
}

export const chooseProfile = (profileId: string) =>
  post<{ activeProfile: Profile }>('/api/auth/profile', { profileId });

export async function logout(): Promise<void> {
  await post<void>('/api/auth/logout');
  setCsrfToken(null);
}
