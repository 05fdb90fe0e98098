/**
 * Issue 4 — the citizen's "Nuova richiesta" with documents (a real PDF and a PNG made here); the
 * district rejects it with a note for the citizen: the citizen reads the note, never the coded reason
 * nor the internal note. Then "Annulla richiesta" behind its confirmation.
 * Codes used only here (NELLO TRENTASEI): 027.244 (diagnosis 244.9) and C03.
 */
import { loginApi } from './support/auth';
import { badge, openFromSearch } from './support/detail-page';
import { checkScreen, expect, test } from './support/fixtures';
import { chooseCondition, chooseDiagnosis, PEOPLE, pageOf, pdfFile, pngFile } from './support/portal';

const NOTE = "Manca il referto dell'ecografia tiroidea: ripresentare la richiesta con il referto.";
const INTERNAL = 'NOTA INTERNA RISERVATA 22';

test('a request with documents, rejected with a note: the citizen sees the note and not the reason', async ({
  page,
  browser,
}) => {
  // a whole journey across three roles: longer than the default minute on a busy machine
  test.setTimeout(120_000);
  await loginApi(page, 'cittadino');
  await page.goto('/cittadino/nuova-richiesta');
  await expect(page.getByRole('heading', { level: 1, name: 'Nuova richiesta di esenzione' })).toBeVisible();
  await checkScreen(page, '22-nuova-richiesta');

  // issue 17 §2: the condition by its name, the code beside it; no diagnosis asked
  await chooseCondition(page, 'ipotiroidismo', '027.244');
  await expect(page.getByRole('group', { name: 'Diagnosi ICD-9-CM (facoltativa)' })).toBeVisible();
  await page.getByLabel('Certificato specialistico').setInputFiles(pdfFile('certificato-endocrinologo.pdf'));
  await page.getByLabel("Documento d'identità").setInputFiles(pngFile('carta-identita.png'));
  await expect(page.getByRole('list', { name: "File scelti per Documento d'identità" })).toContainText(
    'carta-identita.png',
  );
  await page.getByLabel('Note per il distretto (facoltative)').fill('Richiesta dal portale');
  await checkScreen(page, '22-nuova-richiesta-compilata');
  await page.getByRole('button', { name: 'Invia la richiesta' }).click();
  const confirm = page.getByText(/^Richiesta n\. \d{18} inviata$/);
  await expect(confirm).toBeVisible();
  const caseNumber = ((await confirm.textContent()) ?? '').replace(/\D+/g, '');
  await checkScreen(page, '22-richiesta-inviata');

  // issue 17 §2, §6: the citizen's own note shown as theirs, every document they sent, what happens next
  await page.goto(`/cittadino/pratiche/${caseNumber}`);
  await expect(page.getByRole('heading', { level: 2, name: 'La sua nota' })).toBeVisible();
  await expect(page.getByTestId('nota-beneficiario')).toHaveText('Richiesta dal portale');
  const sent = page.getByRole('region', { name: 'Documenti inviati' });
  await expect(sent.getByRole('listitem')).toContainText(['Certificato specialistico', 'carta-identita.png']);
  await expect(page.getByTestId('cosa-succede-ora')).toContainText('arrivata al distretto della sua ASL');

  // the district operator rejects it, with a note for the citizen and an internal one
  const op = await pageOf(browser, 'operatore.torino', 'DISTRICT_OPERATOR');
  await openFromSearch(op.page, caseNumber, PEOPLE.nello.fiscalCode);
  await expect(op.page.getByRole('button', { name: /Scarica allegati \(1\)/ })).toBeVisible();
  // issue 17 §2: the citizen gave no diagnosis; the district sets it from the certificate
  await op.page.getByRole('button', { name: 'Correggi diagnosi' }).click();
  const fix = op.page.getByRole('dialog', { name: 'CORREGGI DIAGNOSI' });
  await expect(fix).toContainText('Diagnosi attuale: non indicata');
  await chooseDiagnosis(op.page, '244.9', '244.9');
  await fix.getByRole('button', { name: 'Sì, correggi' }).click();
  await expect(op.page.getByText(`Diagnosi della pratica ${caseNumber} corretta con successo`)).toBeVisible();
  await expect(op.page.locator('dl.detail-dl')).toContainText(/244\.9 - /);
  await op.page.getByLabel('Nota Beneficiario', { exact: true }).fill(NOTE);
  await op.page.getByLabel('Nota Interna', { exact: true }).fill(INTERNAL);
  await op.page.getByRole('button', { name: 'Respingi', exact: true }).click();
  const dialog = op.page.getByRole('dialog', { name: 'RESPINGI' });
  await dialog.getByLabel(/Motivazione/).selectOption({ label: 'Documentazione insufficiente' });
  await dialog.getByRole('button', { name: 'Sì, respingi' }).click();
  await expect(badge(op.page)).toHaveText('RESPINTA - DOCUMENTAZIONE INSUFFICIENTE');
  expect(op.outside).toEqual([]);
  await op.page.context().close();

  // the citizen
  await page.getByRole('link', { name: 'Le mie pratiche' }).first().click();
  const row = page.locator(`tr[data-case-number="${caseNumber}"]`);
  await expect(row).toContainText('Respinta');
  await expect(row).toContainText('Utente');
  await checkScreen(page, '22-le-mie-pratiche');
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: `Pratica ${caseNumber}` })).toBeVisible();
  await expect(page.getByTestId('stato-richiesta')).toHaveText('RESPINTA');
  await expect(page.getByTestId('nota-beneficiario')).toHaveText(NOTE);
  await expect(page.getByRole('heading', { level: 2, name: 'Nota del distretto' })).toBeVisible();
  await expect(page.getByTestId('cosa-succede-ora')).toContainText('La richiesta non è stata accolta');
  await expect(page.getByRole('main')).not.toContainText('Documentazione insufficiente');
  await expect(page.getByRole('main')).not.toContainText(INTERNAL);
  await expect(page.getByRole('button', { name: 'Annulla richiesta' })).toHaveCount(0);
  await checkScreen(page, '22-pratica-respinta');

  // the notification of the change arrives (written by the outbox worker)
  await expect
    .poll(
      async () => {
        const res = await page.request.get('/api/notifications');
        const body = (await res.json()) as { items: { caseNumber: string | null }[] };
        return body.items.some((n) => n.caseNumber === caseNumber);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  await page.getByRole('link', { name: 'Notifiche', exact: true }).click();
  const unread = page.getByText(/^Notifiche non lette: \d+$/);
  await expect(unread).toBeVisible();
  const before = Number(((await unread.textContent()) ?? '').replace(/\D+/g, ''));
  const item = page.getByTestId('notifica').filter({ hasText: caseNumber }).first();
  await checkScreen(page, '22-notifiche');
  await item.getByRole('button', { name: /Segna come letta/ }).click();
  await expect(item.getByRole('button', { name: /Segna come letta/ })).toHaveCount(0);
  await expect(page.getByText(`Notifiche non lette: ${before - 1}`)).toBeVisible();
});

