/** Manual §3–5 — the detail of a case and its cronologia; « Indietro returns to the search as it was. */
import { request as apiRequest } from '@playwright/test';
import { todayInRome } from '../packages/domain/src/validity';
import { loginApi, PASSWORD, PIN } from './support/auth';
import { getCase, searchAll } from './support/cases';
import { BASE_URL, checkScreen, expect, test } from './support/fixtures';
import { pdfFile, pngFile } from './support/portal';
import { COL, SearchPage } from './support/search-page';
import { historyDialog } from './support/detail-page';

test.describe('Dettaglio pratica e cronologia', () => {
  test.beforeEach(async ({ page }) => {
    await loginApi(page, 'operatore.torino', 'DISTRICT_OPERATOR');
  });

  test('a validated case: badge, beneficiary, exemption, family, dates, services, cronologia, back', async ({
    page,
  }) => {
    const s = new SearchPage(page);
    await s.open('?view=closed&status=VALIDATED');
    await page.getByRole('link', { name: 'Pagina 2', exact: true }).click();
    await s.waitForResults();
    const searchUrl = page.url();
    const caseNumber = (await s.column(COL.caseNumber))[0]!;
    const c = await getCase(page.request, caseNumber);

    await s.rows
      .first()
      .getByRole('link', { name: /^Validata/ })
      .click();
    await expect(page).toHaveURL(new RegExp(`/pratiche/${caseNumber}$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Dettaglio pratica' })).toBeVisible();
    await expect(page.getByTestId('stato-badge')).toHaveText('VALIDATA');
    const dl = page.locator('dl.detail-dl');
    await expect(dl.getByText(c.beneficiary.fiscalCode)).toBeVisible();
    await expect(dl.getByText(`${c.beneficiary.lastName} ${c.beneficiary.firstName}`)).toBeVisible();
    await expect(dl.getByText(c.exemption.description, { exact: false }).first()).toBeVisible();
    await expect(dl.getByText('Pratica di esenzione per')).toBeVisible();
    await expect(
      dl.getByText(
        /^(Malattie croniche|Malattie rare|Invalidità|Reddito|Gravidanza|Cure odontoiatriche|Altre esenzioni)$/,
      ),
    ).toBeVisible();
    await expect(dl.getByText('Stato pratica', { exact: true })).toBeVisible();
    await expect(dl.getByText(/^Aggiornato al \d{2}\/\d{2}\/\d{4}$/)).toBeVisible();
    await expect(dl.getByText(/^Disponibile fino al (\d{2}\/\d{2}\/\d{4}|senza scadenza)$/)).toBeVisible();
    await expect(dl.getByText('Diagnosi', { exact: true })).toBeVisible();
    await expect(dl.getByText(`Numero pratica ${caseNumber}`)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Elenco prestazioni esenti' })).toBeVisible();
    // a closed case offers no action
    for (const name of ['Prendi in carico', 'Valida', 'Respingi', 'Salva note']) {
      await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
    }
    if (c.exemptServices.length > 3) {
      const more = page.getByRole('button', { name: 'Mostra tutto' });
      await expect(more).toHaveAttribute('aria-expanded', 'false');
      await more.click();
      await expect(page.getByRole('button', { name: 'Mostra meno' })).toHaveAttribute(
        'aria-expanded',
        'true',
      );
    }
    await checkScreen(page, '03-dettaglio-validata');

    // Cronologia: focus goes into the dialog, and back to the button when it closes
    const open = page.getByRole('button', { name: 'Cronologia', exact: true });
    await open.click();
    const dialog = await historyDialog(page, caseNumber);
    await expect(dialog.getByRole('cell', { name: 'Inviata', exact: true })).toBeVisible();
    await expect(dialog.getByRole('cell', { name: 'Validata', exact: true })).toBeVisible();
    await expect(dialog.getByText('OPERATORE_ASL_DISTRETTO').first()).toBeVisible();
    await expect(dialog.getByText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/).first()).toBeVisible();
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await checkScreen(page, '03-cronologia');
    await dialog.getByRole('button', { name: 'Chiudi', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(open).toBeFocused();

    // « Indietro: the search as it was (closed tab, VALIDATED, page 2)
    await page.getByRole('link', { name: /Indietro/ }).click();
    await expect(page).toHaveURL(searchUrl);
    await s.waitForResults();
    await expect(s.status).toHaveValue('VALIDATED');
    await expect(page.getByRole('link', { name: 'Pagina 2', exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  test('a case sent by a citizen offers "Scarica allegati"', async ({ page }) => {
    const all = [
      ...(await searchAll(page.request, { view: 'todo' })),
      ...(await searchAll(page.request, { view: 'closed' })),
    ];
    let withAttachments: string | null = null;
    for (const item of all.filter((c) => c.submitter.type === 'CITIZEN' || c.submitter.type === 'DELEGATE')) {
      const c = await getCase(page.request, item.caseNumber);
      if (c.attachments.length > 0) {
        withAttachments = c.caseNumber;
        break;
      }
    }
    // none in the seed of this ASL (or all taken by other specs): the demo citizen sends one
    withAttachments ??= await citizenCaseWithAttachments();
    await page.goto(`/pratiche/${withAttachments}`);
    const toggle = page.getByRole('button', { name: /Scarica allegati/ });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    const file = page.getByRole('list', { name: 'Allegati della richiesta' }).getByRole('link').first();
    const [download] = await Promise.all([page.waitForEvent('download'), file.click()]);
    expect(download.suggestedFilename().length).toBeGreaterThan(0);
    await checkScreen(page, '03-dettaglio-allegati');
  });

  test('an unknown case number says so', async ({ page }) => {
    await page.goto('/pratiche/202401030100999999');
    await expect(page.getByText('Non è stato possibile leggere la pratica')).toBeVisible();
    await checkScreen(page, '03-pratica-inesistente');
  });
});

/**
 * A request the demo citizen (NELLO TRENTASEI, ASL Città di Torino) sends through the API with an
 * identity document and another attachment. Code C01 is used only here.
 */
async function citizenCaseWithAttachments(): Promise<string> {
  const ctx = await apiRequest.newContext({ baseURL: BASE_URL });
  try {
    const login = await ctx.post('/api/auth/login', {
      data: { username: 'cittadino', password: PASSWORD, pin: PIN },
    });
    expect(login.status(), await login.text()).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const res = await ctx.post('/api/me/cases', {
      headers: { 'X-CSRF-Token': csrfToken },
      multipart: {
        exemptionCode: 'C01',
        issuedOn: todayInRome(),
        // issue 12 §4: the verbale of C01 (civil invalidity, 100 %, no accompaniment)
        invalidityKind: 'CIVIL',
        invalidityPercentage: '100',
        verbaleNumber: 'VRB-03-0001',
        verbaleIssuer: 'Commissione medica ASL',
        certificate: pdfFile('verbale-invalidita.pdf', 'Verbale di invalidita'),
        identityDocument: pngFile('documento-identita.png'),
        documents: pdfFile('referto.pdf', 'Referto'),
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    return ((await res.json()) as { caseNumber: string }).caseNumber;
  } finally {
    await ctx.dispose();
  }
}
