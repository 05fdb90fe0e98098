/**
 * Issue 17 §6 — an operator's notifications: the specialist who sent a case reads, under «Notifiche»,
 * that the district validated it (the case number only, no name, no code) and opens it from there.
 * Axe on the page, keyboard-only marking as read. Code used only here: 031A.401 (diagnosis 401.1)
 * for BENEDETTO or NELLO.
 */
import type { CaseDetail } from '@esenzioni/domain';
import { loginApi } from './support/auth';
import { PEOPLE } from './support/portal';
import { checkScreen, expect, test } from './support/fixtures';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

test('the specialist reads in «Notifiche» that the case they sent was validated', async ({ page }) => {
  // the specialist sends, the district validates (API), the outbox worker writes the notification
  let csrf = await loginApi(page, 'specialista');
  let sent: CaseDetail | null = null;
  for (const person of [PEOPLE.benedetto, PEOPLE.nello]) {
    const res = await page.request.post('/api/cases', {
      data: {
        beneficiaryFiscalCode: person.fiscalCode,
        exemptionCode: '031A.401',
        diagnosisCode: '401.1',
        issuedOn: today(),
      },
      headers: { 'X-CSRF-Token': csrf },
    });
    if (res.status() === 201) {
      sent = (await res.json()) as CaseDetail;
      break;
    }
  }
  if (!sent) throw new Error('no case sent');
  await page.request.post('/api/auth/logout', { headers: { 'X-CSRF-Token': csrf } });
  csrf = await loginApi(page, 'operatore.torino', 'DISTRICT_OPERATOR');
  const validated = await page.request.post(`/api/cases/${sent.caseNumber}/validate`, {
    data: {},
    headers: { 'X-CSRF-Token': csrf, 'If-Match': `"${sent.version}"` },
  });
  expect(validated.status()).toBe(200);
  await page.request.post('/api/auth/logout', { headers: { 'X-CSRF-Token': csrf } });

  await loginApi(page, 'specialista');
  await page.goto('/specialista/pratiche-inviate');
  const nav = page.getByRole('navigation', { name: 'Sezioni del servizio' });
  await nav.getByRole('link', { name: 'Notifiche' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notifiche' })).toBeVisible();
  const text = `La pratica n. ${sent.caseNumber} che ha inviato è stata validata dal distretto.`;
  await expect
    .poll(
      async () => {
        await page.reload();
        // count only once the list has arrived (the count line is shown with the data)
        await expect(page.getByText(/^Notifiche non lette: \d+$/)).toBeVisible();
        return page.getByTestId('notifica').filter({ hasText: text }).count();
      },
      { timeout: 30_000 },
    )
    .toBe(1);
  const item = page.getByTestId('notifica').filter({ hasText: text });
  await expect(item).not.toContainText(/031A|401|IPERTENSIONE|TRENTA/);
  await checkScreen(page, '46-notifiche-operatore');
  // keyboard only: to «Segna come letta», Enter; the focus stays on the notification
  const mark = item.getByRole('button', { name: /^Segna come letta/ });
  await mark.focus();
  await page.keyboard.press('Enter');
  await expect(item.getByText('Non letta')).toHaveCount(0);
  await expect(item).toBeFocused();
  // the case opens in the backoffice detail
  await item.getByRole('link', { name: `Pratica ${sent.caseNumber}` }).click();
  await expect(page).toHaveURL(new RegExp(`/pratiche/${sent.caseNumber}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Dettaglio pratica' })).toBeVisible();
});

test('a GP has no notifications page: sent home before anything is shown', async ({ page }) => {
  await loginApi(page, 'medico.base');
  await page.goto('/notifiche');
  await expect(page).toHaveURL(/\/verifica-esenzioni$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Notifiche' })).toHaveCount(0);
});
