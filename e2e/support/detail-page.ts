import { expect, type Page } from '@playwright/test';

/** Opens a case from the home page the way the manual says: search it, click its state. */
export async function openFromSearch(
  page: Page,
  caseNumber: string,
  fiscalCode: string,
  view: 'todo' | 'closed' = 'todo',
) {
  await page.goto(`/pratiche?view=${view}`);
  await page.getByLabel('Codice fiscale Beneficiario', { exact: true }).fill(fiscalCode);
  await page.getByRole('button', { name: 'Cerca', exact: true }).click();
  await expect(page.getByText(/^Risultati trovati: \d+$/)).toBeVisible();
  const row = page.locator(`tr[data-case-number="${caseNumber}"]`);
  await row.getByRole('link', { name: new RegExp(`dettaglio pratica ${caseNumber}`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dettaglio pratica' })).toBeVisible();
  await expect(page.locator('dl.detail-dl')).toContainText(caseNumber);
}

export const badge = (page: Page) => page.getByTestId('stato-badge');

/** The Cronologia dialog of a case, once visible with the manual's columns. */
export async function historyDialog(page: Page, caseNumber: string) {
  const dialog = page.getByRole('dialog', { name: `Cronologia della pratica ${caseNumber}` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('columnheader')).toHaveText([
    'Data e ora',
    'Utente',
    'Stato pratica',
    'Nota Beneficiario',
    'Nota Interna',
  ]);
  return dialog;
}

export async function historyStatuses(page: Page, caseNumber: string): Promise<string[]> {
  await page.getByRole('button', { name: 'Cronologia', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Cronologia della pratica ${caseNumber}` });
  await expect(dialog.getByRole('table')).toBeVisible();
  const statuses = await dialog.locator('tbody tr td:nth-child(3)').allInnerTexts();
  return statuses;
}

export async function closeDialog(page: Page) {
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

/** «Valida», then «Sì, valida» in its confirmation (issue 17 §6). */
export async function validateFromDetail(page: Page) {
  await page.getByRole('button', { name: 'Valida', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'VALIDA PRATICA' });
  await expect(dialog).toContainText('Sei sicuro di voler validare la pratica');
  await dialog.getByRole('button', { name: 'Sì, valida' }).click();
}
