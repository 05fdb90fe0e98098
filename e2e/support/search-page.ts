/** The home page ("Pratiche da fare" / "Pratiche chiuse") as a user sees it. */
import { expect, type Locator, type Page } from '@playwright/test';

export class SearchPage {
  constructor(readonly page: Page) {}

  get form(): Locator {
    return this.page.getByRole('search', { name: 'Filtri di ricerca delle pratiche' });
  }
  get status(): Locator {
    return this.page.getByLabel('Stato', { exact: true });
  }
  get family(): Locator {
    return this.page.getByLabel('Tipo di esenzione', { exact: true });
  }
  get code(): Locator {
    return this.page.getByLabel('Codice esenzione patologia/malattia rara', { exact: true });
  }
  get from(): Locator {
    return this.page.getByLabel('Data creazione da', { exact: true });
  }
  get to(): Locator {
    return this.page.getByLabel('Data creazione a', { exact: true });
  }
  get lastName(): Locator {
    return this.page.getByLabel('Cognome Beneficiario', { exact: true });
  }
  get firstName(): Locator {
    return this.page.getByLabel('Nome Beneficiario', { exact: true });
  }
  get fiscalCode(): Locator {
    return this.page.getByLabel('Codice fiscale Beneficiario', { exact: true });
  }
  get table(): Locator {
    return this.page.getByRole('table', { name: 'Pratiche trovate' });
  }
  get rows(): Locator {
    return this.table.locator('tbody tr');
  }

  async open(query = ''): Promise<void> {
    await this.page.goto(`/pratiche${query}`);
    await this.waitForResults();
  }

  async tab(name: 'Pratiche da fare' | 'Pratiche chiuse'): Promise<void> {
    await this.page.getByRole('link', { name }).click();
    await this.waitForResults();
  }

  async search(): Promise<void> {
    await this.page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await this.waitForResults();
  }

  async reset(): Promise<void> {
    await this.page.getByRole('button', { name: 'Annulla Ricerca' }).click();
    await this.waitForResults();
  }

  /** Waits for "Risultati trovati: N" and returns N. */
  async waitForResults(): Promise<number> {
    const total = this.page.getByText(/^Risultati trovati: (più di )?[\d.]+$/);
    await expect(total).toBeVisible();
    await expect(this.page.getByText('Ricerca in corso…')).toHaveCount(0);
    return Number((await total.textContent())?.replace(/\D+/g, ''));
  }

  /** The text of one column for every row shown. */
  async column(index: number): Promise<string[]> {
    const texts = await this.rows.locator(`td:nth-child(${index + 1})`).allInnerTexts();
    // leave out the words only screen readers hear ("– dettaglio pratica N")
    return texts.map((t) =>
      t
        .replace(/\s*– dettaglio pratica \d+/, '')
        .replace(/\s*della pratica \d+/, '')
        .trim(),
    );
  }
}

export const COL = {
  caseNumber: 0,
  asl: 1,
  district: 2,
  beneficiary: 3,
  submitter: 4,
  code: 5,
  status: 6,
  date: 7,
  actions: 8,
} as const;
