/**
 * Renewal end to end (issue 11 §3, issue 12 §1): the demo citizen's income exemption E01 has ended
 * («Scaduta», from the demo seed's expiry sweep). An income exemption is renewed by a new
 * self-declaration, never by copying the old case: «Rinnova» in «Le mie esenzioni» opens «Esenzione per
 * reddito», the declaration that meets the rules is issued at once, and the registry then answers the new
 * E01, once, for today. (The direct renewal of the other families is in the server's renewal test.)
 */
import { loginApi } from './support/auth';
import { checkScreen, expect, test } from './support/fixtures';
import { pageOf } from './support/portal';

test('the citizen renews an expired income exemption with a new declaration; the registry shows the new one', async ({
  page,
  browser,
}) => {
  await loginApi(page, 'cittadino');
  await page.goto('/cittadino/esenzioni');
  await expect(page.getByRole('heading', { level: 1, name: 'Le mie esenzioni' })).toBeVisible();
  const row = page.locator('tr[data-exemption-code="E01"]');
  await expect(row).toContainText('Scaduta');
  const oldCase = ((await row.getByText(/^Pratica \d{18}$/).textContent()) ?? '').replace(/\D+/g, '');
  await checkScreen(page, '29-esenzioni-scaduta');

  await row.getByRole('link', { name: "Rinnova l'esenzione E01: nuova autocertificazione" }).click();
  await expect(page).toHaveURL(/\/cittadino\/esenzione-reddito$/);
  await page.locator('label[for="reddito-codice-E01"]').click();
  await page
    .getByLabel(/^Reddito complessivo del nucleo familiare fiscale nel \d{4} \(euro\)$/)
    .fill('20.000,00');
  await page.locator('label[for="reddito-dpr445"]').click();
  await checkScreen(page, '29-rinnovo-dichiarazione');
  await page.getByRole('button', { name: 'Invia la dichiarazione' }).click();
  const issued = page.getByText(/^Esenzione E01 rilasciata a TRENTASEI NELLO: /);
  await expect(issued).toContainText(`al 31/03/${new Date().getFullYear() + 1}`);
  const newCase = ((await issued.textContent()) ?? '').match(/pratica n\. (\d{18})/)?.[1] ?? '';
  expect(newCase).toMatch(/^\d{18}$/);
  expect(newCase).not.toBe(oldCase);
  await checkScreen(page, '29-rinnovo-rilasciato');

  // the registry for today, as a GP reads it: the new E01, once
  const gp = await pageOf(browser, 'medico.base', 'GP');
  const me = (await (await page.request.get(`/api/me/cases/${newCase}`)).json()) as {
    beneficiary: { fiscalCode: string };
  };
  const res = await gp.page.request.get(`/api/registry/exemptions?fiscalCode=${me.beneficiary.fiscalCode}`);
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { exemptions: { code: string; caseNumber: string | null }[] };
  expect(body.exemptions.filter((x) => x.code === 'E01').map((x) => x.caseNumber)).toEqual([newCase]);
  expect(gp.outside).toEqual([]);
  await gp.page.context().close();

  // the citizen's list: the new E01 in force, no «Rinnova» on it
  await page.goto('/cittadino/esenzioni');
  const renewed = page.locator('tr[data-exemption-code="E01"]', { hasText: newCase });
  await expect(renewed).toBeVisible();
  await expect(renewed.getByRole('link', { name: /Rinnova/ })).toHaveCount(0);
});
