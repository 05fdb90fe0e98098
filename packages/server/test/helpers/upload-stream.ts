/**
 * Multipart uploads over real HTTP, files streamed from a head and a repeated fill (so a test can
 * send hundreds of megabytes without holding them), for the upload security and memory tests.
 */
import { C01_VERBALE } from './invalidity.js';
import http from 'node:http';
import { todayInRome } from '@esenzioni/domain';
import type { Client } from './app.js';
import { PEOPLE } from './fixtures.js';

export interface FilePart {
  name: string;
  filename: string;
  /** the file's first bytes, then `fill` repeated up to `size` */
  head: Buffer;
  size?: number;
  fill?: Buffer;
}

/** A multipart body written to `out` part by part, files streamed (never whole in memory). */
export async function writeMultipart(
  out: NodeJS.WritableStream,
  boundary: string,
  fields: Record<string, string>,
  files: FilePart[],
): Promise<void> {
  const write = (b: Buffer | string) =>
    out.write(b) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  for (const [k, v] of Object.entries(fields))
    await write(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  for (const f of files) {
    await write(
      `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    await write(f.head);
    let left = (f.size ?? f.head.length) - f.head.length;
    while (left > 0) {
      const chunk = f.fill!.subarray(0, Math.min(left, f.fill!.length));
      await write(chunk);
      left -= chunk.length;
    }
    await write('\r\n');
  }
  await write(`--${boundary}--\r\n`);
}

export const multipartLength = (boundary: string, fields: Record<string, string>, files: FilePart[]) =>
  Object.entries(fields).reduce(
    (n, [k, v]) =>
      n + Buffer.byteLength(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    0,
  ) +
  files.reduce(
    (n, f) =>
      n +
      Buffer.byteLength(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ) +
      (f.size ?? f.head.length) +
      2,
    0,
  ) +
  Buffer.byteLength(`--${boundary}--\r\n`);

export function upload(
  port: number,
  client: Client,
  url: string,
  fields: Record<string, string>,
  files: FilePart[],
): Promise<{ status: number; body: string }> {
  const boundary = `esz${Math.random().toString(16).slice(2)}`;
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: url,
      agent: false,
      headers: {
        cookie: client.cookie,
        'x-csrf-token': client.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(multipartLength(boundary, fields, files)),
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    writeMultipart(req, boundary, fields, files).then(() => req.end(), reject);
  });
}

export const caseFields = (who: keyof typeof PEOPLE = 'giovanni', exemptionCode = '048') => ({
  beneficiaryFiscalCode: PEOPLE[who].fiscalCode,
  exemptionCode,
  issuedOn: todayInRome(),
  // an invalidity code needs its verbale (issue 12 §4)
  ...(exemptionCode === 'C01' ? C01_VERBALE : {}),
});
