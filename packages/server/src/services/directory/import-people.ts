/**
 * The import of the registry of assistiti (issue 13 §4, docs/person-directory.md), shared by
 * `npm run people:import -- FILE` and the administrator's upload:
 *  1. a person_import row (status LOADING; one import at a time, 409 otherwise);
 *  2. the file read line by line, checked, and staged in batches, the progress row moved after each
 *     batch (the progress bar);
 *  3. status MERGING: one statement merges the staged rows into `person` (new, changed, unchanged);
 *  4. status DONE with the figures, or FAILED with the reason; the staging table is emptied.
 * Idempotent: loading the same file again changes nothing (every row "unchanged").
 */
import type { Readable } from 'node:stream';
import { isDomainError, personImportBusy } from '@esenzioni/domain';
import type { Db } from '../../db/client.js';
import { kindOf } from '../../db/client.js';
import {
  clearPersonImportRows,
  insertPersonImportRows,
  knownAslsAndDistricts,
  mergePersonImport,
  startPersonImport,
  updatePersonImport,
  type PersonImportRow,
  type PersonMergeFigures,
} from '../../db/repositories/person-directory.js';
import { PersonFileError, readPersonFile } from './person-csv.js';

export const DEFAULT_PERSON_BATCH = 20_000;
/** an import whose row has not moved for this long was left by a stopped process */
export const PERSON_IMPORT_STALE_MS = 10 * 60 * 1000;

export interface PersonImportInput {
  fileName: string;
  totalBytes: number;
  startedBy: string;
  /** default: the system clock */
  clock?: () => Date;
  batchSize?: number;
}

export async function beginPersonImport(db: Db, input: PersonImportInput): Promise<PersonImportRow> {
  const at = (input.clock ?? (() => new Date()))();
  const row = await startPersonImport(db, {
    fileName: input.fileName.slice(0, 200),
    totalBytes: input.totalBytes,
    startedBy: input.startedBy,
    at,
    staleBefore: new Date(at.getTime() - PERSON_IMPORT_STALE_MS),
  });
  if (row === 'busy') throw personImportBusy();
  return row;
}

export type PersonImportResult = { rowsRead: number; rejected: number } & PersonMergeFigures;

export async function runPersonImport(
  db: Db,
  importId: number,
  file: Readable,
  input: PersonImportInput,
  onProgress?: (p: { rowsRead: number; bytesRead: number; phase: 'LOADING' | 'MERGING' }) => void,
): Promise<PersonImportResult> {
  const clock = input.clock ?? (() => new Date());
  try {
    await clearPersonImportRows(db);
    const known = await knownAslsAndDistricts(db);
    const read = await readPersonFile(file, {
      batchSize: input.batchSize ?? DEFAULT_PERSON_BATCH,
      known,
      onBatch: async (b) => {
        await insertPersonImportRows(db, importId, b.lines);
        await updatePersonImport(db, importId, {
          rowsRead: b.rowsRead,
          bytesRead: Math.min(b.bytesRead, input.totalBytes || b.bytesRead),
          updatedAt: clock(),
        });
        onProgress?.({ rowsRead: b.rowsRead, bytesRead: b.bytesRead, phase: 'LOADING' });
      },
    });
    if (read.accepted === 0) throw new PersonFileError('Nessuna riga valida nel file: nulla da caricare.');
    await updatePersonImport(db, importId, {
      status: 'MERGING',
      rowsRead: read.rowsRead,
      rowsRejected: read.rejected,
      rejectedSample: read.rejectedSample,
      bytesRead: input.totalBytes,
      updatedAt: clock(),
    });
    onProgress?.({ rowsRead: read.rowsRead, bytesRead: input.totalBytes, phase: 'MERGING' });
    const figures = await db.transaction((tx) =>
      mergePersonImport(tx, importId, clock(), kindOf(db) === 'postgres'),
    );
    await updatePersonImport(db, importId, {
      status: 'DONE',
      inserted: figures.inserted,
      updated: figures.updated,
      unchanged: figures.unchanged,
      finishedAt: clock(),
      updatedAt: clock(),
    });
    await clearPersonImportRows(db);
    return { rowsRead: read.rowsRead, rejected: read.rejected, ...figures };
  } catch (e) {
    // the reason in Italian when it is ours; never a database message (it could hold a fiscal code)
    const reason = isDomainError(e)
      ? e.detail
      : e instanceof PersonFileError
        ? e.message
        : 'errore interno durante il caricamento';
    await updatePersonImport(db, importId, {
      status: 'FAILED',
      error: reason,
      finishedAt: clock(),
      updatedAt: clock(),
    }).catch(() => undefined);
    await clearPersonImportRows(db).catch(() => undefined);
    throw e;
  }
}