test('"Annulla richiesta" asks for confirmation, then cancels the request', async ({ page }) => {
  await loginApi(page, 'cittadino');
  await page.goto('/cittadino/nuova-richiesta');
  await page.locator('label[for="tipo-INVALIDITY"]').click();
  await page.getByLabel('Codice esenzione per invalidità').selectOption('C03');
  // issue 12 §4: the verbale's data, in the range of C03
  await page.getByLabel('Percentuale di invalidità (%)').fill('80');
  await page.getByLabel('Numero del verbale').fill('VRB-22-0001');
  await page.getByLabel('Rilasciato da (commissione o ente)').fill('Commissione medica ASL');
  await page.getByLabel('Verbale di invalidità', { exact: true }).setInputFiles(pdfFile('verbale.pdf'));
  await page.getByLabel("Documento d'identità").setInputFiles(pdfFile('documento.pdf'));
  await page.getByRole('button', { name: 'Invia la richiesta' }).click();
  const confirm = page.getByText(/^Richiesta n\. \d{18} inviata$/);
  await expect(confirm).toBeVisible();
  const caseNumber = ((await confirm.textContent()) ?? '').replace(/\D+/g, '');
  await page.getByRole('link', { name: `Apri la pratica ${caseNumber}` }).click();
  await expect(page.getByTestId('stato-richiesta')).toHaveText('INVIATA');

  const annulla = page.getByRole('button', { name: 'Annulla richiesta' });
  await annulla.click();
  const dialog = page.getByRole('dialog', { name: 'Annulla richiesta' });
  await expect(dialog).toContainText(`Vuoi davvero annullare la richiesta ${caseNumber}`);
  await checkScreen(page, '22-annulla-dialogo');
  await dialog.getByRole('button', { name: 'No, torna alla pratica' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('stato-richiesta')).toHaveText('INVIATA');

  await annulla.click();
  await dialog.getByRole('button', { name: 'Sì, annulla la richiesta' }).click();
  await expect(page.getByText(`Richiesta ${caseNumber} annullata.`)).toBeVisible();
  await expect(page.getByTestId('stato-richiesta')).toHaveText('ANNULLATA');
  await expect(annulla).toHaveCount(0);
  await checkScreen(page, '22-richiesta-annullata');
});
