/**
 * SQL of the catalogue import (catalog/import.ts reads and checks data/ first): upserts by natural
 * key in batches, the exempt-service examples inserted only when missing, and whether any catalogue
 * table is still empty.
 */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { rows, type Tx } from '../client.js';
import { asl, diagnosis, exemptionCode, exemptService } from '../schema.js';

/** Rows per INSERT: large enough to be fast, small enough to stay far below the 65 535 bind limit. */
const BATCH = 500;

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

/** The ASLs, by id: their codes, name and seat are the file's. */
export const upsertAsls = (tx: Tx, data: (typeof asl.$inferInsert)[]) =>
  upsert(tx, asl, asl.id, data, ['regionCode', 'code', 'name', 'seatIstatCode']);

/** The exemption codes, by code: every column but those the administrator owns (the duration). */
export const upsertExemptionCodes = (tx: Tx, data: (typeof exemptionCode.$inferInsert)[]) =>
  upsert(tx, exemptionCode, exemptionCode.code, data, [
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

/** The ICD-9-CM diagnoses, by code. */
export const upsertDiagnoses = (tx: Tx, data: (typeof diagnosis.$inferInsert)[]) =>
  upsert(tx, diagnosis, diagnosis.code, data, ['codeNoDot', 'description', 'leaf']);

/**
 * exempt_service has no natural key (the admin may list the same service twice for different reasons),
 * so an example row is inserted only when no row with its code, description and source exists.
 */
export async function insertMissingServices(
  tx: Tx,
  data: (typeof exemptService.$inferInsert)[],
): Promise<void> {
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

/** True when any catalogue table is still empty: the server then imports data/ at start. */
export async function catalogIsEmpty(db: Tx): Promise<boolean> {
  const [r] = await rows<{ full: boolean }>(
    db,
    sql`select exists(select 1 from asl) and exists(select 1 from exemption_code)
          and exists(select 1 from diagnosis) and exists(select 1 from nomenclator_service)
          and exists(select 1 from income_threshold) as full`,
  );
  return !r?.full;
}
