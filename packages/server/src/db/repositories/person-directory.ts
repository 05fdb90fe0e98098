/**
 * SQL of the person directory (issue 13 §4, docs/person-directory.md): the import's progress row, the
 * staged rows loaded in batches (one INSERT … SELECT FROM unnest per batch: one text parameter per
 * column, whatever the batch size), the set-based merge into `person` (insert new people, update the
 * changed ones, leave the rest), and the upsert of one person answered by a remote registry.
 */
import { desc, eq, sql } from 'drizzle-orm';
import type { AssistanceStatus } from '@esenzioni/domain';
import { rows, type Db, type Tx } from '../client.js';
import { pgErrorOf } from '../errors.js';
import { asl, district, personImport } from '../schema.js';

export type PersonImportRow = typeof personImport.$inferSelect;

export interface DirectoryRow {
  fiscalCode: string;
  lastName: string;
  firstName: string;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  comune: string | null;
  aslId: string;
  districtId: string | null;
  gpFiscalCode: string | null;
  status: AssistanceStatus;
}

/** The ASLs and districts a file may name (a few hundred rows). */
export async function knownAslsAndDistricts(
  db: Tx,
): Promise<{ asl: Set<string>; districtAsl: Map<string, string> }> {
  const [asls, districts] = await Promise.all([
    db.select({ id: asl.id }).from(asl),
    db.select({ id: district.id, aslId: district.aslId }).from(district),
  ]);
  return { asl: new Set(asls.map((a) => a.id)), districtAsl: new Map(districts.map((d) => [d.id, d.aslId])) };
}

/** Is `aslId` an ASL of the platform, and is `districtId` (when given) one of its districts? */
export async function residenceKnown(
  db: Tx,
  aslId: string,
  districtId: string | null,
): Promise<{ asl: boolean; district: boolean }> {
  const [r] = await rows<{ asl: boolean; district: boolean }>(
    db,
    sql`select exists (select 1 from asl where id = ${aslId}) as asl,
               exists (select 1 from district where id = ${districtId} and asl_id = ${aslId}) as district`,
  );
  return r ?? { asl: false, district: false };
}

