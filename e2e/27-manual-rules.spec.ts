/**
 * Issue 11 §6 — rules the manual states, in the browser:
 * - «Valida» is disabled on a pathology case without its certificate, and says why (the demo's
 *   MARIO ROSSI 044.296.0 in Bra, stored without certificate, seen by operatore.cn2);
 * - the specialist cancels a case they sent while INVIATA, from «Le mie pratiche inviate» and from
 *   the detail, after a confirmation; the counter from the detail.
 * Cases sent here: for AUREL VENTIDUE (specialist) and NELLO TRENTASEI (counter), with the first of a
 * few codes that has no open case for them.
 */
import type { CaseDetail, CaseList } from '../packages/domain/src/index';
import type { APIRequestContext, Page } from '@playwright/test';
import { loginApi } from './support/auth';
import { badge } from './support/detail-page';
import { checkScreen, expect, test } from './support/fixtures';
import { PEOPLE, tinyPdf } from './support/portal';

/** code and a consistent diagnosis: the first one the person has no open case for is used */
const CODES = [
  ['013.250', '250.01'],
  ['006.714.0', '714.0'],
  ['017.345', '345.90'],
  ['031.402', '402.90'],
] as const;

const todayIso = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date()).slice(0, 10);

/** Sends a case (JSON for the specialist, multipart with the certificate for the counter). */
async function sendCase(
  request: APIRequestContext,
  csrf: string,
  fiscalCode: string,
  as: 'specialist' | 'counter',
): Promise<CaseDetail> {
  const refused: string[] = [];
  for (const [exemptionCode, diagnosisCode] of CODES) {
    const fields = { beneficiaryFiscalCode: fiscalCode, exemptionCode, diagnosisCode, issuedOn: todayIso() };
    const res =
      as === 'specialist'
        ? await request.post('/api/cases', { data: fields, headers: { 'X-CSRF-Token': csrf } })
        : await request.post('/api/cases', {
            multipart: {
              ...fields,
              certificate: { name: 'certificato.pdf', mimeType: 'application/pdf', buffer: tinyPdf() },
            },
            headers: { 'X-CSRF-Token': csrf },
          });
    if (res.status() === 201) return (await res.json()) as CaseDetail;
    refused.push(`${exemptionCode}: ${res.status()} ${await res.text()}`);
  }
  throw new Error(`no case sent for ${fiscalCode}: ${refused.join('; ')}`);
}

