/** Two operators take charge of the same case at once: one succeeds, the other is told who acted first. */
import { loginApi } from './support/auth';
import { pickCase, SLOT } from './support/cases';
import { badge } from './support/detail-page';
import { checkScreen, expect, newWatchedContext, test } from './support/fixtures';

test('concurrent take-charge: one succeeds, the other sees the conflict and the current state', async ({
  page,
  browser,
}) => {
  await loginApi(page, 'operatore.torino', 'DISTRICT_OPERATOR');
  const c = await pickCase(page.request, SLOT.conflict, 'SUBMITTED');
  const me = (await (await page.request.get('/api/auth/me')).json()) as { user: { fiscalCode: string } };

  const other = await newWatchedContext(browser);
  try {
    const page2 = await other.context.newPage();
    await loginApi(page2, 'operatore.torino', 'DISTRICT_OPERATOR');

    await page.goto(`/pratiche/${c.caseNumber}`);
    await page2.goto(`/pratiche/${c.caseNumber}`);
    await expect(badge(page)).toHaveText('INVIATA');
    await expect(badge(page2)).toHaveText('INVIATA');

    // both click; the first one wins
    await page.getByRole('button', { name: 'Prendi in carico' }).click();
    await expect(page.getByText(`Pratica ${c.caseNumber} presa in carico con successo`)).toBeVisible();

    await page2.getByLabel('Nota Interna', { exact: true }).fill('Presa in carico dal secondo operatore');
    await page2.getByRole('button', { name: 'Prendi in carico' }).click();
    const alert = page2.getByText(
      /Operazione «Prendi in carico» non eseguita: la pratica è stata modificata da un altro utente/,
    );
    await expect(alert).toBeVisible();
    await expect(
      page2.getByText(
        new RegExp(
          `${me.user.fiscalCode} \\(OPERATORE_ASL_DISTRETTO\\) ha modificato la pratica il \\d{2}/\\d{2}/\\d{4} alle \\d{2}:\\d{2}\\. Stato attuale: In lavorazione\\.`,
        ),
      ),
    ).toBeVisible();
    // the page now shows the current state, and the note typed is not lost
    await expect(badge(page2)).toHaveText('IN LAVORAZIONE');
    await expect(page2.getByRole('button', { name: 'Prendi in carico' })).toHaveCount(0);
    await expect(page2.getByLabel('Nota Interna', { exact: true })).toHaveValue(
      'Presa in carico dal secondo operatore',
    );
    await checkScreen(page2, '09-conflitto');
    // the history has one take-charge only
    const history = (await (await page.request.get(`/api/cases/${c.caseNumber}/history`)).json()) as {
      items: { status: string }[];
    };
    expect(history.items.filter((h) => h.status === 'IN_PROGRESS')).toHaveLength(1);

    // issue 17 §6: the typed note survives a reload, and a session that ends before it is saved
    await page2.reload();
    await expect(page2.getByLabel('Nota Interna', { exact: true })).toHaveValue(
      'Presa in carico dal secondo operatore',
    );
    await other.context.clearCookies();
    await page2.getByRole('button', { name: 'Salva note' }).click();
    await expect(page2).toHaveURL(/\/accesso$/);
    await loginApi(page2, 'operatore.torino', 'DISTRICT_OPERATOR');
    await page2.goto(`/pratiche/${c.caseNumber}`);
    await expect(page2.getByLabel('Nota Interna', { exact: true })).toHaveValue(
      'Presa in carico dal secondo operatore',
    );
    // saved, it is gone from the draft: a reload shows an empty field and the saved note under it
    await page2.getByRole('button', { name: 'Salva note' }).click();
    await expect(page2.getByText(`Note della pratica ${c.caseNumber} salvate con successo`)).toBeVisible();
    await page2.reload();
    await expect(page2.getByLabel('Nota Interna', { exact: true })).toHaveValue('');
    await expect(
      page2.getByText('Nota Interna attuale: Presa in carico dal secondo operatore'),
    ).toBeVisible();

    expect(other.outside).toEqual([]);
  } finally {
    await other.context.close();
  }
});
