/**
 * Issue 13 §3: the administrator creates an ASL operator with a district profile; the operator logs in
 * with username, password and PIN and takes a case in charge; the administrator deactivates them and
 * their session ends at once. Every admin screen passes axe.
 */
import type { CaseList } from '../packages/domain/src/index';
import { fillLogin, loginApi, PASSWORD, PIN } from './support/auth';
import { badge, openFromSearch } from './support/detail-page';
import { checkScreen, expect, newWatchedContext, test } from './support/fixtures';

test('the admin creates a district operator who works a case; deactivation logs them out', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const username = `op.distretto4.${Date.now().toString(36)}`;
  await loginApi(page, 'admin.cataloghi');
  await page.goto('/');
  await expect(page).toHaveURL(/\/amministrazione$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Amministrazione' })).toBeVisible();
  await checkScreen(page, '44-amministrazione');

  await page.getByRole('link', { name: 'Utenti e profili' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Utenti e profili' })).toBeVisible();
  await page.getByLabel('Nome utente', { exact: true }).fill(username);
  await page.getByLabel('Codice fiscale', { exact: true }).fill('VRDLGU75C12L219V');
  await page.getByLabel('Nome', { exact: true }).fill('Luigi');
  await page.getByLabel('Cognome', { exact: true }).fill('Verdi');
  await page.getByLabel('Password iniziale (almeno 12 caratteri)').fill('corta');
  await page.getByLabel('PIN (da 6 a 8 cifre)').fill(PIN);
  await page.getByLabel('Ruolo').selectOption('DISTRICT_OPERATOR');
  await page.getByLabel('ASL', { exact: true }).selectOption('010301');
  await page.getByLabel('Distretto', { exact: true }).selectOption('010301-04');
  await page.getByRole('button', { name: 'Crea utente' }).click();
  // refused: the reason next to the field, the input kept
  await expect(page.getByText('La password ha almeno 12 caratteri.')).toBeVisible();
  await expect(page.getByLabel('Nome utente', { exact: true })).toHaveValue(username);
  await checkScreen(page, '44-nuovo-utente-errore');
  await page.getByLabel('Password iniziale (almeno 12 caratteri)').fill(PASSWORD);
  await page.getByRole('button', { name: 'Crea utente' }).click();
  await expect(page.getByText(`Utente ${username} creato.`)).toBeVisible();
  await page.getByLabel('Cerca per nome utente, nome, cognome o codice fiscale').fill(username);
  await page.getByRole('button', { name: 'Cerca', exact: true }).click();
  const row = page.getByRole('row', { name: new RegExp(username.replace(/\./g, '\\.')) });
  await expect(row).toContainText('Distretto 4');
  await expect(row).toContainText('Attivo');
  await checkScreen(page, '44-utenti');

  // the operator, in their own browser, signs in with the form and takes a case of their district in charge
  const { context } = await newWatchedContext(browser);
  const op = await context.newPage();
  await op.goto('/accesso');
  await fillLogin(op, username, PASSWORD, PIN);
  await expect(op).toHaveURL(/\/pratiche/);
  const q = new URLSearchParams({ status: 'SUBMITTED', pageSize: '100', sort: 'caseNumber' });
  const res = await op.request.get(`/api/cases?${q}`);
  expect(res.status()).toBe(200);
  const list = (await res.json()) as CaseList;
  const c = list.items.at(-1);
  expect(c, 'a submitted case in district 4').toBeTruthy();
  await openFromSearch(op, c!.caseNumber, c!.beneficiary.fiscalCode);
  await expect(badge(op)).toHaveText('INVIATA');
  const actions = op.getByRole('group', { name: 'Azioni sulla pratica' });
  await actions.getByRole('button', { name: 'Prendi in carico' }).click();
  await expect(op.getByText(`Pratica ${c!.caseNumber} presa in carico con successo`)).toBeVisible();
  await expect(badge(op)).toHaveText('IN LAVORAZIONE');

  // the admin deactivates them: their session ends at once
  await page.getByRole('button', { name: 'Cerca', exact: true }).click();
  await expect(row).toContainText('1 sessione aperta');
  await row.getByRole('button', { name: `Disattiva ${username}` }).click();
  await expect(
    page.getByText(`Utente ${username} disattivato: le sue sessioni sono terminate.`),
  ).toBeVisible();
  await expect(row).toContainText('Disattivato');
  expect((await op.request.get('/api/auth/me')).status()).toBe(401);
  await op.goto('/pratiche');
  await expect(op).toHaveURL(/\/accesso$/);
  await fillLogin(op, username, PASSWORD, PIN);
  await expect(op.getByText('Credenziali non valide')).toBeVisible();
  await context.close();

  // the change is in the trail
  await page.goto('/amministrazione/registro');
  await expect(page.getByRole('heading', { level: 1, name: 'Registro delle modifiche' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Utente disattivato/ }).first()).toBeVisible();
  await checkScreen(page, '44-registro');
});

test('the admin pages for offices, keys, parameters and failed deliveries pass axe', async ({ page }) => {
  test.setTimeout(180_000);
  await loginApi(page, 'admin.cataloghi');
  await page.goto('/amministrazione/sportelli?asl=010301');
  await expect(page.getByRole('heading', { level: 1, name: 'Distretti e sportelli' })).toBeVisible();
  await page.getByLabel('Nome dello sportello').fill('Sportello dimostrativo');
  await page.getByLabel('Indirizzo', { exact: true }).fill('Via Esempio, 1 (dati dimostrativi)');
  await page.getByRole('button', { name: 'Crea lo sportello' }).click();
  await expect(page.getByText('Indicare almeno un servizio offerto.')).toBeVisible();
  await expect(page.getByLabel('Nome dello sportello')).toHaveValue('Sportello dimostrativo');
  await page.locator('label', { hasText: 'Esenzioni per reddito' }).click();
  await expect(page.getByLabel('Esenzioni per reddito')).toBeChecked();
  await page.getByRole('button', { name: 'Crea lo sportello' }).click();
  await expect(page.getByText('Sportello «Sportello dimostrativo» salvato.')).toBeVisible();
  await checkScreen(page, '44-sportelli');

  await page.goto('/amministrazione/chiavi-api');
  await page.getByLabel('Nome della nuova chiave (es. il gestionale)').fill('Gestionale di prova');
  await page.getByRole('button', { name: 'Crea la chiave' }).click();
  await expect(page.getByText('Copiarla ora: non sarà più mostrata.')).toBeVisible();
  await page.getByRole('button', { name: 'Revoca la chiave Gestionale di prova' }).first().click();
  await expect(page.getByText('Chiave «Gestionale di prova» revocata: da ora è rifiutata.')).toBeVisible();
  await checkScreen(page, '44-chiavi');

  await page.goto('/amministrazione/parametri');
  await page.getByLabel('Regione o ASL').fill('010301');
  await page.getByLabel('Valore').fill('12');
  await page.getByRole('button', { name: 'Imposta', exact: true }).click();
  await expect(page.getByText('Età massima del certificato (mesi) per 010301: 12.')).toBeVisible();
  await page.getByRole('button', { name: 'Togli Età massima del certificato (mesi) 010301' }).click();
  // the durations per code: a code is needed, an unknown one is refused with the server's reason
  await page.getByRole('button', { name: 'Imposta la durata' }).click();
  await expect(page.getByText('Indicare il codice esenzione.')).toBeVisible();
  await page.getByLabel('Codice esenzione').fill('XYZ9');
  await page.getByLabel('Durata', { exact: true }).fill('5');
  await page.getByRole('button', { name: 'Imposta la durata' }).click();
  await expect(page.getByText('Codice esenzione «XYZ9» sconosciuto')).toBeVisible();
  await checkScreen(page, '44-parametri');

  await page.goto('/amministrazione/invii-non-riusciti');
  await expect(page.getByRole('heading', { level: 1, name: 'Invii non riusciti' })).toBeVisible();
  await checkScreen(page, '44-invii');
});
