/**
 * An administrator's upload of a large list run in the background (the MEF list, the registry of
 * assistiti): the body is written to a temporary file (byte limit), the import's row is created by
 * `begin` (which may refuse, e.g. 409 while another runs), and the caller answers at once with that row;
 * `run` then reads the file in this process, moving the row's progress, and the file is removed at the
 * end. The file is on this process's disk, so the process that received it runs it.
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { receiveToTempFile } from './temp-file-upload.js';

const running = new Set<Promise<unknown>>();

/** Resolves when every import started by this process has finished (tests, shutdown). */
export async function backgroundImportsIdle(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
}

export async function startBackgroundImport<Row extends { id: number }>(
  body: Readable,
  o: {
    maxBytes: number;
    /** «l'elenco MEF»: the file named in the size refusal */
    what: string;
    prefix: string;
    begin: (totalBytes: number) => Promise<Row>;
    run: (row: Row, file: Readable, totalBytes: number) => Promise<unknown>;
    onFailure: (row: Row, e: Error) => void;
  },
): Promise<Row> {
  const { file, size } = await receiveToTempFile(body, o);
  let row: Row;
  try {
    row = await o.begin(size);
  } catch (e) {
    fs.rmSync(file, { force: true });
    throw e;
  }
  const job = o
    .run(row, fs.createReadStream(file), size)
    .catch((e: Error) => o.onFailure(row, e))
    .finally(() => {
      fs.rmSync(file, { force: true });
      running.delete(job);
    });
  running.add(job);
  return row;
}
