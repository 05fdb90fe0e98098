/**
 * The MEF list import (issue 12 §2, docs/mef-list.md), shared by `npm run income:import-mef -- FILE`
 * and the administrator's upload:
 *  1. a mef_import row (status LOADING; one import at a time, 409 otherwise);
 *  2. the file read line by line, checked, and loaded into the staging table in batches (one
 *     INSERT … FROM unnest per batch), the progress row moved after each batch (the progress bar);
 *  3. status MERGING: one transaction merges the list into registry_exemption, set-based (new rows
 *     "da elenco MEF" valid to 31 March of the following year, rows of an earlier file of the same year
 *     reinstated, older years' rows superseded, rows of people no longer listed ended with an outbox
 *     event each: the person is notified);
 *  4. status DONE with the figures, or FAILED with the reason; the staging table is emptied.
 * Idempotent: loading the same file again changes nothing (every row "unchanged").
 */
import type { Readable } from 'node:stream';
import { addDays, isDomainError, mefImportBusy, mefListOutdated, todayInRome } from '@esenzioni/domain';
import type { Db } from '../../db/client.js';
import { kindOf } from '../../db/client.js';
import {
  clearMefRows,
  insertMefRows,
  mergeMefList,
  newestListYear,
  startMefImport,
  updateMefImport,
  type MefImportRow,
} from '../../db/repositories/mef-list.js';
import { MefFileError, readMefList } from './mef-csv.js';

export const DEFAULT_MEF_BATCH = 50_000;
/** an import whose row has not moved for this long was left by a stopped process */
export const MEF_STALE_MS = 10 * 60 * 1000;

export interface MefImportInput {
  fileName: string;
  totalBytes: number;
  startedBy: string;
  /** default: the system clock */
  clock?: () => Date;
  batchSize?: number;
  /** MM-DD, last day of validity in the year after the list's (default 03-31) */
  validityCutoff?: string;
}

/** Step 1: the import's row (throws 409 when another import is running). */
export async function beginMefImport(db: Db, input: MefImportInput): Promise<MefImportRow> {
  const at = (input.clock ?? (() => new Date()))();
  const row = await startMefImport(db, {
    fileName: input.fileName.slice(0, 200),
    totalBytes: input.totalBytes,
    startedBy: input.startedBy,
    at,
    staleBefore: new Date(at.getTime() - MEF_STALE_MS),
  });
  if (row === 'busy') throw mefImportBusy();
  return row;
}

/** Steps 2–4 for an import begun with beginMefImport; resolves with the final row's figures. */
export async function runMefImport(
  db: Db,
  importId: number,
  file: Readable,
  input: MefImportInput,
  onProgress?: (p: { rowsRead: number; bytesRead: number; phase: 'LOADING' | 'MERGING' }) => void,
): Promise<{ year: number; rowsRead: number; rejected: number } & Awaited<ReturnType<typeof mergeMefList>>> {
  const clock = input.clock ?? (() => new Date());
  try {
    await clearMefRows(db);
    const newest = await newestListYear(db);
    const read = await readMefList(file, {
      batchSize: input.batchSize ?? DEFAULT_MEF_BATCH,
      onYear: async (year) => {
        if (newest !== null && year < newest) throw mefListOutdated(year, newest);
        await updateMefImport(db, importId, { listYear: year, updatedAt: clock() });
      },
      onBatch: async (b) => {
        await insertMefRows(db, importId, b.fiscalCodes, b.codes);
        await updateMefImport(db, importId, {
          rowsRead: b.rowsRead,
          bytesRead: Math.min(b.bytesRead, input.totalBytes || b.bytesRead),
          updatedAt: clock(),
        });
        onProgress?.({ rowsRead: b.rowsRead, bytesRead: b.bytesRead, phase: 'LOADING' });
      },
    });
    if (read.year === null) throw new MefFileError('Nessuna riga valida nel file: nulla da caricare.');
    const year = read.year;
    await updateMefImport(db, importId, {
      status: 'MERGING',
      rowsRead: read.rowsRead,
      rowsRejected: read.rejected,
      rejectedSample: read.rejectedSample,
      bytesRead: input.totalBytes,
      updatedAt: clock(),
    });
    onProgress?.({ rowsRead: read.rowsRead, bytesRead: input.totalBytes, phase: 'MERGING' });
    const now = clock();
    const today = todayInRome(now);
    const figures = await db.transaction((tx) =>
      mergeMefList(
        tx,
        {
          importId,
          year,
          today,
          yesterday: addDays(today, -1),
          validUntil: `${year + 1}-${input.validityCutoff ?? '03-31'}`,
          at: now,
        },
        kindOf(db) === 'postgres',
      ),
    );
    await updateMefImport(db, importId, {
      status: 'DONE',
      inserted: figures.inserted,
      unchanged: figures.unchanged,
      reinstated: figures.reinstated,
      superseded: figures.superseded,
      ended: figures.ended,
      finishedAt: clock(),
      updatedAt: clock(),
    });
    await clearMefRows(db);
    return { year, rowsRead: read.rowsRead, rejected: read.rejected, ...figures };
  } catch (e) {
    // the reason in Italian when it is ours; never a database message (it could hold a fiscal code)
    const reason = isDomainError(e)
      ? e.detail
      : e instanceof MefFileError
        ? e.message
        : 'errore interno durante il caricamento';
    await updateMefImport(db, importId, {
      status: 'FAILED',
      error: reason,
      finishedAt: clock(),
      updatedAt: clock(),
    }).catch(() => undefined);
    await clearMefRows(db).catch(() => undefined);
    throw e;
  }
}
