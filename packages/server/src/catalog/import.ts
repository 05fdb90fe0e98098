/**
 * Loads the catalogues shipped in data/ (ASLs, exemption codes, ICD-9-CM diagnoses, exempt-service
 * examples) into the database. Idempotent: rows are upserted by their natural key in one transaction,
 * so running it again (each start, or after a data/ update) changes only what changed in the files.
 */
import path from 'node:path';
import { REPO_ROOT } from '../config.js';
import type { Db } from '../db/client.js';
import {
  insertMissingServices,
  upsertAsls,
  upsertDiagnoses,
  upsertExemptionCodes,
} from '../db/repositories/catalogue-import.js';
import { readAsl, readDiagnoses, readExemptionCodes, readExemptServices } from './sources.js';
import { readDurations } from './durations.js';
import { importDurations } from '../db/repositories/durations.js';

/** True when any catalogue table is still empty: the server then imports data/ at start. */
export { catalogIsEmpty } from '../db/repositories/catalogue-import.js';

export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, 'data');

export interface ImportCounts {
  asl: number;
  exemptionCodes: number;
  diagnoses: number;
  exemptServices: number;
  /** rows of data/exemption-durations.csv whose code is in the catalogue */
  durations: number;
}

export async function importCatalogues(db: Db, opts: { dataDir?: string } = {}): Promise<ImportCounts> {
  const dataDir = opts.dataDir ?? DEFAULT_DATA_DIR;
  // read and check every file before touching the database
  const [asls, codes, diagnoses, services, durations] = await Promise.all([
    readAsl(dataDir),
    readExemptionCodes(dataDir),
    readDiagnoses(dataDir),
    readExemptServices(dataDir),
    readDurations(dataDir),
  ]);
  let durationsLoaded = 0;
  await db.transaction(async (tx) => {
    await upsertAsls(tx, asls);
    await upsertExemptionCodes(tx, codes);
    await upsertDiagnoses(tx, diagnoses);
    await insertMissingServices(tx, services);
    // after the codes: a duration names a catalogue code; the administrator's rows are kept
    durationsLoaded = (await importDurations(tx, durations)).loaded;
  });
  return {
    asl: asls.length,
    exemptionCodes: codes.length,
    diagnoses: diagnoses.length,
    exemptServices: services.length,
    durations: durationsLoaded,
  };
}
