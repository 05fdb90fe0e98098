/** A case validated with the keyboard only: sign in, search, open, validate. */
import type { Page } from '@playwright/test';
import { loginApi } from './support/auth';
import { pickCase, SLOT } from './support/cases';
import { PASSWORD, PIN } from './support/auth';
import { checkScreen, expect, test } from './support/fixtures';

/** Presses Tab until the focused element matches; fails after `max` presses. */
async function tabTo(
  page: Page,
  matches: (el: { tag: string; name: string; label: string }) => boolean,
  max = 80,
) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      const label = a?.id ? (document.querySelector(`label[for="${a.id}"]`)?.textContent ?? '') : '';
      return {
        tag: a?.tagName.toLowerCase() ?? '',
        name: (a?.textContent ?? '').trim(),
        label: label.trim(),
      };
    });
    if (matches(el)) return;
  }
  throw new Error('focus never reached the wanted element');
}

test('keyboard only: sign in, choose the profile, search the case, open it and validate it', async ({
  page,
}) => {
  // pick the case through the API with a throw-away session, then sign out
  await loginApi(page, 'operatore.torino', 'DISTRICT_OPERATOR');
  const c = await pickCase(page.request, SLOT.keyboard, 'SUBMITTED').catch(() =>
    pickCase(page.request, SLOT.keyboard, 'IN_PROGRESS'),
  );
  const me = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
  await page.request.post('/api/auth/logout', { headers: { 'X-CSRF-Token': me.csrfToken } });

  await page.goto('/accesso');
  // skip link first
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Vai al contenuto principale' })).toBeFocused();
  await tabTo(page, (e) => e.label === 'Username');
  await page.keyboard.type('operatore.torino');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PIN);
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/profilo$/);
  await tabTo(page, (e) => e.tag === 'input' && e.label.includes('Collocazione'));
  // radio group: the arrow keys move between the profiles (and select them)
  for (let i = 0; i < 4; i++) {
    const label = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement;
      return document.querySelector(`label[for="${a.id}"]`)?.textContent ?? '';
    });
    if (label.includes('Operatore/medico di distretto ASL')) break;
    await page.keyboard.press('ArrowDown');
  }
  await expect(page.getByRole('radio', { name: /Operatore\/medico di distretto ASL/ })).toBeChecked();
  await tabTo(page, (e) => e.tag === 'button' && e.name.includes('Esenzioni per patologie e invalidità'));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/pratiche/);
  await expect(page.getByText(/^Risultati trovati: \d+$/)).toBeVisible();

  await tabTo(page, (e) => e.label === 'Codice fiscale Beneficiario');
  await page.keyboard.type(c.beneficiary.fiscalCode);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`fiscalCode=${c.beneficiary.fiscalCode}`));
  await expect(page.locator(`tr[data-case-number="${c.caseNumber}"]`)).toBeVisible();
  await tabTo(page, (e) => e.tag === 'a' && e.name.includes(`dettaglio pratica ${c.caseNumber}`));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Dettaglio pratica' })).toBeFocused();

  await tabTo(page, (e) => e.tag === 'button' && e.name === 'Valida');
  await page.keyboard.press('Enter');
  // the confirmation (issue 17 §6), answered from the keyboard too
  await expect(page.getByRole('dialog', { name: 'VALIDA PRATICA' })).toBeVisible();
  await tabTo(page, (e) => e.tag === 'button' && e.name === 'Sì, valida');
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Pratica ${c.caseNumber} validata con successo`)).toBeVisible();
  await expect(page.getByTestId('stato-badge')).toHaveText('VALIDATA');
  // focus is on the confirmation, not lost on the page
  expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain(
    'validata con successo',
  );
  await checkScreen(page, '10-validata-da-tastiera');
});
