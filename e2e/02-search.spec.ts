/** Manual §3.2 — home: both tabs, every filter, empty state, pagination, filters in the URL, CSV export. */
import type { CaseList } from '@esenzioni/domain';
import { loginApi } from './support/auth';
import { checkScreen, expect, test } from './support/fixtures';
import { COL, SearchPage } from './support/search-page';
import { historyDialog } from './support/detail-page';

async function apiTotal(
  page: import('@playwright/test').Page,
  params: Record<string, string>,
): Promise<CaseList> {
  const res = await page.request.get(`/api/cases?${new URLSearchParams(params)}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as CaseList;
}

test.describe('§3.2 Home: ricerca delle pratiche', () => {
  test.beforeEach(async ({ page }) => {
    await loginApi(page, 'operatore.torino', 'DISTRICT_OPERATOR');
  });

  test('tabs, status filter values, GDPR line, table columns', async ({ page }) => {
    const s = new SearchPage(page);
    await s.open();
    await expect(page.getByRole('link', { name: 'Pratiche da fare' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(
      page.getByText(
        'Ai sensi del GDPR i tuoi accessi verranno tracciati e comunicati eventualmente al cittadino',
      ),
    ).toBeVisible();
    await expect(s.status.locator('option')).toHaveText(['TUTTE', 'INVIATA', 'IN LAVORAZIONE']);
    await expect(s.table.getByRole('columnheader')).toHaveText([
      'N. Pratica',
      'ASL',
      'Distretto',
      'Beneficiario',
      'Compilatore',
      'Codice',
      'Stato pratica',
      'Data Richiesta',
      'Azioni',
    ]);
    const todo = await apiTotal(page, { view: 'todo' });
    expect(await s.waitForResults()).toBe(todo.total);
    expect(new Set(await s.column(COL.status))).toEqual(new Set(['Inviata', 'In lavorazione']));
    await expect(s.rows.first().getByRole('link', { name: /^(Inviata|In lavorazione)/ })).toBeVisible();
    await checkScreen(page, '02-pratiche-da-fare');

    await s.tab('Pratiche chiuse');
    await expect(page).toHaveURL(/view=closed/);
    // the manual's three closed states, then the exemption's later life (expiry sweep, «Revoca»)
    await expect(s.status.locator('option')).toHaveText([
      'TUTTE',
      'ANNULLATA',
      'RESPINTA',
      'VALIDATA',
      'IN SCADENZA',
      'SCADUTA',
      'REVOCATA',
    ]);
    const closed = await apiTotal(page, { view: 'closed' });
    expect(await s.waitForResults()).toBe(closed.total);
    for (const st of await s.column(COL.status))
      expect(['Annullata', 'Respinta', 'Validata', 'In scadenza', 'Scaduta', 'Revocata']).toContain(st);
    await checkScreen(page, '02-pratiche-chiuse');
  });

  test('each filter narrows the search; the URL keeps the filters', async ({ page }) => {
    const s = new SearchPage(page);
    await s.open('?view=closed');
    // Stato
    for (const [label, text, status] of [
      ['RESPINTA', 'Respinta', 'REJECTED'],
      ['VALIDATA', 'Validata', 'VALIDATED'],
      ['ANNULLATA', 'Annullata', 'CANCELLED'],
    ] as const) {
      await s.status.selectOption({ label });
      await s.search();
      await expect(page).toHaveURL(new RegExp(`status=${status}`));
      const api = await apiTotal(page, { view: 'closed', status });
      expect(await s.waitForResults()).toBe(api.total);
      expect(new Set(await s.column(COL.status))).toEqual(new Set([text]));
    }
    await s.reset();
    await expect(s.status).toHaveValue('');

    // Cognome, Nome, Codice fiscale of the first row
    const first = (await apiTotal(page, { view: 'closed' })).items[0]!;
    await s.lastName.fill(first.beneficiary.lastName);
    await s.search();
    for (const b of await s.column(COL.beneficiary)) expect(b).toContain(first.beneficiary.lastName);
    await s.firstName.fill(first.beneficiary.firstName);
    await s.search();
    for (const b of await s.column(COL.beneficiary))
      expect(b).toContain(`${first.beneficiary.firstName} ${first.beneficiary.lastName}`);
    await s.reset();
    await s.fiscalCode.fill(first.beneficiary.fiscalCode.toLowerCase());
    await s.search();
    await expect(page).toHaveURL(new RegExp(`fiscalCode=${first.beneficiary.fiscalCode}`));
    for (const b of await s.column(COL.beneficiary)) expect(b).toContain(first.beneficiary.fiscalCode);
    const byCf = await apiTotal(page, { view: 'closed', fiscalCode: first.beneficiary.fiscalCode });
    expect(await s.waitForResults()).toBe(byCf.total);

    // refresh and a shared link keep the filters; back returns to the previous search
    await page.reload();
    await s.waitForResults();
    await expect(s.fiscalCode).toHaveValue(first.beneficiary.fiscalCode);
    await page.goBack();
    await s.waitForResults();
    await expect(s.fiscalCode).toHaveValue('');

    // Codice esenzione (searchable: suggestions from the catalogue)
    await s.reset();
    await s.code.fill(first.exemptionCode);
    await expect(page.locator('#filtro-codice-elenco option').first()).toBeAttached();
    await s.search();
    const byCode = await apiTotal(page, { view: 'closed', exemptionCode: first.exemptionCode });
    expect(await s.waitForResults()).toBe(byCode.total);
    for (const c of await s.column(COL.code))
      expect(c.startsWith(first.exemptionCode.split('.')[0]!)).toBe(true);

    // Data creazione da / a (the day of the first result)
    await s.reset();
    const day = new Intl.DateTimeFormat('it-IT', {
      timeZone: 'Europe/Rome',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }).format(new Date(first.submittedAt));
    await s.from.fill(day);
    await s.to.fill(day);
    await s.search();
    expect(await s.waitForResults()).toBeGreaterThan(0);
    expect(new Set(await s.column(COL.date))).toEqual(new Set([day]));
    await checkScreen(page, '02-filtri-date');
  });

  test('empty state, and invalid input shown next to its field before any request', async ({ page }) => {
    const s = new SearchPage(page);
    await s.open();
    await s.lastName.fill('ZZZNESSUNO');
    await s.search();
    await expect(
      page.getByText('ATTENZIONE! Non ci sono elementi corrispondenti ai parametri di ricerca inseriti'),
    ).toBeVisible();
    expect(await s.waitForResults()).toBe(0);
    await expect(s.table).toHaveCount(0);
    await checkScreen(page, '02-nessun-risultato');

    await s.reset();
    const searches: string[] = [];
    page.on('request', (r) => r.url().includes('/api/cases') && searches.push(r.url()));
    await s.fiscalCode.fill('RSSMRA48R11B1111');
    await s.from.fill('10/07/2024');
    await s.to.fill('01/07/2024');
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await expect(s.fiscalCode).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Il codice fiscale non ha il formato previsto')).toBeVisible();
    await expect(page.getByText('La data "da" non può essere successiva alla data "a".')).toBeVisible();
    await expect(s.from).toBeFocused();
    await s.to.fill('31/02/2024');
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await expect(page.getByText(/Data non valida: usare il formato gg\/mm\/aaaa/)).toBeVisible();
    await checkScreen(page, '02-filtri-non-validi');
    expect(searches).toEqual([]);
    await expect(page).not.toHaveURL(/fiscalCode=/);

    // a shared link with a bad value shows the same message and does not search
    await page.goto('/pratiche?view=todo&fiscalCode=AAA');
    await expect(page.getByText('Il codice fiscale deve essere di 16 caratteri.')).toBeVisible();
    await expect(page.getByText(/^Risultati trovati/)).toHaveCount(0);
  });

  test('pagination moves through the pages and keeps the filters', async ({ page }) => {
    const s = new SearchPage(page);
    await s.open('?view=closed');
    const total = await s.waitForResults();
    expect(total).toBeGreaterThan(20);
    const pager = page.getByRole('navigation', { name: 'Paginazione dei risultati' });
    await expect(pager.getByRole('link', { name: 'Pagina 1', exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
    const firstPage = await s.column(COL.caseNumber);
    await pager.getByRole('link', { name: 'Pagina 2', exact: true }).click();
    await expect(page).toHaveURL(/page=2/);
    await s.waitForResults();
    const second = await s.column(COL.caseNumber);
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((n) => firstPage.includes(n))).toEqual([]);
    await expect(pager.getByRole('link', { name: 'Pagina 2', exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await pager.getByRole('link', { name: 'Pagina precedente' }).click();
    await expect(page).not.toHaveURL(/page=2/);
    await s.waitForResults();
    expect(await s.column(COL.caseNumber)).toEqual(firstPage);
    await pager.getByRole('link', { name: 'Pagina successiva' }).click();
    await expect(page).toHaveURL(/page=2/);
    await checkScreen(page, '02-paginazione');
  });

  test('the history dialog from the Azioni column, and the CSV export of the search', async ({ page }) => {
    const s = new SearchPage(page);
    await s.open('?view=closed&status=VALIDATED');
    const caseNumber = (await s.column(COL.caseNumber))[0]!;
    const button = s.rows.first().getByRole('button', { name: `Cronologia della pratica ${caseNumber}` });
    await button.click();
    const dialog = await historyDialog(page, caseNumber);
    await expect(dialog.getByRole('cell', { name: 'Validata', exact: true })).toBeVisible();
    await checkScreen(page, '02-cronologia-da-elenco');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(button).toBeFocused();

    const link = page.getByRole('link', { name: /Esporta CSV/ });
    await expect(link).toHaveAttribute('href', /\/api\/cases\/export\.csv\?view=closed&status=VALIDATED/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const path = await download.path();
    const bytes = (await import('node:fs')).readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split(/\r?\n/)[0]).toContain(';');
    expect(text).toContain(caseNumber);
  });

  test('family filter, lenient dates, no stale results, collapsible «Filtri» (issue 17)', async ({
    page,
  }) => {
    const s = new SearchPage(page);
    await s.open('?view=closed');
    // «Tipo di esenzione»: only the family chosen, in the URL, as the API counts it
    await s.family.selectOption({ label: 'Reddito' });
    await s.search();
    await expect(page).toHaveURL(/family=INCOME/);
    const income = await apiTotal(page, { view: 'closed', family: 'INCOME' });
    expect(income.total).toBeGreaterThan(0);
    expect(await s.waitForResults()).toBe(income.total);
    for (const c of await s.column(COL.code)) expect(c).toMatch(/^E\d\d/);
    // the code filter is named for the family chosen
    await expect(page.getByLabel('Codice esenzione reddito', { exact: true })).toBeVisible();
    await s.family.selectOption({ label: 'Malattie croniche' });
    await s.search();
    for (const c of await s.column(COL.code)) expect(c).toMatch(/^0\d\d/);
    await s.reset();
    await expect(s.family).toHaveValue('');

    // a date typed as people type it is accepted and shown as gg/mm/aaaa on leaving the field
    await s.from.fill('1/1/2022');
    await s.from.blur();
    await expect(s.from).toHaveValue('01/01/2022');
    await s.to.fill('31-12-2099');
    await s.to.blur();
    await expect(s.to).toHaveValue('31/12/2099');
    await s.search();
    await expect(page).toHaveURL(/createdFrom=01%2F01%2F2022/);

    // a wrong filter clears the results of the previous search instead of leaving them under the error
    await s.fiscalCode.fill('AAA');
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await expect(page.getByText('Correggere i filtri evidenziati per eseguire la ricerca.')).toBeVisible();
    await expect(page.getByText(/^Risultati trovati/)).toHaveCount(0);
    await expect(s.table).toHaveCount(0);

    // «Filtri» folds away and comes back with what was typed
    const toggle = page.getByRole('button', { name: 'Filtri' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(s.form).toBeHidden();
    await toggle.press('Enter');
    await expect(s.fiscalCode).toHaveValue('AAA');
    await checkScreen(page, '02-filtri-tipo-e-date');
  });
});
