/** Manual §4 — Nota Beneficiario and Nota Interna: who reads them, saving them, the cronologia. */
import type { CaseDetail } from '@esenzioni/domain';
import { loginApi } from './support/auth';
import { pickCase, SLOT } from './support/cases';
import { closeDialog, openFromSearch } from './support/detail-page';
import { checkScreen, expect, test } from './support/fixtures';

test('§4 notes: visibility explained next to each field, saved, shown in the cronologia', async ({
  page,
}) => {
  await loginApi(page, 'operatore.torino', 'DISTRICT_OPERATOR');
  const c = await pickCase(page.request, SLOT.notes, 'IN_PROGRESS').catch(() =>
    pickCase(page.request, SLOT.notes, 'SUBMITTED'),
  );
  await openFromSearch(page, c.caseNumber, c.beneficiary.fiscalCode);

  const beneficiary = page.getByLabel('Nota Beneficiario', { exact: true });
  const internal = page.getByLabel('Nota Interna', { exact: true });
  // the visibility text is next to each field and read with it
  await expect(beneficiary).toHaveAccessibleDescription(
    /Visibile al cittadino se la pratica è stata richiesta dal cittadino tramite il portale Salute Piemonte/,
  );
  await expect(beneficiary).toHaveAccessibleDescription(/al medico che ha inviato la pratica/);
  await expect(internal).toHaveAccessibleDescription(
    /Visibile al medico che ha inviato la pratica e agli operatori\/medici di distretto/,
  );
  await expect(internal).toHaveAccessibleDescription(/non è mai visibile al cittadino/);

  // nothing written: saving is refused next to the field
  await page.getByRole('button', { name: 'Salva note' }).click();
  await expect(page.getByText('Inserire almeno una nota (beneficiario o interna).')).toBeVisible();
  await expect(beneficiary).toBeFocused();

  const stamp = Date.now().toString(36).toUpperCase();
  await beneficiary.fill(`Documentazione ricevuta ${stamp}`);
  await internal.fill(`Verificato con lo specialista ${stamp}`);
  await page.getByRole('button', { name: 'Salva note' }).click();
  await expect(page.getByText(`Note della pratica ${c.caseNumber} salvate con successo`)).toBeVisible();
  await expect(beneficiary).toHaveValue('');
  await expect(page.getByText(`Nota Beneficiario attuale: Documentazione ricevuta ${stamp}`)).toBeVisible();
  await expect(page.getByText(`Nota Interna attuale: Verificato con lo specialista ${stamp}`)).toBeVisible();
  await checkScreen(page, '07-note-salvate');
  // issue 17 §4: heading, labels, fields and saved notes never overlap, wide or on a phone
  for (const width of [1280, 992, 360, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoOverlap(page, [
      page.getByRole('heading', { name: 'Note', exact: true }),
      page.locator('label[for="nota-beneficiario"]'),
      beneficiary,
      page.getByText(`Nota Beneficiario attuale: Documentazione ricevuta ${stamp}`),
      page.locator('label[for="nota-interna"]'),
      internal,
      page.getByText(`Nota Interna attuale: Verificato con lo specialista ${stamp}`),
    ]);
  }
  // the two areas start at the same height when side by side
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(Math.round((await beneficiary.boundingBox())!.y)).toBe(
    Math.round((await internal.boundingBox())!.y),
  );
  await checkScreen(page, '07-note-360');

  await page.getByRole('button', { name: 'Cronologia', exact: true }).click();
  const dialog = page.getByRole('dialog');
  const row = dialog.getByRole('row').filter({ hasText: stamp });
  await expect(row.getByRole('cell').nth(3)).toHaveText(`Documentazione ricevuta ${stamp}`);
  await expect(row.getByRole('cell').nth(4)).toHaveText(`Verificato con lo specialista ${stamp}`);
  await expect(row).toContainText('OPERATORE_ASL_DISTRETTO');
  await closeDialog(page);

  // the API gives both notes to the district (the citizen portal shows only the beneficiary note)
  const detail = (await (await page.request.get(`/api/cases/${c.caseNumber}`)).json()) as CaseDetail;
  expect(detail.beneficiaryNote).toBe(`Documentazione ricevuta ${stamp}`);
  expect(detail.internalNote).toBe(`Verificato con lo specialista ${stamp}`);
});

/** No two of the boxes intersect (a floating label over a paragraph, a heading over a label…). */
async function expectNoOverlap(
  page: import('@playwright/test').Page,
  parts: import('@playwright/test').Locator[],
) {
  const boxes = [];
  for (const p of parts) {
    const b = await p.boundingBox();
    expect(b, 'every part is on screen').not.toBeNull();
    boxes.push(b!);
  }
  const width = page.viewportSize()!.width;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const apart =
        a.x + a.width <= b.x + 0.5 ||
        b.x + b.width <= a.x + 0.5 ||
        a.y + a.height <= b.y + 0.5 ||
        b.y + b.height <= a.y + 0.5;
      expect(apart, `at ${width} px, part ${i} and part ${j} overlap`).toBe(true);
    }
  }
}
