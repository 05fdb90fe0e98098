/**
 * The administrator's upload of the registry of assistiti (issue 13 §4): the body is written to a
 * temporary file (byte limit), the import's row is created (409 while another runs), and the answer (202)
 * leaves at once with the row; the import then runs in this process, moving its progress row, which the
 * caller polls for its progress bar. `personImportsIdle()` resolves when every import started here ended.
 */
import type { Readable } from 'node:stream';
import { forbidden, type PersonImportView } from '@esenzioni/domain';
import type { Db } from '../../db/client.js';
import {
  personImportById,
  recentPersonImports,
  type PersonImportRow,
} from '../../db/repositories/person-directory.js';
import { backgroundImportsIdle, startBackgroundImport } from '../../uploads/background-import.js';
import { nowOf, type UseCaseContext } from '../context.js';
import { beginPersonImport, runPersonImport } from './import-people.js';

export const DEFAULT_PERSON_UPLOAD_MAX_BYTES = 1024 * 1024 * 1024;

/** Resolves when every import started by this process has finished. */
export const personImportsIdle = backgroundImportsIdle;

export function personImportView(r: PersonImportRow): PersonImportView {
  const loading = r.totalBytes > 0 ? Math.floor((r.bytesRead / r.totalBytes) * 90) : 0;
  const percent = r.status === 'DONE' ? 100 : r.status === 'MERGING' ? 90 : loading;
  return {
    id: String(r.id),
    fileName: r.fileName,
    status: r.status,
    percent: Math.max(0, Math.min(100, percent)),
    rowsRead: r.rowsRead,
    rowsRejected: r.rowsRejected,
    rejectedSample: r.rejectedSample,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    error: r.error,
  };
}

const assertAdmin = (ctx: UseCaseContext) => {
  if (ctx.actor.role !== 'ADMIN')
    throw forbidden("Il caricamento dell'anagrafe degli assistiti è riservato all'amministratore.");
};

export interface PersonUploadOptions {
  /** the database the import runs on: on PostgreSQL a pool without statement timeouts */
  bulkDb: Db;
  maxBytes?: number;
  batchSize?: number;
  log?: { error(obj: object, msg: string): void };
}

export async function uploadPersonFile(
  ctx: UseCaseContext,
  body: Readable,
  fileName: string,
  opts: PersonUploadOptions,
): Promise<PersonImportView> {
  assertAdmin(ctx);
  const input = {
    fileName,
    startedBy: ctx.actor.fiscalCode ?? 'ADMIN',
    clock: () => nowOf(ctx),
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
  };
  const row = await startBackgroundImport(body, {
    maxBytes: opts.maxBytes ?? DEFAULT_PERSON_UPLOAD_MAX_BYTES,
    what: "l'anagrafe degli assistiti",
    prefix: 'esz-assistiti',
    begin: (totalBytes) => beginPersonImport(opts.bulkDb, { ...input, totalBytes }),
    run: (r, file, totalBytes) => runPersonImport(opts.bulkDb, r.id, file, { ...input, totalBytes }),
    onFailure: (r, e) =>
      opts.log?.error({ importId: r.id, err: e.name }, 'anagrafe assistiti: caricamento non riuscito'),
  });
  return personImportView(row);
}

export async function personImportStatus(
  ctx: UseCaseContext,
  id: number,
): Promise<PersonImportView | undefined> {
  assertAdmin(ctx);
  const row = await personImportById(ctx.db, id);
  return row ? personImportView(row) : undefined;
}

export async function listPersonImports(ctx: UseCaseContext): Promise<PersonImportView[]> {
  assertAdmin(ctx);
  return (await recentPersonImports(ctx.db, 10)).map(personImportView);
}
