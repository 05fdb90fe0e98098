/**
 * The administrator's upload of a MEF list (issue 12 §2): the request's body is written to a temporary
 * file (byte limit), the import's row is created (409 while another runs), and the answer (202) leaves
 * at once with the row; the import then runs in this process, moving its progress row, which the admin
 * page polls for its progress bar. The file is on this process's disk, so the process that received it
 * runs it; a process that stops mid-way leaves a row that a later upload marks FAILED after 10 minutes.
 * `idle()` resolves when every import started here has finished (tests, shutdown).
 */
import type { Readable } from 'node:stream';
import { forbidden, type MefImportView } from '@esenzioni/domain';
import { backgroundImportsIdle, startBackgroundImport } from '../../uploads/background-import.js';
import type { Db } from '../../db/client.js';
import { mefImportById, recentMefImports, type MefImportRow } from '../../db/repositories/mef-list.js';
import { nowOf, type UseCaseContext } from '../context.js';
import { beginMefImport, runMefImport } from './import-mef-list.js';

export const DEFAULT_MEF_UPLOAD_MAX_BYTES = 200 * 1024 * 1024;

/** Resolves when every import started by this process has finished (successfully or not). */
export const mefImportsIdle = backgroundImportsIdle;

export function mefImportView(r: MefImportRow): MefImportView {
  const loading = r.totalBytes > 0 ? Math.floor((r.bytesRead / r.totalBytes) * 90) : 0;
  const percent =
    r.status === 'DONE' ? 100 : r.status === 'MERGING' ? 90 : r.status === 'FAILED' ? loading : loading;
  return {
    id: String(r.id),
    fileName: r.fileName,
    listYear: r.listYear,
    status: r.status,
    percent: Math.max(0, Math.min(100, percent)),
    rowsRead: r.rowsRead,
    rowsRejected: r.rowsRejected,
    rejectedSample: r.rejectedSample,
    inserted: r.inserted,
    unchanged: r.unchanged,
    reinstated: r.reinstated,
    superseded: r.superseded,
    ended: r.ended,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    error: r.error,
  };
}

const assertAdmin = (ctx: UseCaseContext) => {
  if (ctx.actor.role !== 'ADMIN')
    throw forbidden("Il caricamento dell'elenco MEF è riservato all'amministratore.");
};

export interface MefUploadOptions {
  /** the database the import runs on: on PostgreSQL a pool without statement timeouts (the merge is long) */
  bulkDb: Db;
  maxBytes?: number;
  validityCutoff?: string;
  batchSize?: number;
  log?: { error(obj: object, msg: string): void };
}

/** Receives the upload and starts the import; answers with its row (status LOADING). */
export async function uploadMefList(
  ctx: UseCaseContext,
  body: Readable,
  fileName: string,
  opts: MefUploadOptions,
): Promise<MefImportView> {
  assertAdmin(ctx);
  const input = {
    fileName,
    startedBy: ctx.actor.fiscalCode ?? 'ADMIN',
    clock: () => nowOf(ctx),
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
    ...(opts.validityCutoff ? { validityCutoff: opts.validityCutoff } : {}),
  };
  const row = await startBackgroundImport(body, {
    maxBytes: opts.maxBytes ?? DEFAULT_MEF_UPLOAD_MAX_BYTES,
    what: "l'elenco MEF",
    prefix: 'esz-mef',
    begin: (totalBytes) => beginMefImport(opts.bulkDb, { ...input, totalBytes }),
    run: (r, file, totalBytes) => runMefImport(opts.bulkDb, r.id, file, { ...input, totalBytes }),
    onFailure: (r, e) =>
      opts.log?.error({ importId: r.id, err: e.name }, 'elenco MEF: caricamento non riuscito'),
  });
  return mefImportView(row);
}

export async function mefImportStatus(ctx: UseCaseContext, id: number): Promise<MefImportView | undefined> {
  assertAdmin(ctx);
  const row = await mefImportById(ctx.db, id);
  return row ? mefImportView(row) : undefined;
}

export async function listMefImports(ctx: UseCaseContext): Promise<MefImportView[]> {
  assertAdmin(ctx);
  return (await recentMefImports(ctx.db, 10)).map(mefImportView);
}
