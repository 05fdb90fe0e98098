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
import {
  readAsl,
  readDiagnoses,
  readExemptionCodes,
  readExemptServices,
  readNomenclator,
} from './sources.js';
import { upsertNomenclator } from '../db/repositories/exempt-services.js';
import { readDurations } from './durations.js';
import { importDurations } from '../db/repositories/durations.js';
import { readIncomeThresholds } from './income-thresholds.js';
import { replaceThresholds } from '../db/repositories/self-declarations.js';
import { readAddedCodes, readAliases, readFamilyDocuments } from './fidelity.js';
import { replaceAliases, replaceFamilyDocuments } from '../db/repositories/catalogue-fidelity.js';
import { DEFAULT_REGION, readRegionalCodes } from './regional.js';
import { upsertRegionalCodes } from '../db/repositories/regional.js';

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
  /** issue 12 §7, §9: rows of data/exemption-code-aliases.csv loaded, rows of data/family-documents.csv */
  aliases: number;
  familyDocuments: number;
  /** issue 12 §6: codes of data/regional-codes-<REGION>.csv */
  regionalCodes: number;
}

export async function importCatalogues(
  db: Db,
  opts: { dataDir?: string; region?: string } = {},
): Promise<ImportCounts> {
  const dataDir = opts.dataDir ?? DEFAULT_DATA_DIR;
  // read and check every file before touching the database
  const [asls, catalogueCodes, diagnoses, services, durations, aliases, addedCodes, familyDocuments] =
    await Promise.all([
      readAsl(dataDir),
      readExemptionCodes(dataDir),
      readDiagnoses(dataDir),
      readExemptServices(dataDir),
      readDurations(dataDir),
      readAliases(dataDir),
      readAddedCodes(dataDir),
      readFamilyDocuments(dataDir),
    ]);
  // national codes the catalogue extract lacks (R99): only where the catalogue has no row of the code
  const known = new Set(catalogueCodes.map((c) => c.code));
  const codes = [...catalogueCodes, ...addedCodes.filter((c) => !known.has(c.code))];
  const nomenclator = await readNomenclator(dataDir);
  // issue 12 §1: the income limits by code and date (data/income-thresholds.csv)
  const incomeThresholds = await readIncomeThresholds(dataDir);
  // the Region's own codes (issue 12 §6): the REGION setting chooses the file; never a national code
  const regional = await readRegionalCodes(
    dataDir,
    opts.region ?? DEFAULT_REGION,
    new Set(codes.map((c) => c.code)),
  );
  let durationsLoaded = 0;
  let aliasesLoaded = 0;
  await db.transaction(async (tx) => {
    await upsertAsls(tx, asls);
    await upsertExemptionCodes(tx, codes);
    await upsertExemptionCodes(tx, regional.codes);
    await upsertRegionalCodes(tx, regional.rules);
    await upsertDiagnoses(tx, diagnoses);
    // the national nomenclator before any exempt service: each one names a nomenclator code (issue 12 §8)
    await upsertNomenclator(tx, nomenclator);
    await insertMissingServices(tx, services);
    // after the codes: a duration names a catalogue code; the administrator's rows are kept
    durationsLoaded = (await importDurations(tx, durations)).loaded;
    await replaceThresholds(tx, incomeThresholds);
    // after the codes: an alias names a catalogue code (issue 12 §7); the documents per family (§9)
    aliasesLoaded = (await replaceAliases(tx, aliases)).loaded;
    await replaceFamilyDocuments(tx, familyDocuments);
  });
  return {
    asl: asls.length,
    exemptionCodes: codes.length,
    diagnoses: diagnoses.length,
    exemptServices: services.length,
    durations: durationsLoaded,
    aliases: aliasesLoaded,
    familyDocuments: familyDocuments.length,
    regionalCodes: regional.codes.length,
  };
}
