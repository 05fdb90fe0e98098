/**
 * Issue 4 — delegations: the counter registers "BENEDETTO TRENTAQUATTRO delegates NELLO TRENTASEI";
 * NELLO (the `cittadino` account) sees it in "Deleghe", switches "Per conto di" and sends a request
 * for BENEDETTO; he also gives a delegation himself and revokes it.
 * Code used only here: 007.493 for BENEDETTO (diagnosis 493.90).
 */
import { loginApi } from './support/auth';
import { checkScreen, expect, test } from './support/fixtures';
import { chooseCondition, counterDelegation, PEOPLE, pdfFile, pngFile } from './support/portal';

test('a delegate sends a request for the delegator', async ({ page }) => {
  await counterDelegation(PEOPLE.benedetto.fiscalCode, PEOPLE.nello.fiscalCode);
  await loginApi(page, 'cittadino');

  await page.goto('/cittadino/deleghe');
  await expect(page.getByRole('heading', { level: 1, name: 'Deleghe' })).toBeVisible();
  const received = page.getByRole('table', { name: 'Deleghe che ho ricevuto' });
  await expect(received.getByRole('row').filter({ hasText: PEOPLE.benedetto.fiscalCode })).toContainText(
    'Attiva',
  );
  await checkScreen(page, '23-deleghe');

  await page.getByRole('link', { name: 'Nuova richiesta' }).click();
  const behalf = page.getByLabel('Per conto di');
  await behalf.selectOption(PEOPLE.benedetto.fiscalCode);
  await expect(
    page.getByText(
      `Stai operando come delegato per conto di ${PEOPLE.benedetto.name} (${PEOPLE.benedetto.fiscalCode}).`,
    ),
  ).toBeVisible();
  await chooseCondition(page, 'asma', '007.493');
  await page.getByLabel('Certificato specialistico').setInputFiles(pdfFile('certificato-pneumologo.pdf'));
  await page.getByLabel("Documento d'identità").setInputFiles(pngFile('documento-delegante.png'));
  await checkScreen(page, '23-richiesta-per-conto-di');
  await page.getByRole('button', { name: 'Invia la richiesta' }).click();
  const confirm = page.getByText(/^Richiesta n\. \d{18} inviata$/);
  await expect(confirm).toBeVisible();
  await expect(page.getByText(/per TRENTAQUATTRO BENEDETTO\./)).toBeVisible();
  const caseNumber = ((await confirm.textContent()) ?? '').replace(/\D+/g, '');

  // the choice stays while moving between pages: BENEDETTO's cases, sent by a delegate
  await page.getByRole('link', { name: 'Le mie pratiche' }).first().click();
  await expect(page.getByLabel('Per conto di')).toHaveValue(PEOPLE.benedetto.fiscalCode);
  // issue 17 §6: the title says whose cases these are
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Pratiche di ${PEOPLE.benedetto.name}`);
  const row = page.locator(`tr[data-case-number="${caseNumber}"]`);
  await expect(row).toContainText('Delegato');
  await expect(row).toContainText('Inviata');
  await checkScreen(page, '23-pratiche-del-delegante');
  await page.getByLabel('Per conto di').selectOption('');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Le mie pratiche');
  await expect(page.getByRole('table', { name: `Pratiche di ${PEOPLE.nello.fiscalCode}` })).toBeVisible();
  await expect(row).toHaveCount(0);
});

test('the citizen gives a delegation and revokes it', async ({ page }) => {
  await loginApi(page, 'cittadino');
  await page.goto('/cittadino/deleghe');
  await page.getByRole('button', { name: 'Registra la delega' }).click();
  await expect(page.getByLabel('Codice fiscale della persona delegata')).toBeFocused();
  await expect(page.getByLabel('Codice fiscale della persona delegata')).toHaveAttribute(
    'aria-invalid',
    'true',
  );

  await page.getByLabel('Codice fiscale della persona delegata').fill(PEOPLE.aurel.fiscalCode);
  await page.getByRole('button', { name: 'Registra la delega' }).click();
  // the delegate is a fiscal code to the delegator, never a name (issue 9: same answer for any code)
  await expect(
    page.getByText(`Delega registrata per il codice fiscale ${PEOPLE.aurel.fiscalCode}`, { exact: false }),
  ).toBeVisible();
  await expect(page.getByText('AUREL VENTIDUE')).toHaveCount(0);
  const given = page.getByRole('table', { name: 'Deleghe che ho dato' });
  const row = given
    .getByRole('row')
    .filter({ hasText: PEOPLE.aurel.fiscalCode })
    .filter({ hasText: 'Attiva' });
  await expect(row).toHaveCount(1);
  await checkScreen(page, '23-delega-data');

  await row.getByRole('button', { name: /Revoca/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoca delega' });
  await expect(dialog).toContainText(PEOPLE.aurel.fiscalCode);
  await checkScreen(page, '23-revoca-dialogo');
  await dialog.getByRole('button', { name: 'Sì, revoca' }).click();
  await expect(
    page.getByText(`Delega a ${PEOPLE.aurel.fiscalCode} revocata`, { exact: false }),
  ).toBeVisible();
  await expect(given.getByRole('row').filter({ hasText: PEOPLE.aurel.fiscalCode }).first()).toContainText(
    'Revocata',
  );
});
