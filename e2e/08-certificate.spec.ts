/** Manual §4 — "Scarica certificato": the specialist's certificate is a PDF. */
import { readFileSync } from 'node:fs';
import { loginApi } from './support/auth';
import { firstOfRegistryPeople, searchAll } from './support/cases';
import { checkScreen, expect, test } from './support/fixtures';

test('Scarica certificato downloads a PDF', async ({ page }) => {
  await loginApi(page, 'operatore.torino', 'DISTRICT_OPERATOR');
  const items = await searchAll(page.request, { view: 'closed', status: 'VALIDATED' });
  const c = await firstOfRegistryPeople(
    page.request,
    items.filter((i) => i.submitter.type === 'DOCTOR'),
    (d) => d.certificate.available,
  );
  await page.goto(`/pratiche/${c.caseNumber}`);
  const link = page.getByRole('link', { name: 'Scarica certificato' });
  await expect(link).toBeVisible();
  await checkScreen(page, '08-scarica-certificato');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(download.suggestedFilename()).toMatch(/\.pdf$/i);
});
