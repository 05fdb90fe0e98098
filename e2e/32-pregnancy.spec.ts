/**
 * Issue 12 §5 — the pregnancy code: a GP (medico.base) turns week 12 into M12 from "Codice
 * gravidanza" in the navigation; M50 is offered only to the specialist. No case is made.
 */
import { loginApi } from './support/auth';
import { checkScreen, expect, test } from './support/fixtures';

test('a GP turns week 12 into M12', async ({ page }) => {
  await loginApi(page, 'medico.base', 'GP');
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Sezioni del servizio' });
  await nav.getByRole('link', { name: 'Codice gravidanza' }).click();
  await expect(page).toHaveURL(/\/codice-gravidanza$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Codice gravidanza' })).toBeVisible();
  // the GP is not offered M50
  await expect(page.getByRole('radio', { name: /Gravidanza a rischio/ })).toHaveCount(0);
  await checkScreen(page, '32-codice-gravidanza');

  await page.getByRole('button', { name: 'Calcola il codice' }).click();
  await expect(page.getByText('Indicare una settimana da 1 a 41.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Settimana di gravidanza' })).toBeFocused();

  await page.getByRole('textbox', { name: 'Settimana di gravidanza' }).fill('12');
  await page.getByRole('button', { name: 'Calcola il codice' }).click();
  await expect(page.getByTestId('codice-gravidanza')).toHaveText('M12');
  await expect(page.getByText(/non si apre una pratica e non si rilascia un attestato/).last()).toBeVisible();
  await checkScreen(page, '32-codice-gravidanza-m12');

  await page.locator('label[for="situazione-UNKNOWN_WEEK"]').click();
  await page.getByRole('button', { name: 'Calcola il codice' }).click();
  await expect(page.getByTestId('codice-gravidanza')).toHaveText('M99');
});

test('the specialist may give M50', async ({ page }) => {
  await loginApi(page, 'specialista');
  await page.goto('/codice-gravidanza');
  await page.locator('label[for="situazione-AT_RISK"]').click();
  await page.getByRole('button', { name: 'Calcola il codice' }).click();
  await expect(page.getByTestId('codice-gravidanza')).toHaveText('M50');
  await checkScreen(page, '32-codice-gravidanza-m50');
});