/** The new import's row, or 'busy' while another one runs (a row idle since `staleBefore` is failed first). */
export async function startPersonImport(
  db: Db,
  v: { fileName: string; totalBytes: number; startedBy: string; at: Date; staleBefore: Date },
): Promise<PersonImportRow | 'busy'> {
  await db
    .update(personImport)
    .set({
      status: 'FAILED',
      error: 'interrotto: il processo che lo eseguiva si è fermato',
      finishedAt: v.at,
    })
    .where(sql`status in ('LOADING', 'MERGING') and updated_at < ${v.staleBefore.toISOString()}`);
  try {
    const [row] = await db
      .insert(personImport)
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

export async function updatePersonImport(
  db: Tx,
  id: number,
  v: Partial<Omit<PersonImportRow, 'id' | 'startedBy' | 'startedAt' | 'fileName'>> & { updatedAt: Date },
): Promise<void> {
  await db.update(personImport).set(v).where(eq(personImport.id, id));
}

export async function personImportById(db: Tx, id: number): Promise<PersonImportRow | undefined> {
  const [row] = await db.select().from(personImport).where(eq(personImport.id, id));
  return row;
}

export async function recentPersonImports(db: Tx, limit: number): Promise<PersonImportRow[]> {
  return db.select().from(personImport).orderBy(desc(personImport.id)).limit(limit);
}

export async function clearPersonImportRows(db: Tx): Promise<void> {
  await db.execute(sql`truncate person_import_row`);
}

// the separator of the joined columns: a control character, which the reader refuses inside a value
const SEP = '\u001f';
const col = (values: Array<string | null>) => values.map((v) => v ?? '').join(SEP);

/** One batch of staged rows: each column joined into one text parameter, split again by the database. */
export async function insertPersonImportRows(db: Tx, importId: number, batch: DirectoryRow[]): Promise<void> {
  if (batch.length === 0) return;
  const c = (pick: (r: DirectoryRow) => string | null) => col(batch.map(pick));
  await db.execute(sql`
    insert into person_import_row
      (import_id, fiscal_code, last_name, first_name, birth_date, sex, comune, asl_id, district_id, gp_fiscal_code, status)
    select ${importId}, cf, ln, fn, nullif(bd, '')::date, nullif(sx, ''), nullif(co, ''), asl, nullif(di, ''), nullif(gp, ''), st
      from unnest(
        string_to_array(${c((r) => r.fiscalCode)}, chr(31)),
        string_to_array(${c((r) => r.lastName)}, chr(31)),
        string_to_array(${c((r) => r.firstName)}, chr(31)),
        string_to_array(${c((r) => r.birthDate)}, chr(31)),
        string_to_array(${c((r) => r.sex)}, chr(31)),
        string_to_array(${c((r) => r.comune)}, chr(31)),
        string_to_array(${c((r) => r.aslId)}, chr(31)),
        string_to_array(${c((r) => r.districtId)}, chr(31)),
        string_to_array(${c((r) => r.gpFiscalCode)}, chr(31)),
        string_to_array(${c((r) => r.status)}, chr(31))
      ) as u(cf, ln, fn, bd, sx, co, asl, di, gp, st)`);
}

export interface PersonMergeFigures {
  listed: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * The staged rows of `importId` merged into `person`, in one statement: a fiscal code listed twice takes
 * its last line; a new person is inserted, a changed one updated (names, birth, sex, residence, GP,
 * status), an identical one left untouched — so loading the same file again changes nothing.
 */
export async function mergePersonImport(
  tx: Tx,
  importId: number,
  at: Date,
  onPostgres: boolean,
): Promise<PersonMergeFigures> {
  if (onPostgres) {
    await tx.execute(sql`set local statement_timeout = 0`);
    await tx.execute(sql`set local work_mem = '256MB'`);
  }
  await tx.execute(sql`analyze person_import_row`);
  const [r] = await rows<{ listed: number; inserted: number; updated: number }>(
    tx,
    sql`
    with src as materialized (
      select distinct on (fiscal_code) *
        from person_import_row where import_id = ${importId}
       order by fiscal_code, ctid desc),
    up as (
      insert into person as p (fiscal_code, last_name, first_name, birth_date, sex, residence_asl_id,
                               residence_district_id, residence_comune, gp_fiscal_code, assistance_status,
                               directory_updated_at)
      select fiscal_code, last_name, first_name, birth_date, sex, asl_id, district_id, comune, gp_fiscal_code,
             status, ${at.toISOString()}::timestamptz
        from src
       order by fiscal_code
      on conflict (fiscal_code) do update
         set last_name = excluded.last_name, first_name = excluded.first_name,
             birth_date = excluded.birth_date, sex = excluded.sex,
             residence_asl_id = excluded.residence_asl_id,
             residence_district_id = excluded.residence_district_id,
             residence_comune = excluded.residence_comune, gp_fiscal_code = excluded.gp_fiscal_code,
             assistance_status = excluded.assistance_status,
             directory_updated_at = excluded.directory_updated_at
       where (p.last_name, p.first_name, p.birth_date, p.sex, p.residence_asl_id, p.residence_district_id,
              p.residence_comune, p.gp_fiscal_code, p.assistance_status)
             is distinct from
             (excluded.last_name, excluded.first_name, excluded.birth_date, excluded.sex, excluded.residence_asl_id,
              excluded.residence_district_id, excluded.residence_comune, excluded.gp_fiscal_code,
              excluded.assistance_status)
      returning (xmax = 0) as fresh)
    select (select count(*) from src)::int as listed,
           (select count(*) from up where fresh)::int as inserted,
           (select count(*) from up where not fresh)::int as updated`,
  );
  const listed = r?.listed ?? 0;
  const inserted = r?.inserted ?? 0;
  const updated = r?.updated ?? 0;
  return { listed, inserted, updated, unchanged: listed - inserted - updated };
}

/** One person answered by the remote registry, kept in `person` for the cases that follow. */
export async function upsertDirectoryPerson(db: Tx, p: DirectoryRow, at: Date): Promise<void> {
  await db.execute(sql`
    insert into person as t (fiscal_code, last_name, first_name, birth_date, sex, residence_asl_id,
                             residence_district_id, residence_comune, gp_fiscal_code, assistance_status,
                             directory_updated_at)
    values (${p.fiscalCode}, ${p.lastName}, ${p.firstName}, ${p.birthDate}, ${p.sex}, ${p.aslId}, ${p.districtId},
            ${p.comune}, ${p.gpFiscalCode}, ${p.status}, ${at.toISOString()}::timestamptz)
    on conflict (fiscal_code) do update
       set last_name = excluded.last_name, first_name = excluded.first_name, birth_date = excluded.birth_date,
           sex = excluded.sex, residence_asl_id = excluded.residence_asl_id,
           residence_district_id = excluded.residence_district_id, residence_comune = excluded.residence_comune,
           gp_fiscal_code = excluded.gp_fiscal_code, assistance_status = excluded.assistance_status,
           directory_updated_at = excluded.directory_updated_at`);
}
