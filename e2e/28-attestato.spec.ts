/**
 * Issue 11 §5 — one attestato per person: the district operator prints it from a case detail
 * ("Stampa attestato"), the counter from the person it looked up, the citizen downloads it for the
 * whole list ("Scarica attestato"); the verification code printed on it is "valido alla data …" at
 * the public check, which names nobody. Read-only: it changes no case.
 */
import { loginApi } from './support/auth';
import { searchAll, firstOfRegistryPeople } from './support/cases';
import { checkScreen, expect, test } from './support/fixtures';
import { downloadBytes } from './support/portal';
import { pdfText } from '../packages/server/test/helpers/pdf-text';

const verificationCode = (pdf: Buffer): string => {
  const m = /Codice di verifica: \n?([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(pdfText(pdf));
  expect(m, 'the attestato prints its verification code').not.toBeNull();
  return m![1]!;
};

test('district operator: "Stampa attestato" on the case detail, verified at the public check', async ({
  page,
}) => {
  await loginApi(page, 'operatore.torino', 'DISTRICT_OPERATOR');
  const items = await searchAll(page.request, { view: 'closed', status: 'VALIDATED' });
  const c = await firstOfRegistryPeople(page.request, items);
  await page.goto(`/pratiche/${c.caseNumber}`);
  const link = page.getByRole('link', { name: /^Stampa attestato/ });
  await expect(link).toBeVisible();
  await checkScreen(page, '28-stampa-attestato-dettaglio');
  const pdf = await downloadBytes(page, () => link.click());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = pdfText(pdf);
  expect(text).toContain('ATTESTATO DI ESENZIONE');
  expect(text).toContain('DEMO');
  expect(text).toContain(c.beneficiary.fiscalCode);

  const answer = await page.request.get(`/api/attestati/verify/${verificationCode(pdf)}`);
  expect(answer.status()).toBe(200);
  const body = (await answer.json()) as { esito: string; valido: boolean };
  expect(body.esito).toMatch(/^valido alla data \d{2}\/\d{2}\/\d{4}$/);
  expect(JSON.stringify(body)).not.toContain(c.beneficiary.fiscalCode);
  expect(
    (
      (await (await page.request.get('/api/attestati/verify/ABCD-EFGH-JKMN-PQRS')).json()) as {
        esito: string;
      }
    ).esito,
  ).toBe('non valido');
});

test('counter: "Stampa attestato" for the person looked up', async ({ page }) => {
  await loginApi(page, 'operatore.torino', 'ADMIN_OPERATOR');
  const items = await searchAll(page.request, { view: 'closed', status: 'VALIDATED' });
  const fiscalCode = (await firstOfRegistryPeople(page.request, items)).beneficiary.fiscalCode;
  await page.goto('/sportello/nuova-pratica');
  await page.getByLabel("Codice fiscale dell'assistito").fill(fiscalCode);
  await page.getByRole('button', { name: 'Cerca assistito' }).click();
  const found = page.getByTestId('assistito-trovato');
  await expect(found).toBeVisible();
  const link = found.getByRole('link', { name: /^Stampa attestato/ });
  await expect(link).toBeVisible();
  await checkScreen(page, '28-stampa-attestato-sportello');
  const pdf = await downloadBytes(page, () => link.click());
  expect(pdfText(pdf)).toContain(fiscalCode);
});

test('citizen: "Scarica attestato" for the whole list of "Le mie esenzioni"', async ({ page }) => {
  await loginApi(page, 'cittadino');
  await page.goto('/cittadino/esenzioni');
  await expect(page.getByRole('heading', { level: 1, name: 'Le mie esenzioni' })).toBeVisible();
  const link = page.getByRole('link', { name: /^Scarica attestato/ });
  await expect(link).toBeVisible();
  await checkScreen(page, '28-scarica-attestato');
  const pdf = await downloadBytes(page, () => link.click());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdfText(pdf)).toContain('ATTESTATO DI ESENZIONE');
});
