/** First load within budget, nothing fetched outside the server, usable at 360 px, GP pages accessible. */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { loginApi } from './support/auth';
import { BASE_URL, checkScreen, expect, test } from './support/fixtures';

test('first load of the backoffice: ≤ 250 KB of JavaScript gzipped, every request to the server', async ({
  page,
}) => {
  await loginApi(page, 'operatore.torino', 'DISTRICT_OPERATOR');
  const urls: string[] = [];
  const scripts: string[] = [];
  page.on('request', (r) => {
    urls.push(r.url());
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.goto('/pratiche');
  await expect(page.getByText(/^Risultati trovati: \d+$/)).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(urls.length).toBeGreaterThan(0);
  for (const u of urls) expect(u.startsWith(BASE_URL), u).toBe(true);
  expect(urls.some((u) => u.includes('/bootstrap-italia/fonts/'))).toBe(true);

  // gzip the scripts the browser loaded, as the server would send them
  let total = 0;
  for (const path of new Set(scripts)) {
    const res = await page.request.get(path);
    total += gzipSync(await res.body(), { level: 9 }).length;
  }
  console.log(`first load: ${scripts.length} scripts, ${(total / 1024).toFixed(1)} KB gzipped`);
  expect(total).toBeLessThanOrEqual(250 * 1024);
  // every page is a separate chunk: the detail page is not in the first load
  expect(scripts.some((s) => /DetailPage/.test(s))).toBe(false);
});

test('360 px wide: no horizontal scrolling, the results are cards with the state link on screen', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/accesso');
  await checkScreen(page, '11-login-360');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await loginApi(page, 'operatore.torino', 'DISTRICT_OPERATOR');
  await page.goto('/pratiche');
  await expect(page.getByText(/^Risultati trovati: \d+$/)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await checkScreen(page, '11-pratiche-360');

  // issue 17 §4: each result is a card; its state link (the way into the case) is inside the screen,
  // with nothing to scroll sideways, and each value says which column it is
  const link = page.locator('tbody tr').first().getByRole('link');
  const box = (await link.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(360);
  expect(
    await page.locator('.table-responsive').evaluate((e) => e.scrollWidth - e.clientWidth),
  ).toBeLessThanOrEqual(0);
  const label = await page
    .locator('tbody tr')
    .first()
    .locator('td[data-label="Stato pratica"]')
    .evaluate((td) => getComputedStyle(td, '::before').content);
  expect(label).toBe('"Stato pratica"');
  for (const width of [320]) {
    await page.setViewportSize({ width, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize({ width: 360, height: 740 });
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dettaglio pratica' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await checkScreen(page, '11-dettaglio-360');
});

test('GP: "Verifica esenzioni" finds the exemptions of a person, invalid codes are explained', async ({
  page,
}) => {
  await loginApi(page, 'operatore.torino', 'DISTRICT_OPERATOR');
  const list = (await (
    await page.request.get('/api/cases?view=closed&status=VALIDATED&pageSize=1')
  ).json()) as {
    items: { beneficiary: { fiscalCode: string } }[];
  };
  const cf = list.items[0]!.beneficiary.fiscalCode;
  await page.context().clearCookies();

  await loginApi(page, 'medico.base');
  await page.goto('/');
  await expect(page).toHaveURL(/\/verifica-esenzioni$/);
  await expect(page.getByRole('link', { name: 'Pratiche' })).toHaveCount(0);
  await page.getByLabel('Codice fiscale assistito').fill('RSSMRA48R11B1111');
  await page.getByRole('button', { name: 'Verifica' }).click();
  await expect(page.getByText('Il codice fiscale non ha il formato previsto')).toBeVisible();
  await page.getByLabel('Codice fiscale assistito').fill(cf);
  await page.getByRole('button', { name: 'Verifica' }).click();
  await expect(
    page.getByText(new RegExp(`Esenzioni valide il \\d{2}/\\d{2}/\\d{4} per ${cf}: \\d+`)),
  ).toBeVisible();
  await checkScreen(page, '11-verifica-esenzioni-mmg');
  // reading the built file: the size report of the build agrees
  const manifest = JSON.parse(readFileSync('packages/web/dist/.vite/manifest.json', 'utf8')) as Record<
    string,
    { isEntry?: boolean }
  >;
  expect(Object.values(manifest).some((m) => m.isEntry)).toBe(true);
});
