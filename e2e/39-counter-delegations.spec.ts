/**
 * Issue 17 §3 — «Deleghe» at the counter: the operator registers the paper delegation NELLO TRENTASEI
 * gives BENEDETTO TRENTAQUATTRO (both of ASL Città di Torino), after confirming the documents were seen;
 * finds it among NELLO's delegations, and revokes it (so no other spec meets it). Axe on each screen.
 */
import { loginApi } from './support/auth';
import { checkScreen, expect, test } from './support/fixtures';
import { PEOPLE } from './support/portal';

test('the counter registers a written delegation, finds it and revokes it', async ({ page }) => {
  await loginApi(page, 'operatore.torino', 'ADMIN_OPERATOR');
  await page.goto('/sportello/nuova-pratica');
  await page
    .getByRole('navigation', { name: 'Sezioni del servizio' })
    .getByRole('link', { name: 'Deleghe' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Deleghe allo sportello' })).toBeVisible();

  await page.getByLabel('Codice fiscale di chi delega').fill(PEOPLE.nello.fiscalCode);
  await page.getByLabel('Codice fiscale della persona delegata').fill(PEOPLE.benedetto.fiscalCode);
  // without confirming the documents: refused next to the box, and listed above the form
  await page.getByRole('button', { name: 'Registra la delega' }).click();
  const seen = page.getByLabel('Ho visto la delega firmata e i documenti d’identità di delegante e delegato');
  await expect(seen).toBeFocused();
  await expect(page.locator('.summary-links').getByRole('link')).toHaveCount(1);
  await checkScreen(page, '39-deleghe-sportello-errore');
  // bootstrap-italia draws the box on its label: click what the user sees
  await page.locator('label[for="sportello-delega-vista"]').click();
  await expect(seen).toBeChecked();
  await page.getByRole('button', { name: 'Registra la delega' }).click();
  await expect(
    page.getByText(
      `Delega registrata: ${PEOPLE.benedetto.name} può operare per conto di ${PEOPLE.nello.name}.`,
    ),
  ).toBeVisible();
  const given = page.getByRole('table', { name: 'Deleghe date' });
  const row = given.getByRole('row').filter({ hasText: PEOPLE.benedetto.fiscalCode });
  await expect(row).toContainText('Attiva');
  await checkScreen(page, '39-deleghe-sportello');

  await row.getByRole('button', { name: /Revoca/ }).click();
  await page
    .getByRole('dialog', { name: 'REVOCA DELEGA' })
    .getByRole('button', { name: 'Sì, revoca' })
    .click();
  await expect(page.getByText(/^Delega a BENEDETTO TRENTAQUATTRO revocata/)).toBeVisible();
  await expect(given.getByRole('row').filter({ hasText: PEOPLE.benedetto.fiscalCode })).toContainText(
    'Revocata',
  );
});
