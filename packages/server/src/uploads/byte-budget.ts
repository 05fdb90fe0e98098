/**
 * A process-wide budget of upload bytes held in memory at once. Uploads live in temporary files; their
 * bytes enter memory only to be stored (documents are bytea columns), and each file first reserves its
 * size here, waiting in order while others hold the budget. A file larger than the whole budget waits
 * until it can hold all of it alone, so it still passes, one at a time.
 * The buffers themselves are reused: a file is read into a buffer left by an earlier one, so the
 * memory of uploads is the budget itself, not the budget plus what the garbage collector has not yet
 * reclaimed (and plus the allocator's fragments of many 10 MB buffers).
 */
export class ByteBudget {
  private available: number;
  private readonly waiting: Array<{ bytes: number; grant: () => void }> = [];
  private readonly free: Buffer[] = [];

  constructor(readonly capacity: number) {
    this.available = capacity;
  }

  /** Waits until `bytes` (at most the capacity) are free; returns the function that gives them back. */
  async acquire(bytes: number): Promise<() => void> {
    const wanted = Math.min(Math.max(0, bytes), this.capacity);
    if (this.waiting.length === 0 && this.available >= wanted) this.available -= wanted;
    else await new Promise<void>((grant) => this.waiting.push({ bytes: wanted, grant }));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.available += wanted;
      this.grantWaiting();
    };
  }

  /** First come, first served: a large request is not starved by a stream of small ones. */
  private grantWaiting(): void {
    while (this.waiting.length > 0 && this.available >= this.waiting[0]!.bytes) {
      const next = this.waiting.shift()!;
      this.available -= next.bytes;
      next.grant();
    }
  }

  /**
   * Runs `use` with a buffer of exactly `size` bytes, reserved in the budget; the caller fills all of
   * it (it may hold an earlier file's bytes) and must not keep it after `use` ends.
   */
  async lease<T>(size: number, use: (buf: Buffer) => Promise<T>): Promise<T> {
    const release = await this.acquire(size);
    const buf = this.take(size);
    try {
      return await use(buf.subarray(0, size));
    } finally {
      this.keep(buf);
      release();
    }
  }

  private take(size: number): Buffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      if (this.free[i]!.length >= size && (best < 0 || this.free[i]!.length < this.free[best]!.length))
        best = i;
    }
    return best >= 0 ? this.free.splice(best, 1)[0]! : Buffer.allocUnsafeSlow(size);
  }

  /** Kept for the next file while the kept buffers fit in the budget; otherwise left to the collector. */
  private keep(buf: Buffer): void {
    const kept = this.free.reduce((n, b) => n + b.length, 0);
    if (kept + buf.length <= this.capacity) this.free.push(buf);
  }

  /** Bytes currently reserved (for tests and metrics). */
  get inUse(): number {
    return this.capacity - this.available;
  }
}

export const DEFAULT_UPLOAD_MEMORY_BYTES = 32 * 1024 * 1024;

let shared: ByteBudget | null = null;

/** The process's budget (sized by the first caller; later calls get the same one). */
export function uploadByteBudget(capacity = DEFAULT_UPLOAD_MEMORY_BYTES): ByteBudget {
  shared ??= new ByteBudget(capacity);
  return shared;
}
