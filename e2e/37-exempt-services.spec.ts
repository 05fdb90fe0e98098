/**
 * Issue 12 §8 — exempt services. The detail of a 048 case gives the standard sentence («Tutte le
 * prestazioni appropriate…»), never «Nessuna prestazione»; a 013 case (diabetes) says «Elenco non
 * ancora caricato». The administrator (admin.cataloghi: e2e 01 locks `admin`) loads a services file:
 * a file with a service missing from the national nomenclator is refused with its line; the right
 * file is loaded and the 013 case's detail then lists its services. axe on each screen.
 * Code whose list is loaded only here: 013.
 */
import type { Page } from '@playwright/test';
import { loginApi } from './support/auth';
import { checkScreen, expect, test } from './support/fixtures';
import { pageOf } from './support/portal';

/** The number of a closed demo case of the operator's ASL with this code (or base code). */
async function caseWithCode(page: Page, code: string): Promise<string> {
  const res = await page.request.get(`/api/cases?view=closed&exemptionCode=${code}&pageSize=5`);
  expect(res.status(), await res.text()).toBe(200);
  const { items } = (await res.json()) as { items: Array<{ caseNumber: string }> };
  expect(items.length, `a demo case with ${code}`).toBeGreaterThan(0);
  return items[0]!.caseNumber;
}

const csv = (rows: string[]) => ({
  name: 'prestazioni-013.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(['code,service_code,note,valid_from,valid_until,source', ...rows].join('\n'), 'utf8'),
});

test('the detail tells the services: standard sentence, «elenco non ancora caricato», then the loaded list', async ({
  page,
  browser,
}) => {
  await loginApi(page, 'operatore.torino', 'DISTRICT_OPERATOR');
  const tumour = await caseWithCode(page, '048');
  await page.goto(`/pratiche/${tumour}`);
  const services = page.getByTestId('prestazioni-esenti');
  await expect(services.getByRole('heading', { name: 'Elenco prestazioni esenti' })).toBeVisible();
  await expect(services.getByTestId('ambito-esenzione')).toHaveText('Esenzione totale: tutte le prestazioni');
  await expect(services).toContainText(
    'Tutte le prestazioni appropriate per il monitoraggio della patologia',
  );
  await expect(services).not.toContainText(/nessuna prestazione/i);
  await checkScreen(page, '37-dettaglio-048');

  const diabetes = await caseWithCode(page, '013');
  await page.goto(`/pratiche/${diabetes}`);
  await expect(services.getByTestId('ambito-esenzione')).toHaveText(
    'Le prestazioni dell’elenco della patologia',
  );
  await expect(services).toContainText('Elenco non ancora caricato');
  await expect(services).not.toContainText(/nessuna prestazione/i);
  await checkScreen(page, '37-dettaglio-non-caricato');

  // the administrator loads the list of 013
  const admin = await pageOf(browser, 'admin.cataloghi');
  try {
    const a = admin.page;
    await a.goto('/');
    await a
      .getByRole('navigation', { name: 'Sezioni del servizio' })
      .getByRole('link', { name: 'Prestazioni esenti' })
      .click();
    await expect(a.getByRole('heading', { level: 1, name: 'Prestazioni esenti' })).toBeVisible();
    await checkScreen(a, '37-amministrazione');
    const file = a.getByLabel('File CSV delle prestazioni esenti');
    await file.setInputFiles(
      csv([
        '013,90.27.1,,2017-03-19,,DPCM 12/1/2017 Allegato 8',
        '013,99.99.9,,2017-03-19,,DPCM 12/1/2017 Allegato 8',
      ]),
    );
    await a.getByRole('button', { name: 'Carica il file' }).click();
    await expect(a.getByText(/^Il file non è stato caricato: 1 errore\./)).toBeVisible();
    await expect(a.getByTestId('errori-file')).toContainText(
      'riga 3: la prestazione «99.99.9» non è nel nomenclatore nazionale',
    );
    await checkScreen(a, '37-file-rifiutato');
    await file.setInputFiles(
      csv([
        '013,89.7A.8,,2017-03-19,,DPCM 12/1/2017 Allegato 8',
        '013,90.27.1,,2017-03-19,,DPCM 12/1/2017 Allegato 8',
        '013,90.28.1,,2017-03-19,,DPCM 12/1/2017 Allegato 8',
        '013,90.44.1,,2017-03-19,,DPCM 12/1/2017 Allegato 8',
      ]),
    );
    await a.getByRole('button', { name: 'Carica il file' }).click();
    await expect(a.getByText('File caricato: 4 prestazioni per 013.')).toBeVisible();
    await expect(a.getByRole('cell', { name: 'prestazioni-013.csv' })).toBeVisible();
    await checkScreen(a, '37-file-caricato');
  } finally {
    await admin.page.context().close();
  }

  await page.reload();
  await expect(services).toContainText(
    '4 prestazioni (elenco del codice 013, fonte: DPCM 12/1/2017 Allegato 8)',
  );
  await expect(services).toContainText('90.28.1 Hb - EMOGLOBINA GLICATA');
  await expect(services).not.toContainText('Elenco non ancora caricato');
  await checkScreen(page, '37-dettaglio-elenco');
});
