/**
 * multipart/form-data for case submission: @fastify/multipart with hard limits (size per file, number
 * of files), read in a preValidation hook after the caller is authorised. Every part is read into
 * memory before anything is checked or stored; passing a limit answers 413 at once, without reading
 * the rest of the request. The text fields become `req.body` (validated by the route's Zod schema);
 * the files wait in `req.uploads`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { DomainError } from '@esenzioni/domain';
import type { PortalSettings } from '../config.js';

export interface UploadedFile {
  field: string;
  fileName: string;
  bytes: Buffer;
}

declare module 'fastify' {
  interface FastifyRequest {
    uploads: UploadedFile[] | null;
  }
}

const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 16 * 1024;
const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));

/** Registers the multipart parser in the calling plugin's scope only. */
export async function registerMultipart(app: FastifyInstance, settings: PortalSettings): Promise<void> {
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
      return new DomainError('PAYLOAD_TOO_LARGE', `Si possono allegare al massimo ${settings.uploadMaxFiles} documenti per pratica.`, {
        issues: [{ field: 'documents', message: `Al massimo ${settings.uploadMaxFiles} documenti.` }],
      });
    case 'FST_REQ_FILE_TOO_LARGE':
      return new DomainError('PAYLOAD_TOO_LARGE', `Ogni documento può pesare al massimo ${mb(settings.uploadMaxFileBytes)} MB.`, {
        issues: [{ field: 'documents', message: `File oltre ${mb(settings.uploadMaxFileBytes)} MB.` }],
      });
    case 'FST_FIELDS_LIMIT':
      return new DomainError('PAYLOAD_TOO_LARGE', 'La richiesta contiene troppi campi.');
    default:
      return null;
  }
}

/**
 * One file into memory. busboy emits 'limit' the moment the size limit is passed and would then
 * swallow the rest of the part: stop there, so the 413 goes out without reading the rest.
 */
function readFile(file: NodeJS.ReadableStream & { destroy(err?: Error): void }, settings: PortalSettings): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    file.on('data', (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
    });
    file.once('limit', () => {
      const err = limitError('FST_REQ_FILE_TOO_LARGE', settings)!;
      reject(err);
      file.destroy(err);
    });
    file.once('error', reject);
    file.once('end', () => {
      if ((file as { truncated?: boolean }).truncated) reject(limitError('FST_REQ_FILE_TOO_LARGE', settings)!);
      else resolve(Buffer.concat(chunks, size));
    });
  });
}

/** Reads the whole form; throws 413 as soon as a limit is passed. */
export async function readMultipartForm(req: FastifyRequest, settings: PortalSettings): Promise<{ fields: Record<string, string>; files: UploadedFile[] }> {
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (part.valueTruncated) throw new DomainError('PAYLOAD_TOO_LARGE', `Il campo «${part.fieldname}» è troppo lungo.`);
        if (fields[part.fieldname] === undefined && typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      const bytes = await readFile(part.file, settings);
      files.push({ field: part.fieldname, fileName: part.filename ?? '', bytes });
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    const mapped = limitError(String((e as { code?: unknown }).code ?? ''), settings);
    if (mapped) throw mapped;
    throw new DomainError('VALIDATION_FAILED', 'Il modulo inviato (multipart/form-data) non è leggibile.');
  }
  return { fields, files };
}

/** preValidation: for a multipart request, after `authorise` passes, read the form into body and uploads. */
export function multipartFormHook(settings: PortalSettings, authorise: (req: FastifyRequest) => void) {
  return async (req: FastifyRequest): Promise<void> => {
    if (!req.isMultipart()) return;
    authorise(req);
    const form = await readMultipartForm(req, settings);
    req.body = form.fields;
    req.uploads = form.files;
  };
}
