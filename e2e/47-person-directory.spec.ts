/**
 * Issue 13 §4 — the administrator loads the registry of assistiti with a progress bar; the counter then
 * finds a new person (residence: ASL Città di Torino, district 1) and is told clearly when a person's
 * assistance has ceased. People of their own (bench/lib/person-file.ts numbering from a random offset).
 */
import { loginApi } from './support/auth';
import { checkScreen, expect, test } from './support/fixtures';
import { mefFiscalCode } from '../bench/lib/mef-file';
import { PERSON_FILE_HEADER, personLine } from '../bench/lib/person-file';

/** the demo's first district of ASL Città di Torino */
const DISTRICT = '010301-01';

test('the administrator loads the registry; the counter finds the new person, and not a ceased one', async ({
  page,
}) => {
  // person n is «C» (ceased) when n % 50 === 49: one assisted and one ceased
  const base = 2_000_000 + Math.floor(Math.random() * 1_000) * 100;
  const assisted = base + 1;
  const ceased = base + 49;
  await loginApi(page, 'admin.cataloghi');
  await page.goto('/');
  await page
    .getByRole('navigation', { name: 'Sezioni del servizio' })
    .getByRole('link', { name: 'Anagrafe assistiti' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Anagrafe degli assistiti' })).toBeVisible();
  await checkScreen(page, '47-anagrafe');
  // without a file: said, nothing sent
  await page.getByRole('button', { name: "Carica l'anagrafe" }).click();
  await expect(page.getByText("Scegliere il file CSV dell'anagrafe da caricare.")).toBeVisible();
  await page.getByLabel("File CSV dell'anagrafe degli assistiti").setInputFiles({
    name: 'assistiti.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `${PERSON_FILE_HEADER}\n${personLine(assisted, 0, DISTRICT)}\n${personLine(ceased, 0, DISTRICT)}\nRIGA;NON;VALIDA\n`,
    ),
  });
  await page.getByRole('button', { name: "Carica l'anagrafe" }).click();
  const bar = page.getByRole('progressbar');
  await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });
  await expect(
    page.getByText(/Anagrafe caricata: 2 persone nuove, 0 aggiornate, 0 invariate\. Righe scartate: 1\./),
  ).toBeVisible();
  await expect(page.getByText('riga 4: attesi 10 campi separati da «;», trovati 3')).toBeVisible();
  await checkScreen(page, '47-anagrafe-caricata');

  await loginApi(page, 'operatore.torino', 'ADMIN_OPERATOR');
  await page.goto('/sportello/nuova-pratica');
  await page.getByLabel("Codice fiscale dell'assistito").fill(mefFiscalCode(assisted));
  await page.getByRole('button', { name: 'Cerca assistito' }).click();
  await expect(page.getByTestId('assistito-trovato')).toContainText(`PROVA ASSISTITO ${assisted}`);
  await page.getByLabel("Codice fiscale dell'assistito").fill(mefFiscalCode(ceased));
  await page.getByRole('button', { name: 'Cerca assistito' }).click();
  // refused next to the field: the directory knows the person, their assistance has ceased
  await expect(page.getByLabel("Codice fiscale dell'assistito")).toHaveAccessibleDescription(
    /Persona non più assistita dalla Regione/,
  );
  await expect(page.getByTestId('assistito-trovato')).toHaveCount(0);
  await checkScreen(page, '47-assistenza-cessata');
});
