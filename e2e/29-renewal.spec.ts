/**
 * Issue 11 §3 — renewal end to end: the demo citizen's income exemption E01 has ended («Scaduta»,
 * from the demo seed's expiry sweep); the citizen renews it from «Le mie esenzioni», the new case
 * shows the link to the old one; the district operator sees the link and validates; the registry then
 * answers the new exemption (and only one E01) for today.
 */
import { loginApi } from './support/auth';
import { badge, validateFromDetail } from './support/detail-page';
import { checkScreen, expect, test } from './support/fixtures';
import { pageOf } from './support/portal';

test('the citizen renews an expired exemption, the operator validates, the registry shows the new one', async ({
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

  await row.getByRole('button', { name: "Rinnova l'esenzione E01" }).click();
  await expect(page).toHaveURL(/\/cittadino\/pratiche\/\d{18}$/);
  const newCase = page.url().replace(/^.*\//, '');
  expect(newCase).not.toBe(oldCase);
  await expect(page.getByRole('heading', { level: 1, name: `Pratica ${newCase}` })).toBeVisible();
  await expect(page.getByTestId('stato-richiesta')).toHaveText('INVIATA');
  await expect(page.getByRole('link', { name: `Pratica precedente ${oldCase}` })).toBeVisible();
  await checkScreen(page, '29-rinnovo-inviato');
  const me = (await (await page.request.get(`/api/me/cases/${newCase}`)).json()) as {
    beneficiary: { fiscalCode: string };
  };

  // the district operator: the link to the previous case, then «Valida»
  const op = await pageOf(browser, 'operatore.torino', 'DISTRICT_OPERATOR');
  await op.page.goto(`/pratiche/${newCase}`);
  await expect(op.page.getByRole('link', { name: `Pratica precedente ${oldCase}` })).toBeVisible();
  await validateFromDetail(op.page);
  await expect(op.page.getByText(`Pratica ${newCase} validata con successo`)).toBeVisible();
  await expect(badge(op.page)).toContainText('VALIDATA');
  await checkScreen(op.page, '29-rinnovo-validato');
  // the old case names the one that renewed it
  await op.page.getByRole('link', { name: `Pratica precedente ${oldCase}` }).click();
  await expect(op.page.getByRole('link', { name: `Pratica successiva ${newCase}` })).toBeVisible();

  // the registry for today: the new E01, once
  const res = await op.page.request.get(`/api/registry/exemptions?fiscalCode=${me.beneficiary.fiscalCode}`);
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { exemptions: { code: string; caseNumber: string | null }[] };
  expect(body.exemptions.filter((x) => x.code === 'E01').map((x) => x.caseNumber)).toEqual([newCase]);
  expect(op.outside).toEqual([]);
  await op.page.context().close();

  // the citizen's list: the new E01 in force, no «Rinnova» on it
  await page.goto('/cittadino/esenzioni');
  const renewed = page.locator('tr[data-exemption-code="E01"]', { hasText: newCase });
  await expect(renewed).toBeVisible();
  await expect(renewed.getByRole('button', { name: /Rinnova/ })).toHaveCount(0);
});
