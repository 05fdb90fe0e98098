/** Signing in: through the form (what a person does) or through the API (to set up a test quickly). */
import type { Page } from '@playwright/test';
import type { LoginResponse, MeResponse, Role } from '../../packages/domain/src/index';

export const PASSWORD = 'Esenzioni-Demo-2026';
export const PIN = '246810';

export type DemoUser =
  | 'operatore.torino'
  | 'operatore.cn2'
  | 'specialista'
  | 'medico.base'
  | 'cittadino'
  | 'admin'
  | 'admin.cataloghi'
  | 'direzione.torino'
  | 'analista.regione';

export async function fillLogin(page: Page, username: string, password = PASSWORD, pin = PIN): Promise<void> {
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Accedi' }).click();
}

/**
 * Signs in through the API with the page's cookies (page.request shares them) and activates the
 * profile with `role` when the user has more than one. Returns the CSRF token.
 */
export async function loginApi(page: Page, username: DemoUser, role?: Role): Promise<string> {
  const res = await page.request.post('/api/auth/login', {
    data: { username, password: PASSWORD, pin: PIN },
  });
  if (!res.ok()) throw new Error(`login ${username}: ${res.status()} ${await res.text()}`);
  const body = (await res.json()) as LoginResponse;
  if (body.profiles.length > 1) {
    const profile = body.profiles.find((p) => p.role === (role ?? 'DISTRICT_OPERATOR')) ?? body.profiles[0];
    const chosen = await page.request.post('/api/auth/profile', {
      data: { profileId: profile?.id },
      headers: { 'X-CSRF-Token': body.csrfToken },
    });
    if (!chosen.ok()) throw new Error(`profile ${username}: ${chosen.status()} ${await chosen.text()}`);
  }
  const me = (await (await page.request.get('/api/auth/me')).json()) as MeResponse;
  return me.csrfToken;
}
