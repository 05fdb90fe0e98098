/** Manual §4 — presa in carico: Inviata → In lavorazione. */
import { loginApi } from './support/auth';
import { pickCase, SLOT } from './support/cases';
import { badge, closeDialog, historyStatuses, openFromSearch } from './support/detail-page';
import { checkScreen, expect, test } from './support/fixtures';

test('§4 Prendi in carico a case in state Inviata', async ({ page }) => {
  await loginApi(page, 'operatore.torino', 'DISTRICT_OPERATOR');
  const c = await pickCase(page.request, SLOT.takeCharge, 'SUBMITTED');
  await openFromSearch(page, c.caseNumber, c.beneficiary.fiscalCode);
  await expect(badge(page)).toHaveText('INVIATA');
  const actions = page.getByRole('group', { name: 'Azioni sulla pratica' });
  await expect(actions.getByRole('button')).toHaveText([
    'Salva note',
    'Correggi diagnosi',
    'Respingi',
    'Prendi in carico',
    'Valida',
  ]);
  await expect(page.getByText('Nota Beneficiario', { exact: true })).toBeVisible();
  await checkScreen(page, '04-dettaglio-inviata');

  await actions.getByRole('button', { name: 'Prendi in carico' }).click();
  await expect(page.getByText(`Pratica ${c.caseNumber} presa in carico con successo`)).toBeVisible();
  await expect(badge(page)).toHaveText('IN LAVORAZIONE');
  await expect(page.locator('dl.detail-dl')).toContainText('In lavorazione');
  // issue 17 §1: who sent it and who has it now, since when
  const dl = page.locator('dl.detail-dl');
  await expect(dl.locator('dt', { hasText: 'Compilatore' })).toBeVisible();
  await expect(
    dl.locator('div', { has: page.locator('dt', { hasText: 'In carico a' }) }).locator('dd'),
  ).toHaveText(/^DEMO VENTICINQUE \([A-Z0-9]{16}\) dal \d{2}\/\d{2}\/\d{4}/);
  await expect(actions.getByRole('button', { name: 'Prendi in carico' })).toHaveCount(0);
  await expect(actions.getByRole('button')).toHaveText([
    'Salva note',
    'Correggi diagnosi',
    'Respingi',
    'Valida',
  ]);
  await checkScreen(page, '04-presa-in-carico');

  const statuses = await historyStatuses(page, c.caseNumber);
  expect(statuses).toContain('In lavorazione');
  expect(statuses).toContain('Inviata');
  await closeDialog(page);

  // it is now found among the "In lavorazione" cases
  await page.goto(`/pratiche?view=todo&status=IN_PROGRESS&fiscalCode=${c.beneficiary.fiscalCode}`);
  await expect(page.locator(`tr[data-case-number="${c.caseNumber}"]`)).toContainText('In lavorazione');
});
