/**
 * Loads the catalogues shipped in data/ (ASLs, exemption codes, ICD-9-CM diagnoses, exempt-service
 * examples) into the database. Idempotent: rows are upserted by their natural key in one transaction,
 * so running it again (each start, or after a data/ update) changes only what changed in the files.
 */
import path from 'node:path';
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { REPO_ROOT } from '../config.js';
import { rows, type Db, type Tx } from '../db/client.js';
import { asl, diagnosis, exemptionCode } from '../db/schema.js';
import {
  readAsl,
  readDiagnoses,
  readExemptionCodes,
  readExemptServices,
  type ExemptServiceRow,
} from './sources.js';

export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, 'data');

/** Rows per INSERT: large enough to be fast, small enough to stay far below the 65 535 bind limit. */
const BATCH = 500;

export interface ImportCounts {
  asl: number;
  exemptionCodes: number;
  diagnoses: number;
  exemptServices: number;
}

/**
 * Upserts `data` in batches. On conflict only `update` columns are overwritten, so columns the admin
 * owns (e.g. an exemption's duration) survive a re-import.
 */
async function upsert<T extends PgTable>(
  tx: Tx,
  table: T,
  target: PgColumn,
  data: T['$inferInsert'][],
  update: (keyof T['$inferInsert'] & string)[],
): Promise<void> {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const set: Record<string, SQL> = {};
  for (const key of update) {
    const col = columns[key];
    if (!col) throw new Error(`colonna sconosciuta: ${key}`);
    set[key] = sql.raw(`excluded."${col.name}"`);
  }
  for (let i = 0; i < data.length; i += BATCH) {
    await tx
      .insert(table)
      .values(data.slice(i, i + BATCH))
      .onConflictDoUpdate({ target, set });
  }
}

/**
 * exempt_service has no natural key (the admin may list the same service twice for different reasons),
 * so an example row is inserted only when no row with its code, description and source exists.
 */
async function insertMissingServices(tx: Tx, data: ExemptServiceRow[]): Promise<void> {
  for (const s of data) {
    await tx.execute(sql`
      insert into exempt_service (exemption_code, service_code, description, example, source, position)
      select ${s.exemptionCode}, ${s.serviceCode ?? null}, ${s.description}, ${s.example ?? false},
             ${s.source}, ${s.position ?? 0}
      where not exists (
        select 1 from exempt_service
        where exemption_code = ${s.exemptionCode} and description = ${s.description} and source = ${s.source})`);
  }
}

export async function importCatalogues(db: Db, opts: { dataDir?: string } = {}): Promise<ImportCounts> {
  const dataDir = opts.dataDir ?? DEFAULT_DATA_DIR;
  // read and check every file before touching the database
  const [asls, codes, diagnoses, services] = await Promise.all([
    readAsl(dataDir),
    readExemptionCodes(dataDir),
    readDiagnoses(dataDir),
    readExemptServices(dataDir),
  ]);
  await db.transaction(async (tx) => {
    await upsert(tx, asl, asl.id, asls, ['regionCode', 'code', 'name', 'seatIstatCode']);
    await upsert(tx, exemptionCode, exemptionCode.code, codes, [
      'baseCode',
      'icd9Code',
      'description',
      'family',
      'typeCode',
      'typeLabel',
      'validFrom',
      'validUntil',
      'assignable',
      'status',
      'source',
    ]);
    await upsert(tx, diagnosis, diagnosis.code, diagnoses, ['codeNoDot', 'description', 'leaf']);
    await insertMissingServices(tx, services);
  });
  return {
    asl: asls.length,
    exemptionCodes: codes.length,
    diagnoses: diagnoses.length,
    exemptServices: services.length,
  };
}

/** True when any catalogue table is still empty: the server then imports data/ at start. */
export async function catalogIsEmpty(db: Tx): Promise<boolean> {
  const [r] = await rows<{ full: boolean }>(
    db,
    sql`select exists(select 1 from asl) and exists(select 1 from exemption_code)
          and exists(select 1 from diagnosis) as full`,
  );
  return !r?.full;
}
