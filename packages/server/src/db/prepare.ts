/** First-start work on a migrated database: catalogues when missing, demo data or the production admin. */
import type { Config } from '../config.js';
import type { Db } from './client.js';
import { catalogIsEmpty, importCatalogues } from '../catalog/import.js';
import { DEMO_ACCOUNTS, seedDemoData, seedProductionAdmin } from '../seed/demo.js';

export interface Prepared {
  catalogImported: boolean;
  demoAccounts: Array<{ username: string; description: string }>;
}

export async function prepareDatabase(
  db: Db,
  config: Pick<Config, 'seedDemo' | 'bootstrapAdmin'>,
): Promise<Prepared> {
  const catalogImported = await catalogIsEmpty(db);
  if (catalogImported) await importCatalogues(db);
  let demoAccounts: Prepared['demoAccounts'] = [];
  if (config.seedDemo) {
    await seedDemoData(db);
    demoAccounts = DEMO_ACCOUNTS.map((a) => ({ username: a.username, description: a.description }));
  }
  if (config.bootstrapAdmin) await seedProductionAdmin(db, config.bootstrapAdmin);
  return { catalogImported, demoAccounts };
}
