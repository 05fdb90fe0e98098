/** Manual §3.2 — authentication, profile and service choice, header menu, footer pages. */
import { checkScreen, expect, test } from './support/fixtures';
import { fillLogin, loginApi, PASSWORD, PIN } from './support/auth';

test.describe('§3.2 Accesso', () => {
  test('empty fields and wrong credentials are explained next to the fields and above the form', async ({
    page,
  }) => {
    // issue 13 §5: `/` is the public home for an anonymous visitor; «Accedi» leads to the login
    await page.goto('/');
    await page.getByRole('link', { name: 'Accedi', exact: true }).click();
    await expect(page).toHaveURL(/\/accesso$/);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Accedi con le tue credenziali' }),
    ).toBeVisible();
    await checkScreen(page, '01-login');

    await page.getByRole('button', { name: 'Accedi' }).click();
    await expect(page.getByText('Inserire il nome utente.')).toBeVisible();
    await expect(page.getByText('Inserire la password.')).toBeVisible();
    await expect(page.getByText('Inserire il PIN.')).toBeVisible();
    await expect(page.getByLabel('Username', { exact: true })).toBeFocused();
    await expect(page.getByLabel('Username', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await checkScreen(page, '01-login-campi-obbligatori');

    await fillLogin(page, 'utente.sconosciuto', 'password-sbagliata', PIN);
    await expect(page.getByText('Credenziali non valide')).toBeVisible();
    await expect(page.getByText('Username, password o PIN non corretti')).toBeVisible();
    await checkScreen(page, '01-login-credenziali-errate');
  });

  // runs before the lock-out test below, which locks `admin` (the one account no other spec uses)
  // issue 13 §3: the administrator lands on the administration's home, no longer on «Servizio non disponibile»
  test('the administrator lands on the administration', async ({ page }) => {
    await loginApi(page, 'admin');
    await page.goto('/');
    await expect(page).toHaveURL(/\/amministrazione$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Amministrazione' })).toBeVisible();
    await checkScreen(page, '01-amministrazione');
  });

  test('five failures lock the account and the message gives the retry time', async ({ page }) => {
    await page.goto('/accesso');
    let locked = false;
    for (let i = 0; i < 6 && !locked; i++) {
      await fillLogin(page, 'admin', `sbagliata-${i}`, PIN);
      const alert = page.getByText(/Credenziali non valide|Accesso temporaneamente bloccato/);
      await expect(alert).toBeVisible();
      locked = (await alert.textContent())?.includes('bloccato') ?? false;
    }
    expect(locked).toBe(true);
    await expect(page.getByText(/Riprovare tra \d+ minut[oi], dopo le ore \d{2}:\d{2}\./)).toBeVisible();
    // the right password does not help while the lock lasts
    await fillLogin(page, 'admin', PASSWORD, PIN);
    await expect(page.getByText('Accesso temporaneamente bloccato')).toBeVisible();
    await checkScreen(page, '01-login-bloccato');
  });

  test('a user with two profiles chooses profile, ASL and location, then the service', async ({ page }) => {
    await page.goto('/accesso');
    await fillLogin(page, 'operatore.torino');
    await expect(page).toHaveURL(/\/profilo$/);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Scelta del profilo e del servizio' }),
    ).toBeVisible();
    const group = page.getByRole('group', { name: 'Profilo di accesso' });
    await expect(group.getByRole('radio')).toHaveCount(2);
    await expect(group.getByText("ASL: ASL CITTA' DI TORINO").first()).toBeVisible();
    await expect(group.getByText(/Collocazione:/).first()).toBeVisible();
    await checkScreen(page, '01-scelta-profilo');

    await group.locator('label', { hasText: 'Operatore/medico di distretto ASL' }).click();
    await expect(group.getByRole('radio', { name: /Operatore\/medico di distretto ASL/ })).toBeChecked();
    await page.getByRole('button', { name: 'Esenzioni per patologie e invalidità' }).click();
    await expect(page).toHaveURL(/\/pratiche/);
    await expect(page.getByRole('link', { name: 'Pratiche da fare' })).toBeVisible();

    // header: the user's name opens a menu with the active profile, change profile and logout
    const menu = page.getByRole('button', { name: 'DEMO VENTICINQUE' });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByText('Profilo attivo')).toBeVisible();
    await expect(page.getByText('Operatore/medico di distretto ASL', { exact: true })).toBeVisible();
    await checkScreen(page, '01-menu-utente');
    await page.keyboard.press('Escape');
    await expect(menu).toBeFocused();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');

    // change profile: back to the choice, then the administrative profile
    await menu.click();
    await page.getByRole('link', { name: 'Cambia profilo' }).click();
    await expect(page).toHaveURL(/\/profilo$/);
    await page.locator('label', { hasText: 'Operatore amministrativo' }).click();
    await expect(page.getByRole('radio', { name: /Operatore amministrativo/ })).toBeChecked();
    await page.getByRole('button', { name: 'Esenzioni per patologie e invalidità' }).click();
    // the counter's home, then the menu (the profile page's own «Operatore amministrativo» is gone)
    await expect(page).toHaveURL(/\/sportello\/nuova-pratica$/);
    await page.getByRole('button', { name: 'DEMO VENTICINQUE' }).click();
    await expect(page.getByText('Operatore amministrativo', { exact: true })).toBeVisible();

    // logout
    await page.getByRole('button', { name: 'Esci' }).click();
    await expect(page).toHaveURL(/\/accesso$/);
    const me = await page.request.get('/api/auth/me');
    expect(me.status()).toBe(401);
  });

  test('a user with a single profile skips the choice; GP lands on "Verifica esenzioni"', async ({
    page,
  }) => {
    await page.goto('/accesso');
    await fillLogin(page, 'operatore.cn2');
    await expect(page).toHaveURL(/\/pratiche/);
    await expect(page.getByRole('button', { name: 'RICCARDO DICIOTTO' })).toBeVisible();
    await page.getByRole('button', { name: 'RICCARDO DICIOTTO' }).click();
    await expect(page.getByRole('link', { name: 'Cambia profilo' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Esci' }).click();

    await fillLogin(page, 'medico.base');
    await expect(page).toHaveURL(/\/verifica-esenzioni$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Verifica esenzioni' })).toBeVisible();
    await checkScreen(page, '01-verifica-esenzioni-mmg');
  });

  test('a screen the profile may not open is never rendered: the profile goes to its home', async ({
    page,
  }) => {
    await loginApi(page, 'medico.base', 'GP');
    const searched: string[] = [];
    page.on('request', (r) => r.url().includes('/api/cases') && searched.push(r.url()));
    for (const forbidden of ['/pratiche', '/pratiche/2025010301000001', '/sportello/nuova-pratica']) {
      await page.goto(forbidden);
      await expect(page).toHaveURL(/\/verifica-esenzioni$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verifica esenzioni');
      await expect(page.getByRole('search', { name: 'Filtri di ricerca delle pratiche' })).toHaveCount(0);
    }
    expect(searched).toEqual([]);
  });

  test('footer: accessibility statement and privacy notice are real pages', async ({ page }) => {
    await page.goto('/accesso');
    const footer = page.getByRole('contentinfo');
    await footer.getByRole('link', { name: 'Dichiarazione di accessibilità' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Dichiarazione di accessibilità' }),
    ).toBeVisible();
    await expect(page.getByText('WCAG 2.1 livello AA')).toBeVisible();
    await checkScreen(page, '01-dichiarazione-accessibilita');
    await footer.getByRole('link', { name: 'Informativa privacy' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: /Informativa sul trattamento dei dati personali/ }),
    ).toBeVisible();
    // it speaks to citizens too: what, who sees it, and where to see who read it (issue 17 §6)
    await expect(page.getByRole('heading', { level: 2, name: 'Per i cittadini' })).toBeVisible();
    await expect(page.getByRole('link', { name: '«Chi ha consultato i miei dati»' })).toBeVisible();
    await checkScreen(page, '01-informativa-privacy');
    await page.goto('/pagina-che-non-esiste');
    await expect(page.getByRole('heading', { level: 1, name: 'Pagina non trovata' })).toBeVisible();
    await checkScreen(page, '01-pagina-non-trovata');
  });
});
