/**
 * The inspection worker thread (started by inspection-pool.ts): reads one PDF from its temporary
 * file, runs the raw layer (pdf-raw-scan.ts) and then pdf.js (pdf-safety.ts), and answers with a
 * verdict. It runs off the main event loop, with a heap limit and a time limit set by the pool,
 * which terminates it when either is passed: a hostile file costs this thread, never the server.
 */
import { readlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { scanPdfBytes } from './pdf-raw-scan.js';
import { checkPdf, type PdfVerdict } from './pdf-safety.js';

export interface InspectRequest {
  id: number;
  /** the file to read; or the bytes themselves (unit tests, small files) */
  path?: string;
  bytes?: Uint8Array;
  /** skip the raw layer (tests: the parser alone must refuse what the old scanner let through) */
  parserOnly?: boolean;
}
export interface InspectResponse {
  id: number;
  verdict: PdfVerdict;
}

/**
 * On Linux a thread is a task with its own nice value: this one yields the CPU to the event loop, so
 * a busy inspection never slows the requests of other users. Best effort (elsewhere: left as it is).
 */
function lowerThreadPriority(): void {
  try {
    const tid = Number(/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'))?.[1]);
    if (tid > 0) setPriority(tid, 15);
  } catch {
    // no /proc/thread-self, or not allowed: the time limit still bounds the work
  }
}
lowerThreadPriority();

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
/** pdf.js's own "worker" side, run in this thread (no nested worker); it ships no types. */
const PDFJS_WORKER_MODULE: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
// the pool's bootstrap has loaded both natively (pdf.mjs sets pdfjsLib, pdf.worker.mjs pdfjsWorker)
const scope = globalThis as { pdfjsLib?: PdfJs; pdfjsWorker?: unknown };
const pdfjs: PdfJs = scope.pdfjsLib ?? (await import('pdfjs-dist/legacy/build/pdf.mjs'));
scope.pdfjsWorker ??= (await import(PDFJS_WORKER_MODULE)) as unknown;

let warnings: string[] = [];
// pdf.js reports what it skipped with console.warn: collected for the file being checked, never printed
console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' ').slice(0, 300));
console.log = () => undefined;

async function inspect(req: InspectRequest): Promise<PdfVerdict> {
  const bytes = req.bytes ?? (req.path ? new Uint8Array(await readFile(req.path)) : new Uint8Array());
  const raw = req.parserOnly
    ? { activeKind: null, activeName: null, unreadable: false }
    : scanPdfBytes(bytes);
  if (raw.activeKind) return { ok: false, kind: raw.activeKind, reason: `/${raw.activeName}` };
  if (raw.unreadable)
    return { ok: false, kind: 'unreadable', reason: 'flusso compresso illeggibile o oltre i limiti' };
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