async function cancelInDialog(page: Page, caseNumber: string) {
  const dialog = page.getByRole('dialog', { name: 'ANNULLA PRATICA' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`Sei sicuro di voler annullare la pratica ${caseNumber}?`);
  return dialog;
}

test('«Valida» is disabled on a pathology case without certificate, and says why', async ({ page }) => {
  await loginApi(page, 'operatore.cn2');
  const res = await page.request.get('/api/cases?view=todo&status=SUBMITTED&exemptionCode=044.296.0');
  expect(res.status()).toBe(200);
  const found = ((await res.json()) as CaseList).items;
  const details = await Promise.all(
    found.map(
      async (c) => (await (await page.request.get(`/api/cases/${c.caseNumber}`)).json()) as CaseDetail,
    ),
  );
  const c = details.find((d) => !d.certificate.available);
  if (!c) throw new Error('the demo seed has no 044.296.0 case without certificate in Bra');

  await page.goto('/pratiche?view=todo');
  await page.getByLabel('Codice fiscale Beneficiario', { exact: true }).fill(c.beneficiary.fiscalCode);
  await page.getByRole('button', { name: 'Cerca', exact: true }).click();
  await page
    .locator(`tr[data-case-number="${c.caseNumber}"]`)
    .getByRole('link', { name: new RegExp(`dettaglio pratica ${c.caseNumber}`) })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dettaglio pratica' })).toBeVisible();
  await expect(badge(page)).toHaveText('INVIATA');
  await expect(page.getByRole('button', { name: 'Scarica certificato' })).toHaveCount(0);

  const valida = page.getByRole('button', { name: 'Valida', exact: true });
  await expect(valida).toBeDisabled();
  await expect(valida).toHaveAccessibleDescription(
    /^Non è possibile validare: la pratica è per una patologia o malattia rara e non ha il certificato/,
  );
  await expect(page.getByTestId('valida-non-disponibile')).toBeVisible();
  // the other actions stay available: the district may take it in charge or reject it
  await expect(page.getByRole('button', { name: 'Prendi in carico' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Respingi' })).toBeEnabled();
  await checkScreen(page, '27-valida-senza-certificato');

  // the server refuses it as well
  const csrf = await loginApi(page, 'operatore.cn2');
  const refused = await page.request.post(`/api/cases/${c.caseNumber}/validate`, {
    data: {},
    headers: { 'X-CSRF-Token': csrf, 'If-Match': `"${c.version}"` },
  });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { code: string }).code).toBe('CERTIFICATE_MISSING');
});

test('the specialist cancels a case still INVIATA from «Le mie pratiche inviate»', async ({ page }) => {
  const csrf = await loginApi(page, 'specialista');
  const sent = await sendCase(page.request, csrf, PEOPLE.aurel.fiscalCode, 'specialist');

  await page.goto('/specialista/pratiche-inviate');
  const row = page.locator(`tr[data-case-number="${sent.caseNumber}"]`);
  await expect(row).toContainText('Inviata');
  // a case already taken in charge offers no «Annulla»
  const inProgress = page.locator('tr[data-case-number]', { hasText: 'In lavorazione' });
  if ((await inProgress.count()) > 0)
    await expect(inProgress.first().getByRole('button', { name: /^Annulla/ })).toHaveCount(0);

  await row.getByRole('button', { name: `Annulla la pratica ${sent.caseNumber}` }).click();
  const dialog = await cancelInDialog(page, sent.caseNumber);
  await checkScreen(page, '27-annulla-dialogo');
  await dialog.getByRole('button', { name: 'Sì, annulla' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(`Pratica ${sent.caseNumber} annullata con successo`)).toBeVisible();
  await expect(row).toHaveCount(0);
  await checkScreen(page, '27-pratiche-inviate-annullata');

  await page.getByLabel('Pratiche', { exact: true }).selectOption('closed');
  await expect(page.locator(`tr[data-case-number="${sent.caseNumber}"]`)).toContainText('Annullata');
});

test('the specialist and the counter cancel from the detail, after «No» changes nothing', async ({
  page,
}) => {
  for (const who of ['specialist', 'counter'] as const) {
    const csrf =
      who === 'specialist'
        ? await loginApi(page, 'specialista')
        : await loginApi(page, 'operatore.torino', 'ADMIN_OPERATOR');
    const person = who === 'specialist' ? PEOPLE.aurel : PEOPLE.nello;
    const sent = await sendCase(page.request, csrf, person.fiscalCode, who);

    await page.goto(`/pratiche/${sent.caseNumber}`);
    await expect(badge(page)).toHaveText('INVIATA');
    const annulla = page.getByRole('button', { name: 'Annulla pratica' });
    await annulla.click();
    let dialog = await cancelInDialog(page, sent.caseNumber);
    await dialog.getByRole('button', { name: 'No' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(annulla).toBeFocused();
    await expect(badge(page)).toHaveText('INVIATA');

    await annulla.click();
    dialog = await cancelInDialog(page, sent.caseNumber);
    await dialog.getByRole('button', { name: 'Sì, annulla' }).click();
    await expect(page.getByText(`Pratica ${sent.caseNumber} annullata con successo`)).toBeVisible();
    await expect(badge(page)).toHaveText('ANNULLATA');
    await expect(annulla).toHaveCount(0);
    await checkScreen(page, `27-dettaglio-annullata-${who}`);
    await page.request.post('/api/auth/logout', { headers: { 'X-CSRF-Token': csrf } });
  }
});
