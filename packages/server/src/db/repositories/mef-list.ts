/**
 * SQL of the MEF list import (issue 12 §2, docs/mef-list.md): the import's progress row, the staging
 * rows loaded in batches (one INSERT … SELECT FROM unnest per batch: two text parameters, whatever the
 * batch size), and the set-based merge into registry_exemption (insert or reinstate, supersede older
 * years, end the rows of people no longer listed and write their outbox events), all in one transaction.
 */
import { desc, eq, sql } from 'drizzle-orm';
import { EVENT_TYPES, type MefImportStatus } from '@esenzioni/domain';
import { rows, type Db, type Tx } from '../client.js';
import { pgErrorOf } from '../errors.js';
import { mefImport } from '../schema.js';

export type MefImportRow = typeof mefImport.$inferSelect;

/**
 * The new import's row, or 'busy' when another one is loading or merging and moved within `staleBefore`
 * (a row that has not moved since is left by a process that stopped: it is marked FAILED first).
 */
export async function startMefImport(
  db: Db,
  v: { fileName: string; totalBytes: number; startedBy: string; at: Date; staleBefore: Date },
): Promise<MefImportRow | 'busy'> {
  await db
    .update(mefImport)
    .set({
      status: 'FAILED',
      error: 'interrotto: il processo che lo eseguiva si è fermato',
      finishedAt: v.at,
    })
    .where(sql`status in ('LOADING', 'MERGING') and updated_at < ${v.staleBefore.toISOString()}`);
  try {
    const [row] = await db
      .insert(mefImport)
      .values({
        fileName: v.fileName,
        status: 'LOADING',
        totalBytes: v.totalBytes,
        startedBy: v.startedBy,
        startedAt: v.at,
        updatedAt: v.at,
      })
      .returning();
    return row!;
  } catch (e) {
    if (pgErrorOf(e)?.code === '23505') return 'busy';
    throw e;
  }
}

/** Empties the staging table (one import at a time: mef_import_running_uq). */
export async function clearMefRows(db: Tx): Promise<void> {
  await db.execute(sql`truncate mef_list_row`);
}

/**
 * One batch of list rows: fiscal codes and codes joined by ',' (validated upper-case letters and digits,
 * never a comma) and split again by the database: one statement, two parameters.
 */
export async function insertMefRows(db: Tx, importId: number, fiscalCodes: string[], codes: string[]) {
  if (fiscalCodes.length === 0) return;
  await db.execute(sql`
    insert into mef_list_row (import_id, fiscal_code, code)
    select ${importId}, f, c
      from unnest(string_to_array(${fiscalCodes.join(',')}, ','), string_to_array(${codes.join(',')}, ',')) as u(f, c)`);
}

export async function updateMefImport(
  db: Tx,
  id: number,
  v: Partial<Omit<MefImportRow, 'id' | 'startedBy' | 'startedAt' | 'fileName'>> & { updatedAt: Date },
): Promise<void> {
  await db.update(mefImport).set(v).where(eq(mefImport.id, id));
}

export async function mefImportById(db: Tx, id: number): Promise<MefImportRow | undefined> {
  const [row] = await db.select().from(mefImport).where(eq(mefImport.id, id));
  return row;
}

export async function recentMefImports(db: Tx, limit: number): Promise<MefImportRow[]> {
  return db.select().from(mefImport).orderBy(desc(mefImport.id)).limit(limit);
}

/** The newest list year already in the registry (a list older than it is refused). */
export async function newestListYear(db: Tx): Promise<number | null> {
  const [r] = await rows<{ y: number | null }>(
    db,
    sql`select max(list_year)::int as y from registry_exemption where source = 'MEF_LIST'`,
  );
  return r?.y ?? null;
}

export interface MergeFigures {
  listed: number;
  inserted: number;
  reinstated: number;
  unchanged: number;
  superseded: number;
  ended: number;
}

/**
 * The merge of import `importId` (list year `year`), at `today`: `validUntil` is the list's last day,
 * `yesterday` the last day of the rows it ends or supersedes. Run inside one transaction.
 */
