/**
 * A request body written to a temporary file with a byte limit (the administrator's uploads of large
 * lists: the MEF list, the registry of assistiti). The file is removed when the limit is passed or the
 * stream fails; the caller removes it once its job is over.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { payloadTooLarge } from '@esenzioni/domain';

/** A byte counter that fails the stream beyond `max` bytes. */
function limit(max: number, what: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max)
        done(
          payloadTooLarge(
            `Il file supera la dimensione massima di ${Math.round(max / 1024 / 1024)} MB per ${what}.`,
          ),
        );
      else done(null, chunk);
    },
  });
}

/** Writes `body` to a new temporary file; resolves with its path and size. */
export async function receiveToTempFile(
  body: Readable,
  o: { maxBytes: number; what: string; prefix: string },
): Promise<{ file: string; size: number }> {
  const file = path.join(os.tmpdir(), `${o.prefix}-${randomUUID()}.csv`);
  try {
    await pipeline(body, limit(o.maxBytes, o.what), fs.createWriteStream(file));
  } catch (e) {
    fs.rmSync(file, { force: true });
    throw e;
  }
  return { file, size: fs.statSync(file).size };
}
