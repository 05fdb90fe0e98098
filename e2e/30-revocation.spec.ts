/**
 * Issue 11 §4 — «Revoca» in the browser: the district operator (operatore.torino) revokes a validated
 * exemption of the demo citizen (NELLO TRENTASEI) with a reason and today as its last day; the registry
 * still answers it today (prescriptions already written stay covered) and no longer tomorrow; the
 * citizen sees the case «Revocata». Sent by the specialist for the first of a few codes the citizen has
 * no open or valid case for, and validated through the API.
 */
import type { CaseDetail, RegistryResponse } from '../packages/domain/src/index';
import type { Page } from '@playwright/test';
import { loginApi } from './support/auth';
import { badge } from './support/detail-page';
import { checkScreen, expect, test } from './support/fixtures';
import { PEOPLE } from './support/portal';

const CODES = [
  ['017.345', '345.90'],
  ['031.402', '402.90'],
  ['006.714.0', '714.0'],
  ['013.250', '250.01'],
] as const;

const isoInRome = (d: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(d).slice(0, 10);
const today = () => isoInRome(new Date());
const tomorrow = () => isoInRome(new Date(Date.now() + 86_400_000));
const italian = (iso: string) => iso.split('-').reverse().join('/');

type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

/**
 * A validated exemption of the first of `people` (default NELLO TRENTASEI) the specialist can still send
 * one of CODES for (other specs use some), validated by operatore.torino.
 */
async function validatedExemption(page: Page, people: Person[] = [PEOPLE.nello]): Promise<CaseDetail> {
  let csrf = await loginApi(page, 'specialista');
  let sent: CaseDetail | null = null;
  const refused: string[] = [];
  for (const [person, [exemptionCode, diagnosisCode]] of people.flatMap((p) =>
    CODES.map((c) => [p, c] as const),
  )) {
    const res = await page.request.post('/api/cases', {
      data: {
        beneficiaryFiscalCode: person.fiscalCode,
        exemptionCode,
        diagnosisCode,
        issuedOn: today(),
      },
      headers: { 'X-CSRF-Token': csrf },
    });
    if (res.status() === 201) {
      sent = (await res.json()) as CaseDetail;
      break;
    }
    refused.push(`${exemptionCode}: ${res.status()} ${await res.text()}`);
  }
  if (!sent) throw new Error(`no case sent: ${refused.join('; ')}`);
  await page.request.post('/api/auth/logout', { headers: { 'X-CSRF-Token': csrf } });
  csrf = await loginApi(page, 'operatore.torino', 'DISTRICT_OPERATOR');
  const v = await page.request.post(`/api/cases/${sent.caseNumber}/validate`, {
    data: {},
    headers: { 'X-CSRF-Token': csrf, 'If-Match': `"${sent.version}"` },
  });
  expect(v.status(), await v.text()).toBe(200);
  return (await v.json()) as CaseDetail;
}

async function registryCaseNumbers(
  page: Page,
  date: string,
  fiscalCode: string = PEOPLE.nello.fiscalCode,
): Promise<string[]> {
  const res = await page.request.get(`/api/registry/exemptions?fiscalCode=${fiscalCode}&date=${date}`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as RegistryResponse).exemptions.map((e) => e.caseNumber ?? '');
}

test('the operator revokes a validated exemption with a reason; the registry answers it up to its end date', async ({
  page,
}) => {
  const c = await validatedExemption(page);
  await page.goto(`/pratiche/${c.caseNumber}`);
  await expect(badge(page)).toHaveText(/validata/i);
  const revoca = page.getByRole('button', { name: 'Revoca', exact: true });
  await expect(page.getByRole('button', { name: 'Annulla esenzione' })).toBeEnabled();

  // «No» changes nothing and gives the focus back
  await revoca.click();
  let dialog = page.getByRole('dialog', { name: 'REVOCA ESENZIONE' });
  await expect(dialog).toContainText(`della pratica ${c.caseNumber}`);
  await dialog.getByRole('button', { name: 'No' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(revoca).toBeFocused();

  await revoca.click();
  dialog = page.getByRole('dialog', { name: 'REVOCA ESENZIONE' });
  await expect(dialog.getByLabel('Ultimo giorno di validità')).toHaveValue(italian(today()));
  // the reason is required
  await dialog.getByRole('button', { name: 'Sì, revoca' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Scegliere il motivo della revoca.');
  await expect(dialog.getByLabel('Motivo della revoca (obbligatorio)')).toBeFocused();
  await dialog
    .getByLabel('Motivo della revoca (obbligatorio)')
    .selectOption({ label: 'Requisiti venuti meno' });
  await dialog.getByLabel('Nota Beneficiario').fill('I requisiti per l’esenzione non sono più presenti.');
  await checkScreen(page, '30-revoca-dialogo');
  await dialog.getByRole('button', { name: 'Sì, revoca' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(`Esenzione della pratica ${c.caseNumber} revocata con successo`)).toBeVisible();
  await expect(badge(page)).toHaveText(/revocata/i);
  await expect(revoca).toHaveCount(0);
  await expect(page.locator('dl.detail-dl')).toContainText('Requisiti venuti meno');
  await checkScreen(page, '30-dettaglio-revocata');

  // the registry answers by date: today (its last day) yes, tomorrow no
  await loginApi(page, 'medico.base');
  expect(await registryCaseNumbers(page, today())).toContain(c.caseNumber);
  expect(await registryCaseNumbers(page, tomorrow())).not.toContain(c.caseNumber);

  // the citizen sees it «Revocata»
  await loginApi(page, 'cittadino');
  await page.goto('/cittadino/pratiche');
  await expect(page.locator(`tr[data-case-number="${c.caseNumber}"]`)).toContainText('Revocata');
  await checkScreen(page, '30-cittadino-revocata');
});

test('«Annulla esenzione» corrects a validation made by mistake: the registry answers it for no date', async ({
  page,
}) => {
  // another person than the revocation's: the specs before this one use most of NELLO's codes
  const c = await validatedExemption(page, [PEOPLE.benedetto, PEOPLE.nello]);
  await page.goto(`/pratiche/${c.caseNumber}`);
  await expect(badge(page)).toHaveText(/validata/i);
  const annulla = page.getByRole('button', { name: 'Annulla esenzione' });
  await annulla.click();
  const dialog = page.getByRole('dialog', { name: 'ANNULLA ESENZIONE' });
  await expect(dialog).toContainText(`della pratica ${c.caseNumber}`);
  // the internal note takes the focus: the reason of the correction, for colleagues
  await expect(dialog.getByLabel('Nota Interna')).toBeFocused();
  await dialog.getByLabel('Nota Interna').fill('Validata per errore su un altro assistito.');
  await checkScreen(page, '30-annulla-dialogo');
  await dialog.getByRole('button', { name: 'Sì, annulla l’esenzione' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(badge(page)).toHaveText(/annullata/i);
  await expect(annulla).toHaveCount(0);

  await loginApi(page, 'medico.base');
  const fc = c.beneficiary.fiscalCode;
  expect(await registryCaseNumbers(page, today(), fc)).not.toContain(c.caseNumber);
  expect(await registryCaseNumbers(page, c.validFrom ?? today(), fc)).not.toContain(c.caseNumber);
});
