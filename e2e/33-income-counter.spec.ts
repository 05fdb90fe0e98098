/**
 * Issue 12 §1 — income self-declaration at the counter: operatore.torino (Operatore amministrativo)
 * issues E02 to an unemployed person of the ASL with a spouse and two children. The limit is
 * 11.362,05 + 2 × 516,46 = 12.394,97 €: one euro above (12.395,97 €) is refused naming the rule and the
 * figure; 12.394,96 € is issued at once, valid to 31 March of the following year, and the «certificato
 * nominativo di esenzione per reddito» is downloaded. Axe on each screen.
 * People used only here: demo residents of Torino without an income exemption (the first of the list).
 */
import { loginApi } from './support/auth';
import { checkScreen, expect, test } from './support/fixtures';
import { pageOf } from './support/portal';
import type { Page } from '@playwright/test';

const tick = (page: Page, id: string) => page.locator(`label[for="${id}"]`).click();

const CANDIDATES = ['CNQGPR65C31L219M', 'CNQDVD61A21L219T', 'CNQNMR76P52L219Q', 'DCSPLA70A68L219R'];

test('counter: E02 with spouse and two children, refused one euro above, issued below', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  // a resident of Torino who holds no income exemption today (the registry, as the district operator)
  const district = await pageOf(browser, 'operatore.torino', 'DISTRICT_OPERATOR');
  let person = '';
  for (const cf of CANDIDATES) {
    const res = await district.page.request.get(`/api/registry/exemptions?fiscalCode=${cf}`);
    expect(res.status(), await res.text()).toBe(200);
    const body = (await res.json()) as { exemptions: { family: string }[] };
    if (!body.exemptions.some((e) => e.family === 'INCOME')) {
      person = cf;
      break;
    }
  }
  await district.page.context().close();
  expect(person, 'a candidate without an income exemption').not.toBe('');

  const csrf = await loginApi(page, 'operatore.torino', 'ADMIN_OPERATOR');
  await page.goto('/sportello/nuova-pratica');
  await page
    .getByRole('navigation', { name: 'Sezioni del servizio' })
    .getByRole('link', { name: 'Esenzione per reddito' })
    .click();
  await expect(page).toHaveURL(/\/sportello\/esenzione-reddito$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Esenzione per reddito' })).toBeVisible();
  await checkScreen(page, '33-reddito-sportello');

  await page.getByLabel('Codice fiscale del beneficiario').fill(person);
  await expect(page.getByLabel('Chi firma la dichiarazione')).toHaveValue('SELF');
  await page.getByLabel('Numero del documento').fill('CA12345AB');
  await page.getByLabel('Rilasciato da').fill('Comune di Torino');
  await page.getByLabel('Scadenza del documento').fill('01/01/2035');
  await page.locator('label[for="reddito-codice-E02"]').click();
  await expect(page.getByRole('radio', { name: /^E02 – disoccupato/ })).toBeChecked();
  // bootstrap-italia draws the check boxes on their labels: click what the user sees
  await tick(page, 'reddito-disoccupato');
  await tick(page, 'reddito-coniuge');
  await page.getByLabel('Figli a carico').fill('2');
  await page
    .getByLabel(/^Reddito complessivo del nucleo familiare fiscale nel \d{4} \(euro\)$/)
    .fill('12.395,97');
  await tick(page, 'reddito-dpr445');
  await expect(page.getByLabel(/Il dichiarante ha sottoscritto la dichiarazione sostitutiva/)).toBeChecked();
  await page.getByRole('button', { name: 'Rilascia l’esenzione' }).click();

  // one euro above: refused with the rule and the figure, next to the field
  const alert = page.getByRole('alert').filter({ hasText: 'Esenzione non rilasciata' });
  await expect(alert).toContainText('deve essere inferiore a 12.394,97 €');
  await expect(alert).toContainText('11.362,05 € con il coniuge + 2 × 516,46 € per i figli a carico');
  await expect(alert).toContainText('la supera di 1,00 €');
  const income = page.getByLabel(/^Reddito complessivo del nucleo familiare fiscale/);
  await expect(income).toBeFocused();
  await expect(income).toHaveAttribute('aria-invalid', 'true');
  await checkScreen(page, '33-reddito-rifiutata');

  // one cent below the limit: issued at once, to 31 March of the following year
  await income.fill('12.394,96');
  await page.getByRole('button', { name: 'Rilascia l’esenzione' }).click();
  const next = Number(new Date().getFullYear()) + 1;
  const issued = page.getByText(/^Esenzione E02 rilasciata a /);
  await expect(issued).toContainText(`al 31/03/${next}`);
  await expect(
    page.getByText('Reddito dichiarato 12.394,96 €, inferiore alla soglia di 12.394,97 €.'),
  ).toBeVisible();
  await checkScreen(page, '33-reddito-rilasciata');
  const caseNumber = ((await issued.textContent()) ?? '').match(/pratica n\. (\d{18})/)?.[1] ?? '';
  expect(caseNumber).toMatch(/^\d{18}$/);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Scarica il certificato nominativo di esenzione per reddito/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`certificato-esenzione-reddito-${caseNumber}.pdf`);

  // the case detail shows the declaration and the certificate
  await page.goto(`/pratiche/${caseNumber}`);
  const declaration = page.getByRole('region', { name: 'Autocertificazione del reddito (DPR 445/2000)' });
  await expect(declaration).toContainText(`${person} (interessato)`);
  await expect(declaration).toContainText('12.394,96 €');
  await expect(declaration).toContainText('12.394,97 €');
  await checkScreen(page, '33-reddito-dettaglio');

  // a second income exemption for the same person: refused (one at a time)
  const again = await page.request.post('/api/income-declarations', {
    data: {
      beneficiaryFiscalCode: person,
      declarantFiscalCode: person,
      declarantTitle: 'SELF',
      identityDocument: {
        kind: 'CARTA_IDENTITA',
        number: 'CA12345AB',
        issuedBy: 'Comune',
        expiresOn: '2035-01-01',
      },
      exemptionCode: 'E03',
      incomeYear: next - 2,
      householdIncomeCents: 0,
      hasSpouse: true,
      dependentChildren: 2,
      socialAllowance: true,
      dpr445Accepted: true,
    },
    headers: { 'X-CSRF-Token': csrf },
  });
  expect(again.status(), await again.text()).toBe(409);
});
