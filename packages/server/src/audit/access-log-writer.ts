/**
 * Group commit for the access log of reads. A read does not write its own row in its own
 * transaction: it hands its rows to the writer and waits until they are committed, and only then is
 * the response sent. While one batch commits, the rows of every read that arrives meanwhile queue for
 * the next: under load one transaction (lock the chain, read its last hash, one multi-row INSERT)
 * audits tens of reads, instead of each read paying those round trips and that lock alone.
 *
 * The guarantee is unchanged: no response carries a person's data unless its access-log row has been
 * committed and durable (synchronous commit: see `setAuditReadsSynchronous`). If a batch fails, each
 * of its reads is retried alone, so one bad row cannot fail the others; a read whose row could not
 * be written fails with it (the caller answers 500 and sends no data).
 *
 * Case actions come here too, after their own transaction has committed the change with its history
 * row (who did what, synchronously): their access-log row records the detail the response discloses.
 * Only case creation writes its row inside its transaction (`recordAccess`).
 */
import type pg from 'pg';
import type { Db, Tx } from '../db/client.js';
import { kindOf } from '../db/client.js';
import { perDatabase } from '../db/per-database.js';
import {
  appendInTwoTrips,
  lastChainRowText,
  lockChainText,
  poolOf,
  recentChainRowText,
} from '../db/repositories/access-log.js';
import {
  appendToChain,
  CHAIN_COUNT,
  chainValues,
  lockChain,
  searchFrom,
  type AccessRowContent,
} from './access-log.js';

interface Pending {
  rows: AccessRowContent[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

export interface WriterStats {
  batches: number;
  rows: number;
  largestBatch: number;
}

/** Rows gathered into one transaction at most (a single large read, an export, goes alone). */
const MAX_BATCH_ROWS = 2000;

let synchronousReads = true;

/**
 * Audited reads' batches commit synchronously by default: the response leaves only once its rows
 * are flushed to the WAL, so a crash of the database server cannot lose the rows of a page already
 * answered (it did with `synchronous_commit = off`: 20 rows of an answered search page). The group
 * commit keeps the cost low: one flush serves every read of the batch (figures: security-audit.test.ts).
 * AUDIT_READS_SYNCHRONOUS=false turns the flush wait off again, trading that guarantee for latency.
 */
export function setAuditReadsSynchronous(value: boolean): void {
  synchronousReads = value;
}

export const readsCommitAsynchronously = (): boolean => !synchronousReads;

export class AccessLogWriter {
  private queue: Pending[] = [];
  private inFlight = 0;
  private nextChain = Math.floor(Math.random() * CHAIN_COUNT);
  private idleWaiters: Array<() => void> = [];
  readonly stats: WriterStats = { batches: 0, rows: 0, largestBatch: 0 };

  /** @param concurrency transactions in flight at once, each on its own chain (1 on PGlite) */
  constructor(
    private readonly db: Db,
    private readonly concurrency: number,
  ) {}

  /** Resolves once the rows are committed. */
  append(rows: AccessRowContent[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      this.pump();
    });
  }

  /** Resolves when nothing is queued or being written (shutdown, tests). */
  drain(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.inFlight < this.concurrency && this.queue.length > 0) {
      const batch = this.take();
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.pump();
        if (this.inFlight === 0 && this.queue.length === 0)
          for (const done of this.idleWaiters.splice(0)) done();
      });
    }
  }

  private take(): Pending[] {
    const batch: Pending[] = [this.queue.shift()!];
    let rows = batch[0]!.rows.length;
    while (this.queue.length > 0 && rows + this.queue[0]!.rows.length <= MAX_BATCH_ROWS) {
      const next = this.queue.shift()!;
      rows += next.rows.length;
      batch.push(next);
    }
    return batch;
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      await this.commit(batch.flatMap((p) => p.rows));
      for (const p of batch) p.resolve();
    } catch (e) {
      if (batch.length === 1) {
        batch[0]!.reject(e);
        return;
      }
      // isolate the failing read: the others are written on their own
      for (const p of batch) await this.write([p]);
    }
  }

  /** First statement of a batch's transaction: the chain's lock and the commit mode (a test observes it). */
  protected async begin(tx: Tx, chain: number): Promise<void> {
    await lockChain(tx, chain, readsCommitAsynchronously());
  }

  /**
   * PostgreSQL: the first of a batch's two round trips (db/repositories/access-log.ts `appendInTwoTrips`):
   * begin, the chain's lock with the commit mode, the chain's last row (searched from `since` on, as
   * `appendToChain` does). A test observes it (with `observe`).
   */
  protected firstTrip(chain: number, since: Date): string {
    return `begin; ${lockChainText(chain, readsCommitAsynchronously())}; ${recentChainRowText(chain, since)}`;
  }

  protected observe(_firstTripResults: pg.QueryResult[]): void {}

  private async commit(rows: AccessRowContent[]): Promise<void> {
    const chain = this.nextChain;
    this.nextChain = (chain + 1) % CHAIN_COUNT;
    // issue 16 §7: two round trips instead of five (BEGIN, lock, last hash, INSERT, COMMIT), on a pool
    const pool = kindOf(this.db) === 'postgres' ? poolOf(this.db) : null;
    if (pool) {
      this.observe(
        await appendInTwoTrips(
          pool,
          chain,
          this.firstTrip(chain, searchFrom(rows)),
          (last) => chainValues(chain, last, rows),
          lastChainRowText(chain, searchFrom(rows)),
        ),
      );
    } else
      await this.db.transaction(async (tx) => {
        await this.begin(tx, chain);
        await appendToChain(tx, chain, rows);
      });
    this.stats.batches++;
    this.stats.rows += rows.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, rows.length);
  }
}

/** The one writer of a database handle: 4 transactions in flight on PostgreSQL, 1 on PGlite. */
export const accessLogWriter = perDatabase(
  (db) => new AccessLogWriter(db, kindOf(db) === 'postgres' ? 4 : 1),
);
