/**
 * The administrator's upload of the registry of assistiti (issue 13 §4): the body is written to a
 * temporary file (byte limit), the import's row is created (409 while another runs), and the answer (202)
 * leaves at once with the row; the import then runs in this process, moving its progress row, which the
 * caller polls for its progress bar. `personImportsIdle()` resolves when every import started here ended.
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { forbidden, type PersonImportView } from '@esenzioni/domain';
import type { Db } from '../../db/client.js';
import {
  personImportById,
  recentPersonImports,
  type PersonImportRow,
} from '../../db/repositories/person-directory.js';
import { receiveToTempFile } from '../../uploads/temp-file-upload.js';
import { nowOf, type UseCaseContext } from '../context.js';
import { beginPersonImport, runPersonImport } from './import-people.js';

export const DEFAULT_PERSON_UPLOAD_MAX_BYTES = 1024 * 1024 * 1024;

const running = new Set<Promise<unknown>>();

export async function personImportsIdle(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
}

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
  const { file, size } = await receiveToTempFile(body, {
    maxBytes: opts.maxBytes ?? DEFAULT_PERSON_UPLOAD_MAX_BYTES,
    what: "l'anagrafe degli assistiti",
    prefix: 'esz-assistiti',
  });
  const input = {
    fileName,
    totalBytes: size,
    startedBy: ctx.actor.fiscalCode ?? 'ADMIN',
    clock: () => nowOf(ctx),
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
  };
  let row: PersonImportRow;
  try {
    row = await beginPersonImport(opts.bulkDb, input);
  } catch (e) {
    fs.rmSync(file, { force: true });
    throw e;
  }
  const job = runPersonImport(opts.bulkDb, row.id, fs.createReadStream(file), input)
    .catch((e: Error) =>
      opts.log?.error({ importId: row.id, err: e.name }, 'anagrafe assistiti: caricamento non riuscito'),
    )
    .finally(() => {
      fs.rmSync(file, { force: true });
      running.delete(job);
    });
  running.add(job);
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
