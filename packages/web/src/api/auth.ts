import type { LoginBody, LoginMethods, LoginResponse, MeResponse, Profile } from '@esenzioni/domain';
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

/** The server rotates the session on a profile switch: the old CSRF token is dead, use the new one. */
export async function chooseProfile(profileId: string): Promise<{ activeProfile: Profile }> {
  const res = await post<{ activeProfile: Profile; csrfToken: string }>('/api/auth/profile', { profileId });
  setCsrfToken(res.csrfToken);
  return { activeProfile: res.activeProfile };
}

export async function logout(): Promise<void> {
  await post<void>('/api/auth/logout');
  setCsrfToken(null);
}

/** issue 13: the ways of logging in this installation offers. */
export const loginMethods = (): Promise<LoginMethods> => get<LoginMethods>('/api/auth/methods');

/** issue 13: operators' digital certificate (the browser presents it during the TLS handshake). */
export async function certificateLogin(): Promise<LoginResponse> {
  const res = await post<LoginResponse>('/api/auth/certificate');
  setCsrfToken(res.csrfToken);
  return res;
}
