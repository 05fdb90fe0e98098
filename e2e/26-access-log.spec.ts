/**
 * Issue 9 — "Chi ha consultato i miei dati": the staff's reads first, the automatic lookups (a GP's
 * registry check) counted and listed apart, a period filter with its errors, an empty state; axe on
 * each state.
 */
import { request as apiRequest } from '@playwright/test';
import { loginApi, PASSWORD, PIN } from './support/auth';
import { BASE_URL, checkScreen, expect, test } from './support/fixtures';
import { PEOPLE } from './support/portal';

/** Registry lookups of `fiscalCode` by the demo GP: automatic accesses in the citizen's log. */
async function gpLookups(fiscalCode: string, times: number): Promise<void> {
  const ctx = await apiRequest.newContext({ baseURL: BASE_URL });
  try {
    const login = await ctx.post('/api/auth/login', {
      data: { username: 'medico.base', password: PASSWORD, pin: PIN },
    });
    expect(login.status()).toBe(200);
    for (let i = 0; i < times; i++) {
      const res = await ctx.get(`/api/registry/exemptions?fiscalCode=${fiscalCode}`);
      expect(res.status(), await res.text()).toBe(200);
    }
  } finally {
    await ctx.dispose();
  }
}

test('the citizen filters who accessed their data by kind and period', async ({ page }) => {
  await gpLookups(PEOPLE.nello.fiscalCode, 3);
  await loginApi(page, 'cittadino');
  await page.goto('/cittadino/accessi');
  await expect(page.getByRole('heading', { level: 1, name: 'Chi ha consultato i miei dati' })).toBeVisible();
  await expect(page.getByText('Caricamento in corso…')).toHaveCount(0);
  // the staff's reads are the default view; the automatic lookups are counted apart
  await expect(page.getByLabel('Chi ha consultato')).toHaveValue('OPERATOR');
  const summary = page.getByRole('list', { name: 'Accessi per tipo nel periodo' });
  await expect(summary).toContainText(/Consultazioni automatiche .*: \d+/);
  await checkScreen(page, '26-accessi-personale');

  await page.getByLabel('Chi ha consultato').selectOption('MACHINE');
  await page.getByRole('button', { name: 'Applica filtri' }).click();
  await expect(page).toHaveURL(/tipo=automatiche/);
  const lookups = page
    .locator('tr[data-access-kind="MACHINE"]')
    .filter({ hasText: 'Medico di medicina generale' });
  await expect(lookups.first()).toBeVisible();
  await expect(page.locator('tr[data-access-kind="OPERATOR"]')).toHaveCount(0);
  await checkScreen(page, '26-accessi-automatici');

  await page.getByLabel('Dal', { exact: true }).fill('31/02/2026');
  await page.getByRole('button', { name: 'Applica filtri' }).click();
  await expect(page.getByLabel('Dal', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Data non valida: usare il formato gg/mm/aaaa.')).toBeVisible();

  await page.getByLabel('Dal', { exact: true }).fill('01/01/2099');
  await page.getByRole('button', { name: 'Applica filtri' }).click();
  await expect(page).toHaveURL(/dal=2099-01-01/);
  await expect(page.getByText(/Nessun accesso di questo tipo nel periodo indicato/)).toBeVisible();
  await checkScreen(page, '26-accessi-vuoto');

  await page.getByRole('button', { name: 'Azzera filtri' }).click();
  await expect(page).toHaveURL(/\/cittadino\/accessi$/);
  await expect(page.getByLabel('Dal', { exact: true })).toHaveValue('');
});
