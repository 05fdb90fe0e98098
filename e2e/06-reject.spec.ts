/** Manual §6 — respingimento with the mandatory Motivazione. */
import { loginApi } from './support/auth';
import { pickCase, SLOT, todayItalian } from './support/cases';
import { badge, openFromSearch } from './support/detail-page';
import { checkScreen, expect, test } from './support/fixtures';

test('§6 Respingi: no reason → cannot confirm; with a reason → RESPINTA - REQUISITI NON SUFFICIENTI', async ({
  page,
}) => {
  await loginApi(page, 'operatore.torino', 'DISTRICT_OPERATOR');
  const c = await pickCase(page.request, SLOT.reject, 'SUBMITTED');
  await openFromSearch(page, c.caseNumber, c.beneficiary.fiscalCode);

  const respingi = page.getByRole('button', { name: 'Respingi', exact: true });
  await respingi.click();
  const dialog = page.getByRole('dialog', { name: 'RESPINGI' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(`Sei sicuro di voler respingere la pratica ${c.caseNumber}?`)).toBeVisible();
  const reason = dialog.getByLabel(/Motivazione/);
  await expect(reason).toBeFocused();
  await expect(reason.locator('option')).toHaveText([
    'Seleziona motivazione',
    'Requisiti non sufficienti',
    'Documentazione non corretta',
    'Documentazione insufficiente',
    'Altro',
  ]);
  await checkScreen(page, '06-respingi-dialogo');

  // no reason: the dialog stays, says why, nothing is sent
  const sent: string[] = [];
  page.on('request', (r) => r.method() === 'POST' && sent.push(r.url()));
  await dialog.getByRole('button', { name: 'Sì, respingi' }).click();
  await expect(dialog.getByText('Scegliere una motivazione per respingere la pratica.')).toBeVisible();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toBeFocused();
  await expect(dialog).toBeVisible();
  expect(sent).toEqual([]);
  await checkScreen(page, '06-respingi-senza-motivazione');

  // "No" closes without doing anything and gives focus back to the button
  await dialog.getByRole('button', { name: 'No', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(respingi).toBeFocused();
  await expect(badge(page)).toHaveText('INVIATA');

  await respingi.click();
  await dialog.getByLabel(/Motivazione/).selectOption({ label: 'Requisiti non sufficienti' });
  await dialog.getByRole('button', { name: 'Sì, respingi' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Pratica ${c.caseNumber} respinta con successo`)).toBeVisible();
  // focus lands on the confirmation, not on the page body
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
    .toContain('respinta con successo');
  await expect(badge(page)).toHaveText('RESPINTA - REQUISITI NON SUFFICIENTI');
  await expect(page.locator('dl.detail-dl').getByText(`Respinta il ${todayItalian()}`)).toBeVisible();
  await expect(page.locator('dl.detail-dl')).toContainText('Respinta');
  for (const name of ['Prendi in carico', 'Valida', 'Respingi']) {
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  }
  await checkScreen(page, '06-respinta');

  // it has moved to "Pratiche chiuse"
  await page.goto(`/pratiche?view=closed&status=REJECTED&fiscalCode=${c.beneficiary.fiscalCode}`);
  await expect(page.locator(`tr[data-case-number="${c.caseNumber}"]`)).toContainText('Respinta');
});
