/** First-start work on a migrated database: catalogues when missing, demo data or the production admin. */
import type { Config } from '../config.js';
import type { Db } from './client.js';
import { catalogIsEmpty, importCatalogues } from '../catalog/import.js';
import { DEFAULT_REGION } from '../catalog/regional.js';
import { catalogueFidelityMissing } from './repositories/catalogue-fidelity.js';
import { regionalCodesMissing } from './repositories/regional.js';
import { DEMO_ACCOUNTS, seedDemoData, seedProductionAdmin } from '../seed/demo.js';
import { seedDemoHistory } from '../seed/history.js';
import { refreshStatistics } from '../services/statistics/refresh-statistics.js';

export interface Prepared {
  catalogImported: boolean;
  demoAccounts: Array<{ username: string; description: string }>;
}

export async function prepareDatabase(
  db: Db,
  config: Pick<Config, 'seedDemo' | 'bootstrapAdmin'> & Partial<Pick<Config, 'region'>>,
): Promise<Prepared> {
  // empty, or loaded before migration 0018 (issue 12: aliases, documents, repaired ICD-9-CM texts)
  const catalogImported =
    (await catalogIsEmpty(db)) ||
    (await catalogueFidelityMissing(db)) ||
    // loaded before migration 0022, or REGION changed (issue 12 §6)
    (await regionalCodesMissing(db, config.region ?? DEFAULT_REGION));
  if (catalogImported) await importCatalogues(db, config.region ? { region: config.region } : {});
  let demoAccounts: Prepared['demoAccounts'] = [];
  if (config.seedDemo) {
    const seeded = await seedDemoData(db);
    // issue 15: five years of closed cases for the statistics, then their tables
    if (!seeded.skipped) {
      await seedDemoHistory(db);
      await refreshStatistics(db, new Date());
    }
    demoAccounts = DEMO_ACCOUNTS.map((a) => ({ username: a.username, description: a.description }));
  }
  if (config.bootstrapAdmin) await seedProductionAdmin(db, config.bootstrapAdmin);
  return { catalogImported, demoAccounts };
}
