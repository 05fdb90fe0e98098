/**
 * Issue 17 §2 — «Correggi diagnosi»: a case sent with one diagnosis (048, 174.9) is corrected by the
 * district operator, before deciding, to another of the code's range (153.0); the detail shows it and the
 * cronologia records what changed. Axe on the dialog. Code used only here: 048 for BENEDETTO or NELLO.
 */
import type { CaseDetail } from '@esenzioni/domain';
import { loginApi } from './support/auth';
import { chooseDiagnosis, PEOPLE } from './support/portal';
import { checkScreen, expect, test } from './support/fixtures';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

test('the district corrects the diagnosis of an open case; the cronologia records it', async ({ page }) => {
  const csrf = await loginApi(page, 'specialista');
  let sent: CaseDetail | null = null;
  const refused: string[] = [];
  for (const person of [PEOPLE.benedetto, PEOPLE.nello]) {
    const res = await page.request.post('/api/cases', {
      data: {
        beneficiaryFiscalCode: person.fiscalCode,
        exemptionCode: '048',
        diagnosisCode: '174.9',
        issuedOn: today(),
      },
      headers: { 'X-CSRF-Token': csrf },
    });
    if (res.status() === 201) {
      sent = (await res.json()) as CaseDetail;
      break;
    }
    refused.push(`${res.status()} ${await res.text()}`);
  }
  if (!sent) throw new Error(`no case sent: ${refused.join('; ')}`);
  await page.request.post('/api/auth/logout', { headers: { 'X-CSRF-Token': csrf } });

  await loginApi(page, 'operatore.torino', 'DISTRICT_OPERATOR');
  await page.goto(`/pratiche/${sent.caseNumber}`);
  await page.getByRole('button', { name: 'Correggi diagnosi' }).click();
  const dialog = page.getByRole('dialog', { name: 'CORREGGI DIAGNOSI' });
  await expect(dialog).toContainText('Diagnosi attuale: 174.9');
  await chooseDiagnosis(page, '153.0', '153.0');
  await dialog.getByLabel('Nota Interna').fill('Diagnosi del referto istologico');
  await checkScreen(page, '40-correggi-diagnosi');
  await dialog.getByRole('button', { name: 'Sì, correggi' }).click();
  await expect(
    page.getByText(`Diagnosi della pratica ${sent.caseNumber} corretta con successo`),
  ).toBeVisible();
  await expect(page.locator('dl.detail-dl')).toContainText(/153\.0 - /);

  await page.getByRole('button', { name: 'Cronologia', exact: true }).click();
  const history = page.getByRole('dialog', { name: `Cronologia della pratica ${sent.caseNumber}` });
  await expect(history).toContainText(
    'Corretti da distretto: diagnosi 174.9 → 153.0. Diagnosi del referto istologico',
  );
});
