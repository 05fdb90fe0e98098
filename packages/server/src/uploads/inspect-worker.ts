/**
 * The inspection worker thread (started by inspection-pool.ts): reads one PDF from its temporary
 * file, runs the raw layer (pdf-raw-scan.ts) and then pdf.js (pdf-safety.ts), and answers with a
 * verdict. It runs off the main event loop, with a heap limit and a time limit set by the pool,
 * which terminates it when either is passed: a hostile file costs this thread, never the server.
 */
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { scanPdfBytes } from './pdf-raw-scan.js';
import { checkPdf, type PdfVerdict } from './pdf-safety.js';

export interface InspectRequest {
  id: number;
  /** the file to read; or the bytes themselves (unit tests, small files) */
  path?: string;
  bytes?: Uint8Array;
}
export interface InspectResponse {
  id: number;
  verdict: PdfVerdict;
}

const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
/** pdf.js's own "worker" side (it ships no types for it): run in this thread, no nested worker. */
const PDFJS_WORKER_MODULE: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
// loaded now rather than at the first file, where it would count against that file's time limit
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = (await import(PDFJS_WORKER_MODULE)) as unknown;

let warnings: string[] = [];
// pdf.js reports what it skipped with console.warn: collected for the file being checked, never printed
console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' ').slice(0, 300));
console.log = () => undefined;

async function inspect(req: InspectRequest): Promise<PdfVerdict> {
  const bytes = req.bytes ?? (req.path ? new Uint8Array(await readFile(req.path)) : new Uint8Array());
  const raw = scanPdfBytes(bytes);
  if (raw.activeKind) return { ok: false, kind: raw.activeKind, reason: `/${raw.activeName}` };
  if (raw.bomb) return { ok: false, kind: 'unreadable', reason: 'flusso compresso oltre i limiti' };
  warnings = [];
  return checkPdf(pdfjs, bytes, warnings);
}

const port = parentPort;
if (port) {
  port.on('message', (req: InspectRequest) => {
    inspect(req).then(
      (verdict) => port.postMessage({ id: req.id, verdict } satisfies InspectResponse),
      () =>
        port.postMessage({
          id: req.id,
          verdict: { ok: false, kind: 'unreadable', reason: 'errore di lettura' },
        } satisfies InspectResponse),
    );
  });
  port.postMessage({ ready: true });
}
