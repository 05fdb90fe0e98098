/**
 * Issue 12 §1 — income self-declaration online: the demo citizen (NELLO TRENTASEI), delegate of
 * BENEDETTO TRENTAQUATTRO (79, registered at the counter as in spec 23), declares E01 for him from
 * «Esenzione per reddito»: an income equal to the limit (36.151,98 €) is refused — «inferiore a» is
 * strict — and 20.000,00 € is issued at once by the system, valid to 31 March of the following year;
 * the certificate is downloaded and the person's registry answers E01. Axe on each screen.
 * NELLO's own E01 is renewed by spec 29, so he declares here for BENEDETTO (no income exemption).
 */
import { loginApi } from './support/auth';
import { checkScreen, expect, test } from './support/fixtures';
import { counterDelegation, PEOPLE } from './support/portal';

test('a citizen declares E01 online for the person who delegated them and downloads the certificate', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await counterDelegation(PEOPLE.benedetto.fiscalCode, PEOPLE.nello.fiscalCode);
  await loginApi(page, 'cittadino');
  await page.goto('/cittadino/esenzioni');
  await page
    .getByRole('navigation', { name: 'Sezioni del servizio' })
    .getByRole('link', { name: 'Esenzione per reddito' })
    .click();
  await expect(page).toHaveURL(/\/cittadino\/esenzione-reddito$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Esenzione per reddito' })).toBeVisible();
  await page.getByLabel('Per conto di').selectOption(PEOPLE.benedetto.fiscalCode);
  await expect(
    page.getByText(
      `Stai operando come delegato per conto di ${PEOPLE.benedetto.name} (${PEOPLE.benedetto.fiscalCode}).`,
    ),
  ).toBeVisible();
  await expect(page.getByLabel('A che titolo dichiaro per l’assistito')).toHaveValue('DELEGATE');
  await page.locator('label[for="reddito-codice-E01"]').click();
  await expect(page.getByRole('radio', { name: /^E01 – meno di 6 anni o più di 65 anni/ })).toBeChecked();
  const income = page.getByLabel(/^Reddito complessivo del nucleo familiare fiscale nel \d{4} \(euro\)$/);
  await income.fill('36.151,98');
  // without the DPR 445 statement: said next to the box, nothing sent
  await page.getByRole('button', { name: 'Invia la dichiarazione' }).click();
  const dpr = page.getByLabel(/^Dichiaro, ai sensi degli artt\. 46 e 47 del DPR 445\/2000/);
  await expect(dpr).toBeFocused();
  await expect(dpr).toHaveAccessibleDescription(
    'Occorre accettare la dichiarazione ai sensi del DPR 445/2000.',
  );
  await page.locator('label[for="reddito-dpr445"]').click();
  await expect(dpr).toBeChecked();
  await checkScreen(page, '34-reddito-online');

  // equal to the limit: refused («inferiore a»)
  await page.getByRole('button', { name: 'Invia la dichiarazione' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Esenzione non rilasciata' });
  await expect(alert).toContainText('deve essere inferiore a 36.151,98 €');
  await expect(alert).toContainText('è pari alla soglia');
  await checkScreen(page, '34-reddito-online-rifiutata');

  await income.fill('20.000,00');
  await page.getByRole('button', { name: 'Invia la dichiarazione' }).click();
  const next = new Date().getFullYear() + 1;
  const issued = page.getByText(/^Esenzione E01 rilasciata a TRENTAQUATTRO BENEDETTO: /);
  await expect(issued).toContainText(`al 31/03/${next}`);
  await checkScreen(page, '34-reddito-online-rilasciata');
  const caseNumber = ((await issued.textContent()) ?? '').match(/pratica n\. (\d{18})/)?.[1] ?? '';
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Scarica il certificato nominativo di esenzione per reddito/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`certificato-esenzione-reddito-${caseNumber}.pdf`);

  // the person's exemptions list it, as the delegate sees them
  await page.goto('/cittadino/esenzioni');
  await expect(page.locator('tr[data-exemption-code="E01"]', { hasText: caseNumber })).toBeVisible();
});
