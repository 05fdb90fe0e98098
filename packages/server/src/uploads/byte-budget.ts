/**
 * A process-wide budget of upload bytes held in memory at once. Uploads live in temporary files; their
 * bytes enter memory only to be stored (documents are bytea columns), and a request first reserves
 * their total here, waiting in order while others hold the budget. A request larger than the whole
 * budget waits until it can hold all of it alone, so it still passes, one at a time.
 */
export class ByteBudget {
  private available: number;
  private readonly waiting: Array<{ bytes: number; grant: () => void }> = [];

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

  /** Bytes currently reserved (for tests and metrics). */
  get inUse(): number {
    return this.capacity - this.available;
  }
}

export const DEFAULT_UPLOAD_MEMORY_BYTES = 64 * 1024 * 1024;

let shared: ByteBudget | null = null;

/** The process's budget (sized by the first caller; later calls get the same one). */
export function uploadByteBudget(capacity = DEFAULT_UPLOAD_MEMORY_BYTES): ByteBudget {
  shared ??= new ByteBudget(capacity);
  return shared;
}
