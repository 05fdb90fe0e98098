/**
 * Issue 12 §7, §9 — a faithful catalogue: the manual's code "0B02" is found in the catalogue search
 * (it is 002B) and accepted in a request (the specialist's certificate for BENEDETTO TRENTAQUATTRO,
 * diagnosis 433.10 → 002B.433); the counter form shows the documents the code's family asks for.
 * Code used only here: 002B.433.
 */
import { loginApi } from './support/auth';
import { checkScreen, expect, test } from './support/fixtures';
import { chooseDiagnosis, PEOPLE } from './support/portal';

test('"0B02" is found in the catalogue and accepted in a request', async ({ page }) => {
  await loginApi(page, 'specialista');
  // the catalogue search answers the alias with 002B and its sub-codes
  const res = await page.request.get('/api/catalog/exemptions?q=0B02&assignableOnly=true');
  expect(res.status()).toBe(200);
  const items = ((await res.json()) as { items: Array<{ code: string; aliases?: string[] }> }).items;
  expect(items.map((i) => i.code)).toContain('002B.433');
  expect(items.find((i) => i.code === '002B.433')?.aliases).toEqual(['0B02.433']);

  await page.goto('/specialista/nuovo-certificato');
  await page.getByLabel("Codice fiscale dell'assistito").fill(PEOPLE.benedetto.fiscalCode);
  await page.getByRole('button', { name: 'Cerca assistito' }).click();
  await expect(page.getByTestId('assistito-trovato')).toContainText('TRENTAQUATTRO BENEDETTO');
  await chooseDiagnosis(page, '433.10', '433.10');
  await expect(page.getByRole('radio', { name: /^002B\.433 / })).toBeChecked();
  // the prescription's spelling, typed by hand: the form's list offers what it stands for
  await page.locator('label[for="codice-__altro__"]').click();
  const typed = page.getByLabel('Altro codice esenzione assegnabile');
  await typed.fill('0B02');
  await expect(page.locator('datalist#codice-esenzione-elenco option[value="002B.433"]')).toHaveCount(1);
  await checkScreen(page, '31-codice-alias');
  await page.getByRole('button', { name: 'Invia il certificato' }).click();
  const done = page.getByText(/^Pratica n\. \d{18} inviata$/);
  await expect(done).toBeVisible();
  await expect(page.locator('.case-confirm')).toContainText('esenzione 002B.433');
  await checkScreen(page, '31-codice-alias-inviata');
});

test('the counter form lists the documents of the code’s family', async ({ page }) => {
  await loginApi(page, 'operatore.torino', 'ADMIN_OPERATOR');
  await page.goto('/sportello/nuova-pratica');
  const box = page.getByRole('region', { name: /^Documenti da presentare/ });
  await expect(box).toContainText('Malattie croniche');
  await expect(box).toContainText('Certificato in originale del medico specialista di struttura pubblica');
  await page.getByLabel('Codice esenzione', { exact: true }).fill('C01');
  await expect(box).toContainText('Invalidità');
  await expect(box).toContainText('verbale di invalidità');
  await checkScreen(page, '31-documenti-sportello');
});

test('before signing in, the footer leads to the documents of every family', async ({ page }) => {
  await page.goto('/accesso');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Documenti per le esenzioni' }).click();
  await expect(page).toHaveURL(/\/documenti-esenzioni$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Documenti per le esenzioni' })).toBeVisible();
  const invalidity = page.getByRole('region', { name: 'Invalidità' });
  await expect(invalidity).toContainText('verbale di invalidità');
  await expect(page.getByRole('region', { name: 'Reddito' })).toContainText('Autocertificazione');
  await expect(page.getByRole('region', { name: 'Cure odontoiatriche' })).toContainText('Libretto sanitario');
  await checkScreen(page, '31-documenti-pubblici');
});

test('the GP checks one code in the registry, written as on the prescription', async ({ page }) => {
  // an exemption of 002B.434 for BENEDETTO: sent by the specialist, validated by the district
  let csrf = await loginApi(page, 'specialista');
  const sent = await page.request.post('/api/cases', {
    data: {
      beneficiaryFiscalCode: PEOPLE.benedetto.fiscalCode,
      exemptionCode: '0B02.434',
      diagnosisCode: '434.01',
      issuedOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date()),
    },
    headers: { 'X-CSRF-Token': csrf },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  const { caseNumber } = (await sent.json()) as { caseNumber: string };
  await page.context().clearCookies();
  csrf = await loginApi(page, 'operatore.torino', 'DISTRICT_OPERATOR');
  const validated = await page.request.post(`/api/cases/${caseNumber}/validate`, {
    data: {},
    headers: { 'X-CSRF-Token': csrf, 'If-Match': '"1"' },
  });
  expect(validated.status(), await validated.text()).toBe(200);
  await page.context().clearCookies();

  await loginApi(page, 'medico.base', 'GP');
  await page.goto('/verifica-esenzioni');
  await page.getByLabel('Codice fiscale assistito').fill(PEOPLE.benedetto.fiscalCode);
  await page.getByLabel('Codice esenzione (facoltativo)').fill('0B02');
  await page.getByRole('button', { name: 'Verifica' }).click();
  const row = page.getByRole('row').filter({ hasText: caseNumber });
  await expect(row).toContainText('002B.434');
  await expect(page.getByText(/^Esenzioni valide il .* per TRNBDT47C09L219C: 1$/)).toBeVisible();
  await checkScreen(page, '31-verifica-codice-alias');
  await page.getByLabel('Codice esenzione (facoltativo)').fill('0C02');
  await page.getByRole('button', { name: 'Verifica' }).click();
  await expect(page.getByText(/Nessuna esenzione valida il .* con il codice 0C02\./)).toBeVisible();
});
