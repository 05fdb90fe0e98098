/**
 * Issue 4 — bad uploads: an .exe renamed .pdf (bytes "MZ…"), an 11 MB file and more than 5 files are
 * refused in the browser with a clear message next to their field, before anything is sent; the server
 * refuses them too when they are sent anyway.
 */
import { todayInRome } from '../packages/domain/src/validity';
import { loginApi } from './support/auth';
import { checkScreen, expect, test } from './support/fixtures';
import { pdfFile, pngFile } from './support/portal';

const exe = {
  name: 'certificato.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4096, 0x90)]),
};
const big = {
  name: 'scansione-grande.png',
  mimeType: 'image/png',
  buffer: Buffer.concat([pngFile('x.png').buffer, Buffer.alloc(11 * 1024 * 1024, 0)]),
};

test('refused in the browser, next to each field, and nothing is sent', async ({ page }) => {
  await loginApi(page, 'cittadino');
  await page.goto('/cittadino/nuova-richiesta');
  const posts: string[] = [];
  page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));

  await page.locator('label[for="tipo-INVALIDITY"]').click();
  await page.getByLabel('Codice esenzione per invalidità').selectOption('C04');
  // issue 12 §4: the verbale's data (only the files are wrong here)
  await page.getByLabel('Numero del verbale').fill('VRB-24-0001');
  await page.getByLabel('Rilasciato da (commissione o ente)').fill('Commissione medica ASL');
  await page.getByLabel('Verbale di invalidità', { exact: true }).setInputFiles(exe);
  await page.getByLabel("Documento d'identità", { exact: true }).setInputFiles(big);
  await page
    .getByLabel(/^Altri documenti/)
    .setInputFiles([1, 2, 3, 4].map((i) => pdfFile(`referto-${i}.pdf`)));
  await page.getByRole('button', { name: 'Invia la richiesta' }).click();

  const certificate = page.getByLabel('Verbale di invalidità', { exact: true });
  await expect(certificate).toHaveAttribute('aria-invalid', 'true');
  await expect(certificate).toHaveAccessibleDescription(
    /Il file «certificato\.pdf» non è un PDF, un'immagine JPEG o PNG: sono ammessi solo questi formati\./,
  );
  await expect(certificate).toBeFocused();
  await expect(page.getByLabel("Documento d'identità", { exact: true })).toHaveAccessibleDescription(
    /Il file «scansione-grande\.png» pesa 11,0 MB: ogni documento può pesare al massimo 10 MB\./,
  );
  await expect(page.getByLabel(/^Altri documenti/)).toHaveAccessibleDescription(
    /Si possono allegare al massimo 5 documenti per pratica \(selezionati: 6\)\./,
  );
  await expect(page.getByText('Richiesta non inviata')).toBeVisible();
  // issue 17 §6: every error at once above the form, each a link to its field
  const summary = page.locator('.summary-links');
  await expect(summary.getByRole('link')).toHaveCount(3);
  await summary
    .getByRole('link', { name: /^Documento d'identità: Il file «scansione-grande\.png» pesa/ })
    .click();
  await expect(page.getByLabel("Documento d'identità", { exact: true })).toBeFocused();
  expect(posts).toEqual([]);
  await checkScreen(page, '24-file-rifiutati');

  // corrected: the messages go away as the files are replaced
  await certificate.setInputFiles(pdfFile('verbale.pdf'));
  await expect(certificate).not.toHaveAttribute('aria-invalid', 'true');
});

test('the server refuses them as well when sent without the browser checks', async ({ page }) => {
  const csrf = await loginApi(page, 'cittadino');
  const fields = { exemptionCode: 'C04', issuedOn: todayInRome() };
  const wrongType = await page.request.post('/api/me/cases', {
    headers: { 'X-CSRF-Token': csrf },
    multipart: { ...fields, certificate: exe, identityDocument: pngFile('id.png') },
  });
  expect(wrongType.status()).toBe(415);
  expect(((await wrongType.json()) as { detail: string }).detail).toContain('non è un PDF');
  const tooBig = await page.request.post('/api/me/cases', {
    headers: { 'X-CSRF-Token': csrf },
    multipart: { ...fields, certificate: pdfFile('c.pdf'), identityDocument: big },
  });
  expect(tooBig.status()).toBe(413);
  expect(((await tooBig.json()) as { detail: string }).detail).toContain('10 MB');
});
