/**
 * Issue 4 — the specialist issues a pathology certificate for NELLO TRENTASEI (ASL 010301, the
 * `cittadino` account), the district operator validates it, the citizen finds the exemption, downloads
 * its attestato and sees the operator's access in "Chi ha consultato i miei dati".
 * Code used only here: 006.714.0 (artrite reumatoide, diagnosis 714.0).
 */
import { loginApi } from './support/auth';
import { badge, openFromSearch, validateFromDetail } from './support/detail-page';
import { checkScreen, expect, test } from './support/fixtures';
import { chooseDiagnosis, downloadBytes, PEOPLE, pageOf } from './support/portal';

const CODE = '006.714.0';

test('specialist certificate → district validation → the citizen sees exemption, attestato and access', async ({
  page,
  browser,
}) => {
  // a whole journey across three roles: longer than the default minute on a busy machine
  test.setTimeout(120_000);
  // ---- the specialist
  await loginApi(page, 'specialista');
  await page.goto('/');
  await expect(page).toHaveURL(/\/specialista\/nuovo-certificato$/);
  const nav = page.getByRole('navigation', { name: 'Sezioni del servizio' });
  await expect(nav.getByRole('link')).toHaveText([
    'Nuovo certificato',
    'Le mie pratiche inviate',
    'Codice gravidanza',
    'Notifiche',
  ]);
  await expect(page.getByRole('heading', { level: 1, name: 'Nuovo certificato di patologia' })).toBeVisible();
  await checkScreen(page, '21-nuovo-certificato');

  // nothing filled: the errors are next to the fields, nothing is sent
  const posts: string[] = [];
  page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
  await page.getByRole('button', { name: 'Invia il certificato' }).click();
  await expect(
    page.getByText("Cercare l'assistito con «Cerca assistito» prima di inviare.", { exact: true }),
  ).toBeVisible();
  await expect(page.getByText("Scegliere la diagnosi dall'elenco.", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Codice fiscale dell'assistito")).toBeFocused();
  // and above the form, every one of them as a link to its field (issue 17 §6)
  const summary = page.locator('.summary-links').getByRole('link');
  await expect(summary).toHaveText([
    "Codice fiscale dell'assistito: Cercare l'assistito con «Cerca assistito» prima di inviare.",
    "Diagnosi ICD-9-CM: Scegliere la diagnosi dall'elenco.",
    'Codice esenzione: Indicare il codice esenzione.',
  ]);
  await summary.nth(1).click();
  await expect(page.getByLabel('Cerca la diagnosi per codice o parole')).toBeFocused();
  expect(posts).toEqual([]);
  await checkScreen(page, '21-nuovo-certificato-errori');

  await page.getByLabel("Codice fiscale dell'assistito").fill(PEOPLE.nello.fiscalCode);
  await page.getByRole('button', { name: 'Cerca assistito' }).click();
  await expect(page.getByTestId('assistito-trovato')).toContainText('TRENTASEI NELLO');
  await expect(page.getByTestId('assistito-trovato')).toContainText("ASL CITTA' DI TORINO");

  // diagnosis by words, then the code suggested for it
  await page.getByLabel('Cerca la diagnosi per codice o parole').fill('artrite reumatoide');
  await expect(page.getByRole('radio', { name: /^714\.0 Artrite reumatoide/ })).toBeVisible();
  await chooseDiagnosis(page, '714.0', '714.0');
  const suggested = page.getByRole('radio', {
    name: new RegExp(`^${CODE.replace(/\./g, '\\.')} ARTRITE REUMATOIDE`),
  });
  await expect(suggested).toBeChecked();
  // issue 17 §3: the note says who reads it
  const note = page.getByLabel('Nota interna (facoltativa)');
  await expect(note).toHaveAccessibleDescription(/mai al cittadino/);
  await note.fill('Controllo reumatologico del 2026');
  await checkScreen(page, '21-nuovo-certificato-compilato');

  // a date in the future is refused in the browser and what was typed stays
  const date = page.getByLabel('Data di rilascio del certificato');
  const today = await date.inputValue();
  await date.fill('31/12/2099');
  await page.getByRole('button', { name: 'Invia il certificato' }).click();
  await expect(
    page.getByText('La data del certificato non può essere successiva a oggi.', { exact: true }),
  ).toBeVisible();
  await expect(date).toBeFocused();
  await expect(suggested).toBeChecked();
  await date.fill(today);

  await page.getByRole('button', { name: 'Invia il certificato' }).click();
  const confirm = page.getByText(/^Pratica n\. \d{18} inviata$/);
  await expect(confirm).toBeVisible();
  const caseNumber = ((await confirm.textContent()) ?? '').replace(/\D+/g, '');
  await checkScreen(page, '21-certificato-inviato');
  const pdf = await downloadBytes(page, () =>
    page.getByRole('link', { name: 'Scarica il certificato (PDF)' }).click(),
  );
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // the same certificate again: 409, the form keeps everything and says why next to nothing lost
  await page.getByRole('button', { name: 'Nuovo certificato' }).click();
  await page.getByLabel("Codice fiscale dell'assistito").fill(PEOPLE.nello.fiscalCode);
  await page.getByRole('button', { name: 'Cerca assistito' }).click();
  await chooseDiagnosis(page, '714.0', '714.0');
  await expect(suggested).toBeChecked();
  await page.getByRole('button', { name: 'Invia il certificato' }).click();
  await expect(page.getByText(/Pratica già presente/)).toBeVisible();
  await expect(page.getByLabel("Codice fiscale dell'assistito")).toHaveValue(PEOPLE.nello.fiscalCode);
  await expect(suggested).toBeChecked();
  await checkScreen(page, '21-pratica-gia-presente');

  // "Le mie pratiche inviate" lists it; the detail opens
  await nav.getByRole('link', { name: 'Le mie pratiche inviate' }).click();
  const row = page.locator(`tr[data-case-number="${caseNumber}"]`);
  await expect(row).toContainText('TRENTASEI NELLO');
  await expect(row).toContainText('Inviata');
  await checkScreen(page, '21-pratiche-inviate');
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dettaglio pratica' })).toBeVisible();
  await expect(page.locator('dl.detail-dl')).toContainText(caseNumber);
  await checkScreen(page, '21-pratica-inviata-dettaglio');

  // ---- the district operator validates it
  const op = await pageOf(browser, 'operatore.torino', 'DISTRICT_OPERATOR');
  await openFromSearch(op.page, caseNumber, PEOPLE.nello.fiscalCode);
  await validateFromDetail(op.page);
  await expect(badge(op.page)).toHaveText('VALIDATA');
  expect(op.outside).toEqual([]);
  await op.page.context().close();

  // ---- the citizen
  const cit = await pageOf(browser, 'cittadino');
  const c = cit.page;
  await c.goto('/');
  await expect(c).toHaveURL(/\/cittadino\/esenzioni$/);
  await expect(c.getByRole('heading', { level: 1, name: 'Le mie esenzioni' })).toBeVisible();
  const ex = c.locator(`tr[data-exemption-code="${CODE}"]`).filter({ hasText: `Pratica ${caseNumber}` });
  await expect(ex).toContainText('ARTRITE REUMATOIDE');
  await expect(ex).toContainText('Valida');
  await expect(ex).toContainText(`Pratica ${caseNumber}`);
  await checkScreen(c, '21-le-mie-esenzioni');
  const attestato = await downloadBytes(c, () => ex.getByRole('link', { name: /Scarica PDF/ }).click());
  expect(attestato.subarray(0, 5).toString('latin1')).toBe('%PDF-');

  await c.getByRole('link', { name: 'Chi ha consultato i miei dati' }).click();
  await expect(c.getByRole('heading', { level: 1, name: 'Chi ha consultato i miei dati' })).toBeVisible();
  const access = c.getByRole('row').filter({ hasText: caseNumber }).filter({ hasText: 'Validazione' });
  await expect(access.first()).toContainText("ASL CITTA' DI TORINO");
  await expect(access.first()).toContainText('Operatore/medico di distretto ASL');
  await checkScreen(c, '21-chi-ha-consultato');
  expect(cit.outside).toEqual([]);
  await c.context().close();
});
