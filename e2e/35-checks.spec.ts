/**
 * Issue 12 §2, §3 in the browser:
 * - «Controlli autocertificazioni»: the server drew at start-up the monthly samples of the demo's
 *   self-declarations (DECLARATION_CHECK_PERCENT, 5 % rounded up per ASL and month); operatore.torino
 *   sees them with their record, and records «non conforme» with a note (required) on one: the exemption
 *   is revoked for false declaration (the case detail says «Revocata») and the case is listed among those
 *   to send to the judicial authority;
 * - «Elenco MEF»: the administrator uploads a list, follows the progress bar to «Completato» with the
 *   figures, and the GP's «Verifica esenzioni» shows a listed person's E01 as «da elenco MEF».
 * axe on every screen.
 */
import { mefCodeOf, mefFiscalCode, mefListText } from '../bench/lib/mef-file';
import { loginApi } from './support/auth';
import { badge } from './support/detail-page';
import { checkScreen, expect, test } from './support/fixtures';

test('a monthly sample appears; «non conforme» revokes the exemption and lists the case for referral', async ({
  page,
}) => {
  await loginApi(page, 'operatore.torino', 'DISTRICT_OPERATOR');
  await page.goto('/controlli-autocertificazioni');
  await expect(page.getByRole('heading', { level: 1, name: 'Controlli autocertificazioni' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Controlli autocertificazioni' })).toBeVisible();
  // the samples' record: "MM/AAAA: k su n autocertificazioni (5%)"
  await expect(page.getByTestId('campioni')).toContainText(
    /\d{2}\/\d{4}: \d+ su \d+ autocertificazioni \(5%\)/,
  );
  const rows = page.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  await checkScreen(page, '35-controlli-da-fare');

  const caseNumber = (await rows.first().locator('td').nth(1).innerText()).trim();
  expect(caseNumber).toMatch(/^\d{18}$/);
  await page.getByRole('button', { name: `Registra esito della pratica ${caseNumber}` }).click();
  const form = page.getByRole('form', { name: new RegExp(`Esito del controllo — pratica ${caseNumber}`) });
  await expect(form.getByRole('heading', { name: /Esito del controllo/ })).toBeFocused();
  // the outcome, then the note for «non conforme», are required
  await form.getByRole('button', { name: 'Registra esito' }).click();
  await expect(form.getByText("Scegliere l'esito del controllo.")).toBeVisible();
  await form.getByText(/^Non conforme/).click();
  await expect(form.getByLabel(/^Non conforme/)).toBeChecked();
  await form.getByRole('button', { name: 'Registra esito' }).click();
  await expect(form.getByText(/la nota è obbligatoria/)).toBeVisible();
  await form
    .getByLabel('Nota (obbligatoria se non conforme)')
    .fill('Dall’Agenzia delle Entrate il reddito familiare supera la soglia dichiarata.');
  await checkScreen(page, '35-esito-non-conforme');
  await form.getByRole('button', { name: 'Registra esito' }).click();
  await expect(
    page.getByText(
      `Controllo della pratica ${caseNumber}: non conforme. Esenzione revocata per dichiarazione mendace`,
    ),
  ).toBeVisible();

  await page.getByRole('tab', { name: "Da trasmettere all'autorità giudiziaria" }).click();
  const referral = page.locator('tbody tr', { hasText: caseNumber });
  await expect(referral).toContainText('non conforme');
  await expect(referral).toContainText("Da trasmettere all'autorità giudiziaria");
  await checkScreen(page, '35-da-trasmettere');

  await referral.getByRole('link', { name: caseNumber }).click();
  await expect(badge(page)).toHaveText(/revocata/i);
  await expect(page.locator('dl.detail-dl').first()).toContainText('Dichiarazione non veritiera');
});

test('the administrator loads a MEF list with a progress bar; the GP sees the exemption «da elenco MEF»', async ({
  page,
}) => {
  await loginApi(page, 'admin.cataloghi');
  await page.goto('/amministrazione/elenco-mef');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Elenco MEF delle esenzioni per reddito' }),
  ).toBeVisible();
  await checkScreen(page, '35-elenco-mef');
  const year = new Date().getFullYear();
  // people of their own (a rerun against the same server loads other people)
  const offset = 500_000 + Math.floor(Math.random() * 1_000) * 5_000;
  await page.getByLabel("File CSV dell'elenco MEF").setInputFiles({
    name: `elenco-mef-${year}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(mefListText(1000, year, offset)),
  });
  await page.getByRole('button', { name: "Carica l'elenco" }).click();
  // the bar follows the import's row (0 % is an empty bar: present, not visible)
  const bar = page.getByRole('progressbar');
  await expect(bar).toHaveCount(1);
  await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 });
  await expect(page.getByText(/^Completato — 100% \(1\.?000 righe lette\)$/)).toBeVisible();
  await expect(page.getByText(new RegExp(`Elenco ${year} caricato: 1\\.?000 nuove esenzioni`))).toBeVisible();
  await expect(page.locator('tbody tr').first()).toContainText(`elenco-mef-${year}.csv`);
  await checkScreen(page, '35-elenco-mef-caricato');

  const person = mefFiscalCode(offset + 1);
  await loginApi(page, 'medico.base');
  await page.goto(`/verifica-esenzioni?fiscalCode=${person}`);
  const row = page.locator('tbody tr', { hasText: mefCodeOf(offset + 1) });
  await expect(row).toContainText('da elenco MEF');
  await expect(row).toContainText(`31/03/${year + 1}`);
  await checkScreen(page, '35-verifica-elenco-mef');
});
