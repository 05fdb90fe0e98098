/**
 * Issue 13 — citizens log in with SPID or CIE. Outside production the server runs demo OpenID providers
 * (/demo-idp/spid, /demo-idp/cie) with demo identities: the whole OpenID Connect flow (signed request
 * object, PKCE, private_key_jwt) runs for real in the browser. Every page, the provider's included,
 * passes axe; the identity page is used with the keyboard only.
 */
import { checkScreen, expect, test } from './support/fixtures';

test('SPID: the demo citizen enters the citizen area and sees their exemptions', async ({ page }) => {
  await page.goto('/accesso');
  const spid = page.getByRole('link', { name: 'Entra con SPID' });
  await expect(spid).toBeVisible();
  await expect(page.getByRole('link', { name: 'Entra con CIE' })).toBeVisible();
  await expect(page.getByText('Ambiente dimostrativo')).toBeVisible();
  await checkScreen(page, '42-accesso-spid-cie');

  await spid.click();
  await expect(page).toHaveURL(/\/demo-idp\/spid\/interazione\//);
  await expect(page.getByRole('heading', { level: 1, name: /Entra con SPID/ })).toBeVisible();
  await checkScreen(page, '42-gestore-identita-dimostrativo');

  // keyboard only: the first identity (NELLO TRENTASEI) and level 2 are preselected; Tab to «Entra»
  await expect(page.getByRole('radio', { name: /NELLO TRENTASEI/ })).toBeChecked();
  await expect(page.getByRole('radio', { name: /Livello 2/ })).toBeChecked();
  const enter = page.getByRole('button', { name: 'Entra', exact: true });
  for (let i = 0; i < 12; i++) {
    if (await enter.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  await expect(enter).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/cittadino\/esenzioni$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Le mie esenzioni' })).toBeVisible();
  // the citizen-facing header, not the back office's
  await expect(page.getByText('Regione Piemonte – Servizi online per i cittadini')).toBeVisible();
  await expect(page.getByText('Backoffice Sanità')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Sezioni del servizio' })).toBeVisible();
  await expect(page.getByText('048').first()).toBeVisible();
  await checkScreen(page, '42-cittadino-entrato-con-spid');
});

test('SPID level 1 is refused, and so is a person the region does not know', async ({ page }) => {
  await page.goto('/accesso');
  await page.getByRole('link', { name: 'Entra con SPID' }).click();
  await page.getByRole('radio', { name: /Livello 1/ }).check();
  await page.getByRole('button', { name: 'Entra', exact: true }).click();
  await expect(page).toHaveURL(/\/accesso\?errore=livello$/);
  await expect(page.getByText('Livello di sicurezza insufficiente')).toBeVisible();
  await checkScreen(page, '42-spid-livello-insufficiente');

  await page.getByRole('link', { name: 'Entra con SPID' }).click();
  await page.getByRole('radio', { name: /PERSONA NONASSISTITA/ }).check();
  await page.getByRole('button', { name: 'Entra', exact: true }).click();
  await expect(page).toHaveURL(/\/accesso\?errore=sconosciuto$/);
  await expect(page.getByText('non risulta tra gli assistiti della Regione')).toBeVisible();

  await page.getByRole('link', { name: 'Entra con SPID' }).click();
  await page.getByRole('button', { name: 'Annulla' }).click();
  await expect(page).toHaveURL(/\/accesso\?errore=annullato$/);
  await expect(page.getByText('Accesso annullato')).toBeVisible();
});

test('CIE: a person known to the region enters for the first time as a citizen', async ({ page }) => {
  await page.goto('/accesso');
  await page.getByRole('link', { name: 'Entra con CIE' }).click();
  await expect(page).toHaveURL(/\/demo-idp\/cie\/interazione\//);
  await page.getByRole('radio', { name: /AUREL VENTIDUE/ }).check();
  await page.getByRole('button', { name: 'Entra', exact: true }).click();
  await expect(page).toHaveURL(/\/cittadino\/esenzioni$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Le mie esenzioni' })).toBeVisible();
  await expect(page.getByRole('button', { name: /AUREL VENTIDUE/ })).toBeVisible();
});

test('operators: the regional identity provider, and a refusal for an identity with no operator profile', async ({
  page,
}) => {
  await page.goto('/accesso');
  await page.getByRole('link', { name: 'Entra con l’identità regionale' }).click();
  await expect(page).toHaveURL(/\/demo-idp\/regione\/interazione\//);
  await page.getByRole('radio', { name: /NELLO TRENTASEI/ }).check();
  await page.getByRole('button', { name: 'Entra', exact: true }).click();
  await expect(page).toHaveURL(/\/accesso\?errore=operatore$/);
  await expect(page.getByText('non ha un profilo di operatore')).toBeVisible();

  await page.getByRole('link', { name: 'Entra con l’identità regionale' }).click();
  await page.getByRole('radio', { name: /RICCARDO DICIOTTO/ }).check();
  await page.getByRole('button', { name: 'Entra', exact: true }).click();
  await expect(page).toHaveURL(/\/pratiche/);
  await expect(page.getByText('Backoffice Sanità – Regione Piemonte')).toBeVisible();
});
