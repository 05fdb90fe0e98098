/**
 * Issue 4 — the counter operator (operatore.torino, Operatore amministrativo) lands on "Nuova pratica
 * allo sportello" and sends a case with the scanned documents, presented by a delegate with the written
 * delegation (issue 17 §3); the citizen pages work at 360 px.
 * Code used only here: 017.345 for BENEDETTO TRENTAQUATTRO (diagnosis 345.90).
 */
import { fillLogin, loginApi } from './support/auth';
import { checkScreen, expect, test } from './support/fixtures';
import { chooseDiagnosis, PEOPLE, pdfFile, pngFile } from './support/portal';

test('counter: a case with the scanned documents', async ({ page }) => {
  await page.goto('/accesso');
  await fillLogin(page, 'operatore.torino');
  await page.locator('label', { hasText: 'Operatore amministrativo' }).click();
  await page.getByRole('button', { name: 'Esenzioni per patologie e invalidità' }).click();
  await expect(page).toHaveURL(/\/sportello\/nuova-pratica$/);
  const nav = page.getByRole('navigation', { name: 'Sezioni del servizio' });
  await expect(nav.getByRole('link')).toHaveText([
    'Pratiche',
    'Nuova pratica allo sportello',
    'Codici regionali',
    'Esenzione per reddito',
    'Deleghe',
    'Notifiche',
  ]);
  await expect(page.getByRole('heading', { level: 1, name: 'Nuova pratica allo sportello' })).toBeVisible();
  await checkScreen(page, '25-sportello');

  await page.getByLabel("Codice fiscale dell'assistito").fill(PEOPLE.benedetto.fiscalCode);
  await page.getByRole('button', { name: 'Cerca assistito' }).click();
  await expect(page.getByTestId('assistito-trovato')).toContainText('TRENTAQUATTRO BENEDETTO');
  await chooseDiagnosis(page, '345.90', '345.90');
  await expect(page.getByRole('radio', { name: /^017\.345 EPILESSIE/ })).toBeChecked();
  // issue 17 §3: presented by a delegate — without the certificate, nor the delegate's data, nor the
  // written delegation: every error at once, each next to its field and linked from the summary
  await page.locator('label[for="presentata-da-DELEGATE"]').click();
  await page.getByRole('button', { name: 'Invia la pratica' }).click();
  await expect(page.getByLabel('Certificato', { exact: true })).toHaveAccessibleDescription(
    /Allegare il certificato scansionato\./,
  );
  const summary = page.getByRole('alert').filter({ hasText: 'Pratica non inviata' });
  await expect(summary.getByRole('link')).toHaveText([
    /Codice fiscale di chi presenta/,
    /Nome e cognome di chi presenta/,
    /Delega scritta firmata/,
    /Certificato/,
  ]);
  await checkScreen(page, '25-sportello-delegato-errori');
  await page.getByLabel('Codice fiscale di chi presenta').fill(PEOPLE.nello.fiscalCode);
  await page.getByLabel('Nome e cognome di chi presenta').fill('Nello Trentasei');
  await page
    .getByLabel('Delega scritta firmata dal beneficiario')
    .setInputFiles(pdfFile('delega-firmata.pdf'));
  await page.getByLabel('Certificato', { exact: true }).setInputFiles(pdfFile('certificato-neurologo.pdf'));
  await page.getByLabel('Altri documenti').setInputFiles([pngFile('tessera-sanitaria.png')]);
  // issue 17 §3: the file fields are styled like the service's buttons, not the browser's default
  const button = await page
    .locator('.file-field input[type="file"]')
    .first()
    .evaluate((el) => getComputedStyle(el, '::file-selector-button').borderTopColor);
  expect(button).toBe('rgb(0, 102, 204)');
  await checkScreen(page, '25-sportello-compilato');
  await page.getByRole('button', { name: 'Invia la pratica' }).click();
  const done = page.getByText(/^Pratica n\. \d{18} inviata$/);
  await expect(done).toBeVisible();
  await checkScreen(page, '25-sportello-inviata');
  // the detail says who presented it; the written delegation is among the documents, with its kind
  const caseNumber = ((await done.textContent()) ?? '').replace(/\D+/g, '');
  await page.goto(`/pratiche/${caseNumber}`);
  await expect(page.locator('dl.detail-dl')).toContainText(
    `Presentata da Delegato NELLO TRENTASEI (${PEOPLE.nello.fiscalCode}), con delega scritta`,
  );
  await page.getByRole('button', { name: /Scarica allegati/ }).click();
  await expect(
    page.getByRole('list', { name: 'Allegati della richiesta' }).getByRole('listitem'),
  ).toContainText(['Delega scritta: delega-firmata.pdf', 'Allegato: tessera-sanitaria.png']);
  await checkScreen(page, '25-sportello-dettaglio-delegato');
});

test('citizen pages at 360 px: no horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await loginApi(page, 'cittadino');
  for (const [path, name] of [
    ['/cittadino/esenzioni', 'esenzioni'],
    ['/cittadino/pratiche', 'pratiche'],
    ['/cittadino/nuova-richiesta', 'nuova-richiesta'],
    ['/cittadino/accessi', 'accessi'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText('Caricamento in corso…')).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // issue 17 §4: a table is a pile of cards: every value of a row (validity, state, «Scarica») on screen
    const cells = page.locator('table.stack-sm tbody tr').first().locator('td');
    for (const box of await cells.evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().right)))
      expect(box).toBeLessThanOrEqual(360);
    await checkScreen(page, `25-${name}-360`);
  }
  // issue 17 §4: the sections fold behind «Menu» on a phone; opened, they are links; a choice closes it
  const menu = page.getByRole('button', { name: 'Menu' });
  const nav = page.getByRole('navigation', { name: 'Sezioni del servizio' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('link', { name: 'Le mie pratiche' })).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await checkScreen(page, '25-menu-360');
  await nav.getByRole('link', { name: 'Le mie pratiche' }).click();
  await expect(page).toHaveURL(/\/cittadino\/pratiche$/);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  // 320 px: nothing wider than the screen (the slim header's title wraps)
  await page.setViewportSize({ width: 320, height: 740 });
  await page.goto('/cittadino/esenzioni');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});
