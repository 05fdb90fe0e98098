/**
 * Logged in with the profile at `profileIndex`. The profile switch rotates the session (a new cookie
 * and CSRF token, issue 9 §2), so the client is rebuilt from the switch's answer.
 */
import type { FastifyInstance } from 'fastify';
import { login, type Client } from './app.js';

export async function loginWithProfile(
  app: FastifyInstance,
  username: string,
  profileIndex: number,
): Promise<Client> {
  const first = await login(app, username);
  const r = await first.req({
    method: 'POST',
    url: '/api/auth/profile',
    payload: { profileId: first.profiles[profileIndex]!.id },
  });
  if (r.statusCode !== 200) throw new Error(`profile: ${r.body}`);
  const setCookie = r.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie.find((c) => c.startsWith('esz_session=')) : setCookie;
  const cookie = raw ? raw.split(';')[0]! : first.cookie;
  const csrf = (r.json() as { csrfToken?: string }).csrfToken ?? first.csrf;
  return {
    cookie,
    csrf,
    profiles: first.profiles,
    req: (opts) =>
      first.req({
        ...opts,
        headers: {
          ...(opts.headers as Record<string, string> | undefined),
          cookie,
          ...(opts.method && opts.method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
        },
      }),
  };
}
