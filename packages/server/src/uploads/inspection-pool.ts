/**
 * A small process-wide pool of inspection workers (inspect-worker.ts). Each file is checked by one
 * worker with a heap limit (resourceLimits) and a time limit: a worker that passes either is
 * terminated and replaced, and its file is refused as unreadable. At most `size` files are parsed at
 * once; the others wait their turn in order. Workers are kept warm between files (starting one costs
 * about a second: tsx and pdf.js load), unref'd while idle so they never keep the process alive.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { InspectRequest, InspectResponse } from './inspect-worker.js';
import type { PdfVerdict } from './pdf-safety.js';
import { rateLimited } from '@esenzioni/domain';

/**
 * Files waiting for a worker beyond which a new one is refused at once (429, Retry-After) instead of
 * queueing behind them: one sender of slow files must not make everyone else's upload wait for minutes.
 */
export const MAX_QUEUED_FILES = 16;

export interface InspectionLimits {
  /** files parsed at once (workers) */
  workers: number;
  /** time limit per file, from the moment a warm worker takes it */
  timeoutMs: number;
  /** heap limit of each worker (old generation), MB */
  heapMb: number;
}

/** One core stays for the event loop: at most two workers, fewer on a small machine. */
export const DEFAULT_INSPECTION_LIMITS: InspectionLimits = {
  workers: Math.max(1, Math.min(2, availableParallelism() - 1)),
  timeoutMs: 10_000,
  heapMb: 256,
};

const WORKER_URL = new URL(
  `./inspect-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
);

/**
 * pdf.js is loaded first, natively: through tsx's loader its 5 MB of JavaScript would be transformed
 * and cost the worker about 500 MB. Then, under tsx (how the server runs), the worker's TypeScript
 * is loaded through tsx's API; it finds pdf.js on globalThis (pdf.mjs and pdf.worker.mjs set it).
 */
const PDFJS_URLS = [
  import.meta.resolve('pdfjs-dist/legacy/build/pdf.mjs'),
  import.meta.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs'),
];

function spawn(heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 8, stackSizeMb: 4 };
  const [lib, worker] = PDFJS_URLS.map((u) => JSON.stringify(u));
  const entry = JSON.stringify(WORKER_URL.href);
  const load = WORKER_URL.pathname.endsWith('.ts')
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ tsImport }) => tsImport(${entry}, ${entry}))`
    : `import(${entry})`;
  return new Worker(`import(${lib}).then(() => import(${worker})).then(() => ${load})`, {
    eval: true,
    execArgv: [],
    resourceLimits,
  });
}

interface Task {
  req: Omit<InspectRequest, 'id'>;
  resolve: (v: PdfVerdict) => void;
}

/** Loading tsx and pdf.js takes about a second; on a loaded machine much more. */
const STARTUP_TIMEOUT_MS = 60_000;

const unreadable = (reason: string): PdfVerdict => ({ ok: false, kind: 'unreadable', reason });

class Slot {
  private worker: Worker | null = null;
  private ready: Promise<Worker> | null = null;
  private nextId = 1;

  constructor(private readonly limits: InspectionLimits) {}

  private start(): Promise<Worker> {
    const worker = spawn(this.limits.heapMb);
    worker.unref();
    this.worker = worker;
    this.ready = new Promise<Worker>((resolve, reject) => {
      // a worker that never gets ready must not leave uploads waiting for ever
      const timer = setTimeout(
        () => reject(new Error('inspection worker did not start')),
        STARTUP_TIMEOUT_MS,
      ).unref();
      worker.once('message', () => {
        clearTimeout(timer);
        resolve(worker);
      });
      worker.once('error', reject);
      worker.once('exit', () => reject(new Error('inspection worker exited while starting')));
    });
    this.ready.catch(() => this.discard(worker));
    return this.ready;
  }

  private discard(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.ready = null;
    void worker.terminate();
  }

  /** Checks one file on this slot's worker, starting one if needed. */
  async run(req: Omit<InspectRequest, 'id'>): Promise<PdfVerdict> {
    let worker: Worker;
    try {
      worker = await (this.ready ?? this.start());
    } catch {
      return unreadable('analisi non disponibile');
    }
    const id = this.nextId++;
    worker.ref();
    return new Promise<PdfVerdict>((resolve) => {
      const finish = (verdict: PdfVerdict, broken: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (broken) this.discard(worker);
        else worker.unref();
        resolve(verdict);
      };
      const onMessage = (m: InspectResponse) => m.id === id && finish(m.verdict, false);
      const onError = () => finish(unreadable('limite di memoria superato'), true);
      const onExit = () => finish(unreadable('analisi interrotta'), true);
      const timer = setTimeout(
        () => finish(unreadable('tempo di analisi superato'), true),
        this.limits.timeoutMs,
      );
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage({ ...req, id } satisfies InspectRequest);
    });
  }

  warm(): void {
    if (!this.ready) void this.start().catch(() => undefined);
  }
}

export class InspectionPool {
  private readonly idle: Slot[];
  private readonly queue: Task[] = [];

  constructor(readonly limits: InspectionLimits) {
    this.idle = Array.from({ length: Math.max(1, limits.workers) }, () => new Slot(limits));
  }

  /** Starts the workers ahead of the first upload. */
  warm(): void {
    for (const s of this.idle) s.warm();
  }

  inspect(req: Omit<InspectRequest, 'id'>): Promise<PdfVerdict> {
    if (this.queue.length >= MAX_QUEUED_FILES) {
      return Promise.reject(
        rateLimited('In questo momento ci sono troppi documenti in analisi: riprovare tra qualche minuto.', {
          retryAfterSeconds: 60,
          issues: [{ field: 'documents', message: 'Analisi dei documenti momentaneamente sovraccarica.' }],
        }),
      );
    }
    return new Promise((resolve) => {
      this.queue.push({ req, resolve });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const slot = this.idle.pop()!;
      const task = this.queue.shift()!;
      void slot.run(task.req).then((verdict) => {
        this.idle.push(slot);
        task.resolve(verdict);
        this.pump();
      });
    }
  }
}

let shared: InspectionPool | null = null;

/** The process's pool (created with the first limits given; later calls get the same pool). */
export function inspectionPool(limits: InspectionLimits = DEFAULT_INSPECTION_LIMITS): InspectionPool {
  shared ??= new InspectionPool(limits);
  return shared;
}
