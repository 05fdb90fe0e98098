/**
 * Issue 13 §5: the public front door, no login: the families with the documents to bring, the offices
 * and hours of the ASL page, the guided check «Quale esenzione posso chiedere?» (keyboard only, no
 * answer sent), axe on every page, usable at 360 px.
 */
import { checkScreen, expect, test } from './support/fixtures';

test('an anonymous visitor reads the families, the offices and their hours', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Esenzioni dal ticket sanitario' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Accedi', exact: true })).toHaveAttribute('href', '/accesso');
  await checkScreen(page, '45-home');

  await page
    .getByRole('navigation', { name: 'Informazioni per i cittadini' })
    .getByRole('link', { name: 'Le esenzioni' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Le esenzioni' })).toBeVisible();
  await checkScreen(page, '45-esenzioni');
  await page.getByRole('link', { name: 'Invalidità', exact: true }).click();
  await expect(page).toHaveURL(/\/esenzioni\/invalidita$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Documenti da portare' })).toBeVisible();
  await expect(page.getByText(/verbale/i).first()).toBeVisible();
  await checkScreen(page, '45-invalidita');

  await page.goto('/sportelli');
  await expect(page.getByRole('heading', { level: 1, name: 'Sportelli e orari' })).toBeVisible();
  await page.getByLabel('ASL', { exact: true }).selectOption('120202');
  const d4 = page.getByRole('region', { name: 'ROMA 2 – Distretto 4' });
  await expect(d4).toContainText('Largo D. De Dominicis, 7');
  await expect(d4.getByRole('row', { name: /mercoledì/ })).toContainText('08:30–10:00');
  await checkScreen(page, '45-sportelli');
});

test('the guided check runs by keyboard in the browser and sends no answer', async ({ page }) => {
  await page.goto('/quale-esenzione');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Quale esenzione posso chiedere?' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Vedi le esenzioni possibili' })).toBeEnabled();
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET' || r.url().includes('?')) sent.push(`${r.method()} ${r.url()}`);
  });
  await page.getByLabel('Età (anni compiuti)').focus();
  await page.keyboard.type('70');
  // radios by keyboard: focus the group's checked option, then arrows move and select
  await page.getByLabel('Da 8.263,31 € a meno di 36.151,98 €').focus();
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Da 8.263,31 € a meno di 36.151,98 €')).toBeChecked();
  await page.getByRole('button', { name: 'Vedi le esenzioni possibili' }).focus();
  await page.keyboard.press('Enter');
  const result = page.getByRole('heading', { level: 2, name: 'Esenzioni che si possono chiedere' });
  await expect(result).toBeFocused();
  await expect(page.getByRole('heading', { level: 3, name: 'Reddito (E01)' })).toBeVisible();
  await expect(page.getByText(/reddito familiare inferiore a 36\.151,98 €/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'sportello del proprio distretto' })).toBeVisible();
  await checkScreen(page, '45-quale-esenzione');
  expect(sent, 'no answer leaves the browser').toEqual([]);
});

test('360 px: the public pages do not scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ['/', '/esenzioni', '/esenzioni/reddito', '/sportelli?asl=120202', '/quale-esenzione']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
  }
  await page.getByRole('button', { name: 'Menu' }).click();
  await expect(page.getByRole('link', { name: 'Sportelli e orari' })).toBeVisible();
  await checkScreen(page, '45-menu-360');
});