export async function mergeMefList(
  tx: Tx,
  v: { importId: number; year: number; today: string; yesterday: string; validUntil: string; at: Date },
  onPostgres: boolean,
): Promise<MergeFigures> {
  // a long statement by design (1 million rows): no statement timeout inside this transaction
  if (onPostgres) await tx.execute(sql`set local statement_timeout = 0`);
  // the registry's statistics do not yet know the rows just inserted: a nested loop over the staging
  // table would be quadratic (measured: 95 s for 20,000 rows); hash joins are right at every size
  await tx.execute(sql`set local enable_nestloop = off`);
  await tx.execute(sql`analyze mef_list_row`);
  if (onPostgres) await tx.execute(sql`set local work_mem = '256MB'`);
  // new rows: a plain INSERT … SELECT with an anti-join (one import at a time, so no race on the unique
  // index), in fiscal-code order so that the registry's indexes are filled page after page
  const [upsert] = await rows<{ listed: number; inserted: number }>(
    tx,
    sql`
    with src as materialized (
      select fiscal_code, code from mef_list_row where import_id = ${v.importId} group by fiscal_code, code),
    ins as (
      insert into registry_exemption
        (fiscal_code, exemption_code, family, valid_from, valid_until, case_id, asl_id, source, list_year)
      select s.fiscal_code, s.code, 'INCOME', ${v.today}::date, ${v.validUntil}::date, null, null, 'MEF_LIST', ${v.year}
        from src s
       where not exists (select 1 from registry_exemption r
                          where r.source = 'MEF_LIST' and r.list_year = ${v.year}
                            and r.fiscal_code = s.fiscal_code and r.exemption_code = s.code)
       order by s.fiscal_code, s.code
      returning 1)
    select (select count(*) from src)::int as listed, (select count(*) from ins)::int as inserted`,
  );
  // a row of this year's list that an earlier file had ended and this one lists again is reinstated
  const [reinstated] = await rows<{ n: number }>(
    tx,
    sql`
    with u as (
      update registry_exemption r set valid_until = ${v.validUntil}::date, ended_by_import = null
       where r.source = 'MEF_LIST' and r.list_year = ${v.year} and r.ended_by_import is not null
         and exists (select 1 from mef_list_row m
                      where m.import_id = ${v.importId} and m.fiscal_code = r.fiscal_code and m.code = r.exemption_code)
      returning 1)
    select count(*)::int as n from u`,
  );
  // an older year's row of a person listed again: it ends yesterday, the new year's row starts today
  const [superseded] = await rows<{ n: number }>(
    tx,
    sql`
    with s as (
      update registry_exemption r set valid_until = ${v.yesterday}::date
       where r.source = 'MEF_LIST' and r.list_year < ${v.year} and r.revoked_at is null
         and r.ended_by_import is null and r.valid_until >= ${v.today}::date
         and exists (select 1 from mef_list_row m
                      where m.import_id = ${v.importId} and m.fiscal_code = r.fiscal_code and m.code = r.exemption_code)
      returning 1)
    select count(*)::int as n from s`,
  );
  // list rows in force whose person is no longer listed: they end yesterday, and the person is told
  const [ended] = await rows<{ n: number }>(
    tx,
    sql`
    with e as (
      update registry_exemption r set valid_until = ${v.yesterday}::date, ended_by_import = ${v.importId}
       where r.source = 'MEF_LIST' and r.revoked_at is null and r.ended_by_import is null
         and r.valid_until >= ${v.today}::date
         and not exists (select 1 from mef_list_row m
                          where m.import_id = ${v.importId} and m.fiscal_code = r.fiscal_code and m.code = r.exemption_code)
      returning r.fiscal_code, r.exemption_code, r.list_year),
    ev as (
      insert into outbox (event_type, payload)
      select ${EVENT_TYPES.mefExemptionEnded},
             jsonb_build_object('fiscalCode', e.fiscal_code, 'code', e.exemption_code, 'listYear', e.list_year,
                                'importId', ${v.importId}::bigint, 'lastDay', ${v.yesterday}::text)
        from e
      returning 1)
    select count(*)::int as n from ev`,
  );
  const l = upsert?.listed ?? 0;
  const inserted = upsert?.inserted ?? 0;
  return {
    listed: l,
    inserted,
    reinstated: reinstated?.n ?? 0,
    unchanged: l - inserted - (reinstated?.n ?? 0),
    superseded: superseded?.n ?? 0,
    ended: ended?.n ?? 0,
  };
}

export const MEF_IMPORT_RUNNING: readonly MefImportStatus[] = ['LOADING', 'MERGING'];
