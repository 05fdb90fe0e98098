/**
 * Issue 12 §6 — the Region's codes at the counter: operatore.torino (Operatore amministrativo) opens
 * «Codici regionali», chooses the dental OD1, reads its rules from the Region's file, is refused one
 * euro-cent band too high (ISEE 13.500,00 €: the rule and the figure next to the field) and issues it
 * inside 8.000–13.000 €; the case opens Validata. axe on each screen. Person: a Torino resident of the
 * demo found through the API, none of the issue 4 people.
 */
import { loginApi } from './support/auth';
import { checkScreen, expect, test } from './support/fixtures';
import { PEOPLE } from './support/portal';

test('counter: a dental OD1 issued by the regional file, refused outside its income range', async ({
  page,
}) => {
  await loginApi(page, 'operatore.torino', 'ADMIN_OPERATOR');
  // a Torino resident of the demo that no other spec uses
  const taken = new Set<string>(Object.values(PEOPLE).map((p) => p.fiscalCode));
  const list = (await (await page.request.get('/api/cases?view=closed&pageSize=100')).json()) as {
    items: Array<{ beneficiary: { fiscalCode: string; firstName: string; lastName: string } }>;
  };
  const person = list.items
    .map((i) => i.beneficiary)
    .filter((b) => !taken.has(b.fiscalCode))
    .sort((a, b) => b.fiscalCode.localeCompare(a.fiscalCode))[0];
  expect(person, 'a Torino resident in the demo').toBeTruthy();
  if (!person) return;

  await page.goto('/sportello/codici-regionali');
  await expect(page.getByRole('heading', { level: 1, name: 'Codici regionali' })).toBeVisible();
  await checkScreen(page, '38-codici-regionali');

  await page.getByLabel('Codice di esenzione').selectOption('OD1');
  const rules = page.getByRole('region', { name: 'OD1: regole della Regione' });
  await expect(rules).toContainText('ISEE oltre 8.000,00 € e fino a 13.000,00 €');
  await expect(rules).toContainText('fino a 36,15 €');
  await expect(rules).toContainText('Attestazione ISEE in corso di validità');
  await page.getByLabel('Assistito: codice fiscale').fill(person.fiscalCode);
  await page.getByLabel('ISEE (euro)').fill('13.500,00');
  // Bootstrap Italia draws the box on the label: tick it as a user does
  await page.locator('label', { hasText: 'Ho visto i documenti richiesti dal codice' }).click();
  await page
    .locator('label', { hasText: 'Il dichiarante ha sottoscritto la dichiarazione sostitutiva' })
    .click();
  await expect(page.getByLabel('Ho visto i documenti richiesti dal codice')).toBeChecked();
  await expect(page.getByLabel(/Il dichiarante ha sottoscritto/)).toBeChecked();
  await checkScreen(page, '38-od1-compilato');
  await page.getByRole('button', { name: 'Rilascia l’esenzione' }).click();
  // refused: the rule and the figure, next to the field, which gets the focus
  const isee = page.getByLabel('ISEE (euro)');
  await expect(isee).toBeFocused();
  await expect(isee).toHaveAccessibleDescription(/13\.500,00 €, oltre il limite/);
  await expect(page.getByRole('alert').filter({ hasText: 'Esenzione non rilasciata' })).toBeVisible();
  await checkScreen(page, '38-od1-rifiutato');

  await isee.fill('12.000,00');
  await page.getByRole('button', { name: 'Rilascia l’esenzione' }).click();
  const done = page.getByText(/^Esenzione OD1 rilasciata a /);
  await expect(done).toBeVisible();
  const nextYear = new Date().getUTCFullYear() + 1;
  await expect(done).toContainText(`al 31/03/${nextYear}`);
  await checkScreen(page, '38-od1-rilasciata');
  await page.getByRole('link', { name: /^Apri la pratica n\. \d{18}$/ }).click();
  await expect(page).toHaveURL(/\/pratiche\/\d{18}$/);
  await expect(page.getByText('Validata').first()).toBeVisible();
  await expect(page.getByText('OD1').first()).toBeVisible();
  await checkScreen(page, '38-od1-pratica');
});

test('an STP holder: E08 issued at the counter, verified by the GP with the STP code', async ({ page }) => {
  const csrf = await loginApi(page, 'operatore.torino', 'ADMIN_OPERATOR');
  const stp = 'STP0103010003838'; // only this spec
  const today = new Date();
  const cardIssuedOn = new Date(today.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
  const issued = await page.request.post('/api/regional/exemptions', {
    headers: { 'X-CSRF-Token': csrf },
    data: {
      exemptionCode: 'E08',
      beneficiary: stp,
      person: { firstName: 'Amadou', lastName: 'Diallo', birthDate: '1950-04-02' },
      cardIssuedOn,
      documentsShown: true,
      dpr445Accepted: true,
    },
  });
  expect(issued.status(), await issued.text()).toBe(201);
  await page.context().clearCookies();

  await loginApi(page, 'medico.base');
  await page.goto('/verifica-esenzioni');
  await page.getByLabel('Codice fiscale assistito').fill(stp);
  await page.getByRole('button', { name: 'Verifica' }).click();
  await expect(
    page.getByText(new RegExp(`Esenzioni valide il \\d{2}/\\d{2}/\\d{4} per ${stp}: 1`)),
  ).toBeVisible();
  await expect(page.getByRole('cell', { name: 'E08', exact: true })).toBeVisible();
  await checkScreen(page, '38-verifica-stp');
});
