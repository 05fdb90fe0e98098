/**
 * Issue 15 in the browser: the statistics dashboard.
 * - direzione.torino (ASL manager) signs in and lands on «Statistiche»: every chart has its table
 *   (caption, figures in Italian format), filled by the demo's five years of history; axe clean;
 * - the filters by keyboard (family) change the address and the figures; a CSV and an XLSX download hold
 *   the filters line and the same figures as the table on the page;
 * - 360 px wide: no horizontal scroll of the page;
 * - analista.regione chooses an ASL; the manager cannot ask for another ASL (403); an operator who opens
 *   /statistiche is sent to their own home.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { StatisticsDashboard } from '../packages/domain/src/index';
import { fillLogin, loginApi } from './support/auth';
import { checkScreen, expect, test } from './support/fixtures';

// a long page (nine charts and tables): axe needs more than the default minute on a busy machine
test.describe.configure({ timeout: 240_000 });

const CAPTIONS = [
  'Pratiche ricevute, validate, respinte e annullate per mese',
  'Esenzioni in vigore per famiglia',
  'Esenzioni in vigore: i 20 codici più frequenti',
  'Giorni dalla richiesta alla decisione, per mese',
  'Giorni dalla richiesta alla decisione, per distretto',
  'Pratiche aperte per anzianità',
  'Pratiche aperte per distretto',
  'Motivi di rifiuto',
  'Esenzioni in scadenza',
];

test('the ASL manager lands on the dashboard: every chart with its table, filled, axe clean', async ({
  page,
}) => {
  await page.goto('/accesso');
  await fillLogin(page, 'direzione.torino');
  await expect(page).toHaveURL(/\/statistiche$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Statistiche' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Statistiche' })).toBeVisible();
  await expect(
    page.getByText(/^Dati aggregati sulle pratiche di esenzione: ASL CITTA' DI TORINO\./),
  ).toBeVisible();
  await expect(page.getByTestId('aggiornamento')).toContainText(/Dati aggiornati il \d{2}\/\d{2}\/\d{4}/);
  for (const caption of CAPTIONS) {
    const table = page.getByRole('table', { name: caption });
    await expect(table).toBeVisible();
    // filled: at least one figure of 5 or more in every table
    await expect(
      table
        .locator('td')
        .filter({ hasText: /^([5-9]|\d{2,}|\d{1,3}(\.\d{3})+)$/ })
        .first(),
    ).toBeVisible();
  }
  // the two marks explained: «< 5» and «riservato» (a cell that would give a small one back)
  await expect(
    page.getByText(/«< 5»: da 1 a 4 persone, non mostrate; «riservato»: valore non mostrato/),
  ).toBeVisible();
  // twelve months, in Italian, the suppressed cells as «< 5»
  const flow = page.getByRole('table', { name: CAPTIONS[0] });
  await expect(flow.locator('tbody tr')).toHaveCount(12);
  await expect(flow.locator('tbody th').first()).toHaveText(
    /^(gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre) \d{4}$/,
  );
  await expect(page.locator('.stat-chart svg').first()).toBeVisible();
  await checkScreen(page, '41-statistiche-direzione');
});

test('filters by keyboard, and CSV and XLSX downloads with the same figures and the filters', async ({
  page,
}) => {
  await loginApi(page, 'direzione.torino');
  await page.goto('/statistiche');
  const family = page.getByLabel('Famiglia di esenzione');
  await family.focus();
  await family.selectOption('CHRONIC');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Codice di esenzione (es. 048)')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Applica filtri' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/family=CHRONIC/);
  await expect(page.getByText(/· Malattie croniche/)).toBeVisible();
  const families = page.getByRole('table', { name: 'Esenzioni in vigore per famiglia' });
  await expect(families.locator('tbody tr')).toHaveCount(1);
  await expect(families.locator('tbody th')).toHaveText('Malattie croniche');

  const flow = page.getByRole('table', { name: CAPTIONS[0] });
  const pageRows = await flow
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())),
    );
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: `Scarica CSV: ${CAPTIONS[0]}` }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe('pratiche-per-mese.csv');
  const bytes = fs.readFileSync(await csv.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n');
  expect(lines[1]).toMatch(
    /^Filtri: Periodo: da \w+ \d{4} a \w+ \d{4}, ASL: ASL CITTA' DI TORINO, Distretto: tutti, Famiglia: Malattie croniche, Codice: tutti$/,
  );
  expect(lines[4]).toBe('Mese;Ricevute;Validate;Respinte;Annullate');
  // the same figures (the page groups thousands with a dot, the file writes plain numbers)
  const fileRows = lines.slice(5, 5 + pageRows.length).map((l) => l.split(';'));
  expect(fileRows).toEqual(pageRows.map((r) => r.map((c) => c.replace(/\./g, ''))));

  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Scarica XLSX: Pratiche aperte per anzianità' }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toBe('pratiche-aperte-per-anzianita.xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await xlsx.path());
  const sheet = book.worksheets[0]!;
  expect(sheet.getCell('A1').value).toBe('Pratiche aperte per anzianità');
  expect(String(sheet.getCell('A2').value)).toContain('Famiglia: Malattie croniche');
  const backlog = await page
    .getByRole('table', { name: 'Pratiche aperte per anzianità' })
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())),
    );
  const fromFile: string[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 5) fromFile.push((row.values as unknown[]).slice(1).map((v) => String(v)));
  });
  expect(fromFile).toEqual(backlog.map((r) => r.map((c) => c.replace(/\./g, ''))));
  await checkScreen(page, '41-statistiche-filtro-famiglia');
});

test('360 px wide: the dashboard fits, tables scroll in their own region', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await loginApi(page, 'direzione.torino');
  await page.goto('/statistiche');
  await expect(page.getByRole('table', { name: CAPTIONS[0] })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await checkScreen(page, '41-statistiche-360');
});

test('the Region chooses an ASL; the manager is refused another ASL; an operator is sent home', async ({
  page,
}) => {
  await loginApi(page, 'analista.regione');
  await page.goto('/statistiche');
  await expect(page.getByText(/tutte le ASL della Regione/)).toBeVisible();
  const asl = page.getByLabel('ASL', { exact: true });
  await asl.selectOption('010211');
  await page.getByRole('button', { name: 'Applica filtri' }).click();
  await expect(page).toHaveURL(/asl=010211/);
  const districts = page.getByRole('table', { name: 'Pratiche aperte per distretto' });
  await expect(districts.locator('tbody th').first()).toBeVisible();
  await checkScreen(page, '41-statistiche-regione-asl');
  const regional = (await (
    await page.request.get('/api/statistics/dashboard')
  ).json()) as StatisticsDashboard;
  // the Piemonte ASLs of the demo, and any other ASL the demo gives districts to (the ASL page's offices)
  expect(regional.options.asls.length).toBeGreaterThanOrEqual(12);

  await loginApi(page, 'direzione.torino');
  expect((await page.request.get('/api/statistics/dashboard?asl=010211')).status()).toBe(403);
  expect((await page.request.get('/api/statistics/export?asl=010211&table=flow&format=csv')).status()).toBe(
    403,
  );

  await loginApi(page, 'operatore.torino', 'DISTRICT_OPERATOR');
  await page.goto('/statistiche');
  await expect(page).toHaveURL(/\/pratiche/);
  expect((await page.request.get('/api/statistics/dashboard')).status()).toBe(403);
});
