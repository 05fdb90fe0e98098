/**
 * multipart/form-data for case submission: @fastify/multipart with hard limits (size per file, number
 * of files), read in a preValidation hook after the caller is authorised. Files are streamed to a
 * temporary directory of the request (mode 0700, files 0600), never held in memory; the directory is
 * removed when the response is finished or the connection closes, whatever happened. Passing a limit
 * answers 413 at once with `Connection: close`, so the rest of the body is never read and the
 * connection never serves another request. A body that ends inside a part is answered 400.
 * The text fields become `req.body` (validated by the route's Zod schema); the files wait in `req.uploads`.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { DomainError, payloadTooLarge, validationFailed } from '@esenzioni/domain';
import type { PortalSettings } from '../config.js';
import { DEFAULT_INSPECTION_LIMITS, inspectionPool } from './inspection-pool.js';
import { uploadByteBudget } from './byte-budget.js';

export interface UploadedFile {
  field: string;
  fileName: string;
  /** the temporary file holding the bytes (removed after the response) */
  path: string;
  size: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    uploads: UploadedFile[] | null;
  }
}

const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 16 * 1024;
const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));

/**
 * Registers the multipart parser in the calling plugin's scope only. The inspection pool and the
 * byte budget are the process's: the first app built sizes them (later apps share them).
 */
export async function registerMultipart(app: FastifyInstance, settings: PortalSettings): Promise<void> {
  inspectionPool({ ...DEFAULT_INSPECTION_LIMITS, ...settings.uploadInspection });
  uploadByteBudget(settings.uploadMemoryBytes);
  await app.register(multipart, {
    limits: {
      fileSize: settings.uploadMaxFileBytes,
      files: settings.uploadMaxFiles,
      fields: MAX_FIELDS,
      fieldSize: MAX_FIELD_BYTES,
      parts: settings.uploadMaxFiles + MAX_FIELDS,
    },
  });
  app.decorateRequest('uploads', null);
}

function limitError(code: string, settings: PortalSettings): DomainError | null {
  switch (code) {
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return payloadTooLarge(
        `Si possono allegare al massimo ${settings.uploadMaxFiles} documenti per pratica.`,
        {
          issues: [{ field: 'documents', message: `Al massimo ${settings.uploadMaxFiles} documenti.` }],
        },
      );
    case 'FST_REQ_FILE_TOO_LARGE':
      return payloadTooLarge(`Ogni documento può pesare al massimo ${mb(settings.uploadMaxFileBytes)} MB.`, {
        issues: [{ field: 'documents', message: `File oltre ${mb(settings.uploadMaxFileBytes)} MB.` }],
      });
    case 'FST_FIELDS_LIMIT':
      return payloadTooLarge('La richiesta contiene troppi campi.');
    default:
      return null;
  }
}

const unreadableForm = () =>
  validationFailed(
    [],
    'Il modulo inviato (multipart/form-data) non è leggibile o è incompleto: inviarlo di nuovo.',
  );

/**
 * The request's temporary directory, created on the first file and removed once the response is
 * finished or the connection is closed (reply.raw 'close' fires in both cases, also on abort).
 */
class RequestTempDir {
  private dir: Promise<string> | null = null;
  private removed = false;

  constructor(reply: FastifyReply) {
    reply.raw.once('close', () => void this.remove());
  }

  async file(index: number): Promise<string> {
    if (this.removed) throw unreadableForm();
    this.dir ??= mkdtemp(path.join(tmpdir(), 'esz-upload-'));
    return path.join(await this.dir, `${index}.bin`);
  }

  async remove(): Promise<void> {
    this.removed = true;
    const dir = this.dir;
    if (dir) await rm(await dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

type FilePart = Readable & { truncated?: boolean };

/**
 * One file part into a new 0600 file. busboy emits 'limit' the moment the size limit is passed and
 * would then swallow the rest of the part: stop there, so the 413 goes out without reading the rest.
 * The request's own end or error also ends the wait: a body cut inside a part never leaves it hanging.
 */
async function writeFile(
  file: FilePart,
  target: string,
  req: FastifyRequest,
  settings: PortalSettings,
): Promise<number> {
  let size = 0;
  file.on('data', (chunk: Buffer) => void (size += chunk.length));
  file.once('limit', () => file.destroy(limitError('FST_REQ_FILE_TOO_LARGE', settings)!));
  await pipeline(file, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
  if (file.truncated) throw limitError('FST_REQ_FILE_TOO_LARGE', settings)!;
  return size;
}

/** Reads the whole form, files to `tmp`; throws 413 as soon as a limit is passed. */
export async function readMultipartForm(
  req: FastifyRequest,
  settings: PortalSettings,
  tmp: RequestTempDir,
): Promise<{ fields: Record<string, string>; files: UploadedFile[] }> {
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (part.valueTruncated) throw payloadTooLarge(`Il campo «${part.fieldname}» è troppo lungo.`);
        if (fields[part.fieldname] === undefined && typeof part.value === 'string')
          fields[part.fieldname] = part.value;
        continue;
      }
      const target = await tmp.file(files.length);
      const size = await writeFile(part.file, target, req, settings);
      files.push({ field: part.fieldname, fileName: part.filename ?? '', path: target, size });
    }
  } catch (e) {
    await tmp.remove();
    if (e instanceof DomainError) throw e;
    const mapped = limitError(String((e as { code?: unknown }).code ?? ''), settings);
    if (mapped) throw mapped;
    throw unreadableForm();
  }
  return { fields, files };
}

/**
 * preValidation: for a multipart request, after `authorise` passes, read the form into body and
 * uploads. A refused form (or caller) closes the connection: the body left unread must not be read
 * to its end by the server, nor taken for the next request.
 */
export function multipartFormHook(settings: PortalSettings, authorise: (req: FastifyRequest) => void) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!req.isMultipart()) return;
    const tmp = new RequestTempDir(reply);
    try {
      authorise(req);
      const form = await readMultipartForm(req, settings, tmp);
      req.body = form.fields;
      req.uploads = form.files;
    } catch (e) {
      reply.header('connection', 'close');
      throw e;
    }
  };
}

/**
 * Case submissions per user (or address) per minute: each may carry 5 files of 10 MB to inspect, so one
 * account cannot fill the inspection queue for everyone (@fastify/rate-limit route config).
 */
export const SUBMISSIONS_PER_MINUTE = 60;
export const submissionRateLimit = {
  rateLimit: {
    max: SUBMISSIONS_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (req: FastifyRequest) => `submit:${req.auth?.user.id ?? req.ip}`,
  },
};
