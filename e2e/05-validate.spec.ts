/** Manual §5 — validation, in two steps and in one; the exemption is then in the registry (AURA). */
import type { RegistryResponse } from '@esenzioni/domain';
import { request as apiRequest } from '@playwright/test';
import { loginApi, PASSWORD, PIN } from './support/auth';
import { pickCase, SLOT, todayItalian } from './support/cases';
import {
  badge,
  closeDialog,
  historyStatuses,
  openFromSearch,
  validateFromDetail,
} from './support/detail-page';
import { BASE_URL, checkScreen, expect, test } from './support/fixtures';

async function registryAsGp(fiscalCode: string): Promise<RegistryResponse> {
  const ctx = await apiRequest.newContext({ baseURL: BASE_URL });
  try {
    const login = await ctx.post('/api/auth/login', {
      data: { username: 'medico.base', password: PASSWORD, pin: PIN },
    });
    expect(login.status()).toBe(200);
    const res = await ctx.get(`/api/registry/exemptions?fiscalCode=${fiscalCode}`);
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()) as RegistryResponse;
  } finally {
    await ctx.dispose();
  }
}

test.describe('§5 Validazione', () => {
  test.beforeEach(async ({ page }) => {
    await loginApi(page, 'operatore.torino', 'DISTRICT_OPERATOR');
  });

  test('two steps: Prendi in carico, then Valida with a note for the citizen', async ({ page }) => {
    const c = await pickCase(page.request, SLOT.validateTwoStep, 'SUBMITTED');
    await openFromSearch(page, c.caseNumber, c.beneficiary.fiscalCode);
    await page.getByRole('button', { name: 'Prendi in carico' }).click();
    await expect(badge(page)).toHaveText('IN LAVORAZIONE');

    await page.getByLabel('Nota Beneficiario', { exact: true }).fill('NOTA VISIBILE AL CITTADINO');
    await page.getByLabel('Nota Interna', { exact: true }).fill('NOTA INTERNA');
    await validateFromDetail(page);
    await expect(page.getByText(`Pratica ${c.caseNumber} validata con successo`)).toBeVisible();
    await expect(badge(page)).toHaveText('VALIDATA');
    await expect(page.locator('dl.detail-dl').getByText(/^Disponibile fino al /)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Valida', exact: true })).toHaveCount(0);
    await checkScreen(page, '05-validata-due-passaggi');
    const statuses = await historyStatuses(page, c.caseNumber);
    expect(statuses.slice().sort()).toEqual(['In lavorazione', 'Inviata', 'Validata'].sort());
    await expect(page.getByRole('dialog').getByText('NOTA VISIBILE AL CITTADINO')).toBeVisible();
    await closeDialog(page);

    const registry = await registryAsGp(c.beneficiary.fiscalCode);
    expect(registry.exemptions.map((e) => e.caseNumber)).toContain(c.caseNumber);
  });

  test('one step: Valida straight from Inviata; then "Verifica esenzioni" shows it', async ({ page }) => {
    const c = await pickCase(page.request, SLOT.validateOneStep, 'SUBMITTED');
    await openFromSearch(page, c.caseNumber, c.beneficiary.fiscalCode);
    await expect(badge(page)).toHaveText('INVIATA');
    await validateFromDetail(page);
    await expect(page.getByText(`Pratica ${c.caseNumber} validata con successo`)).toBeVisible();
    await expect(badge(page)).toHaveText('VALIDATA');
    // one click records the take-charge and the validation
    const statuses = await historyStatuses(page, c.caseNumber);
    expect(statuses).toContain('In lavorazione');
    expect(statuses).toContain('Validata');
    await closeDialog(page);

    // the operator's registry lookup page
    await page.getByRole('link', { name: 'Verifica esenzioni' }).click();
    await page.getByLabel('Codice fiscale assistito').fill(c.beneficiary.fiscalCode);
    await expect(page.getByLabel('Data di riferimento')).toHaveValue(todayItalian());
    await page.getByRole('button', { name: 'Verifica' }).click();
    const row = page.getByRole('row').filter({ hasText: c.caseNumber });
    await expect(row).toBeVisible();
    await expect(row).toContainText(c.exemptionCode);
    await checkScreen(page, '05-verifica-esenzioni');

    const registry = await registryAsGp(c.beneficiary.fiscalCode);
    expect(registry.exemptions.find((e) => e.caseNumber === c.caseNumber)?.code).toBe(c.exemptionCode);
  });
});
