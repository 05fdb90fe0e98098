/**
 * Reads from a streaming replica (issue 16 §2, docs/scaling-ops.md).
 *
 * With DATABASE_REPLICA_URL set, the reads that may be a little behind (registry lookups, case
 * searches, FHIR searches, the statistics dashboard) run on the replica while its lag is within
 * DATABASE_REPLICA_MAX_LAG_MS; everything else, every write and every access-log row, stays on the
 * primary. The lag is measured off the request path, every DATABASE_REPLICA_CHECK_MS, and the last
 * measure is what requests consult (no query added to a request):
 *   1. the primary's current WAL position (pg_current_wal_lsn);
 *   2. on the replica: is it in recovery, how far its replay is behind that position
 *      (pg_wal_lsn_diff with pg_last_wal_replay_lsn), and how old its last replayed commit is
 *      (now() - pg_last_xact_replay_timestamp()).
 * Replay at or past the primary's position means lag 0 (an idle primary does not age the replica);
 * otherwise the lag is the age of the last replayed commit, an upper bound of how stale the replica is.
 * A replica that does not answer, is not in recovery (promoted, or the wrong server), lags beyond the
 * bound, or whose last measure is older than three periods, is not used: reads go to the primary.
 * A read that fails on the replica because the replica went away (or a recovery conflict cancelled
 * it) is run again on the primary at once, and the replica is set aside until the next good measure.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from './client.js';
import { isDatabaseUnavailable } from './unavailable.js';

/** Why a read went where it went: the metric's label. */
export type ReadRoute = 'replica' | 'primary_lag' | 'primary_down' | 'primary_retry';

export interface ReplicaState {
  /** the last measure succeeded and the lag is within the bound */
  usable: boolean;
  /** the last measured lag, ms (null: never measured, or the replica did not answer) */
  lagMs: number | null;
  /** when the last measure finished (ms since epoch; 0: never) */
  checkedAt: number;
  /** why the replica is not usable, for the log and /metrics */
  reason: 'ok' | 'lag' | 'down' | 'not_standby' | 'stale' | 'failed_read';
}

export interface ReplicaOptions {
  maxLagMs: number;
  checkMs: number;
  /** the clock of the measures (tests move it) */
  now?: () => number;
  /** counts each read by route (http/metrics.ts) */
  onRead?: (route: ReadRoute) => void;
  /** the last measured lag (ms) and whether the replica is used */
  onMeasure?: (state: ReplicaState) => void;
  /** state changes (usable → not usable and back), for the log */
  log?: (state: ReplicaState) => void;
}

/** Recovery conflicts on a hot standby cancel the query: SQLSTATE 40001 with this text. */
const isRecoveryConflict = (e: unknown): boolean => {
  for (let c: unknown = e, i = 0; i < 6 && typeof c === 'object' && c !== null; i++) {
    const { code, message } = c as { code?: unknown; message?: unknown };
    if (code === '40001' && typeof message === 'string' && /conflict with recovery/i.test(message))
      return true;
    c = (c as { cause?: unknown }).cause;
  }
  return false;
};

/** What the replica said about itself, against the primary's WAL position read just before. */
export interface ReplicaReading {
  standby: boolean;
  /** bytes of WAL the primary had that the replica had not replayed (≤ 0: none; null: unknown) */
  behindBytes: number | null;
  /** ms since the last replayed commit's timestamp on the primary (null: nothing replayed yet) */
  lastReplayAgeMs: number | null;
}

/** The lag (ms) and whether it is within the bound: replay at the primary's position is lag 0. */
export function assessReplica(
  r: ReplicaReading,
  maxLagMs: number,
): { lagMs: number | null; reason: 'ok' | 'lag' | 'not_standby' } {
  if (!r.standby) return { lagMs: null, reason: 'not_standby' };
  const lagMs = r.behindBytes !== null && r.behindBytes <= 0 ? 0 : Math.max(0, r.lastReplayAgeMs ?? Infinity);
  return { lagMs, reason: lagMs <= maxLagMs ? 'ok' : 'lag' };
}

export class ReadReplica {
  private state: ReplicaState = { usable: false, lagMs: null, checkedAt: 0, reason: 'down' };
  private timer: NodeJS.Timeout | null = null;
  private measuring: Promise<void> | null = null;
  private readonly now: () => number;

  constructor(
    readonly primary: Db,
    readonly replica: Db,
    private readonly opts: ReplicaOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  /** The state requests consult: a measure older than three periods counts as no measure. */
  current(): ReplicaState {
    if (this.state.usable && this.now() - this.state.checkedAt > 3 * this.opts.checkMs)
      return { ...this.state, usable: false, reason: 'stale' };
    return this.state;
  }

  /** Measures the lag once (the timer calls it; tests call it directly). Never throws. */
  measure(): Promise<void> {
    this.measuring ??= this.doMeasure().finally(() => {
      this.measuring = null;
    });
    return this.measuring;
  }

  private async doMeasure(): Promise<void> {
    let next: ReplicaState;
    try {
      const [p] = await rows<{ lsn: string }>(this.primary, sql`select pg_current_wal_lsn()::text as lsn`);
      const [r] = await rows<{ standby: boolean; behind: number | null; age_ms: number | null }>(
        this.replica,
        sql`select pg_is_in_recovery() as standby,
                   pg_wal_lsn_diff(${p!.lsn}::pg_lsn, pg_last_wal_replay_lsn())::float8 as behind,
                   (extract(epoch from (now() - pg_last_xact_replay_timestamp())) * 1000)::float8 as age_ms`,
      );
      const { lagMs, reason } = assessReplica(
        { standby: r!.standby, behindBytes: r!.behind, lastReplayAgeMs: r!.age_ms },
        this.opts.maxLagMs,
      );
      next = this.state0(lagMs, reason);
    } catch {
      next = this.state0(null, 'down');
    }
    const changed = next.usable !== this.state.usable || next.reason !== this.state.reason;
    this.state = next;
    this.opts.onMeasure?.(next);
    if (changed) this.opts.log?.(next);
  }

  private state0(lagMs: number | null, reason: ReplicaState['reason']): ReplicaState {
    return { usable: reason === 'ok', lagMs, checkedAt: this.now(), reason };
  }

  /**
   * Runs `read` on the replica when it is usable, else on the primary; a read the replica failed for
   * being away (or a recovery conflict) runs again on the primary, and the replica is set aside.
   */
  async run<T>(read: (db: Db) => Promise<T>): Promise<T> {
    const s = this.current();
    if (!s.usable) {
      this.opts.onRead?.(s.reason === 'lag' ? 'primary_lag' : 'primary_down');
      return read(this.primary);
    }
    try {
      const result = await read(this.replica);
      this.opts.onRead?.('replica');
      return result;
    } catch (e) {
      if (!isDatabaseUnavailable(e) && !isRecoveryConflict(e)) throw e;
      this.state = { ...this.state, usable: false, reason: 'failed_read' };
      this.opts.log?.(this.state);
      this.opts.onRead?.('primary_retry');
      return read(this.primary);
    }
  }

  start(): this {
    void this.measure();
    this.timer = setInterval(() => void this.measure(), this.opts.checkMs);
    this.timer.unref();
    return this;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.measuring;
  }
}

/**
 * Where a route's replica-eligible read runs: through the replica when one is configured, else on the
 * primary (`db`) as before.
 */
export type ReadOn = <T>(read: (db: Db) => Promise<T>) => Promise<T>;

export const readOnPrimary =
  (db: Db): ReadOn =>
  (read) =>
    read(db);

export const readOnReplica =
  (replica: ReadReplica): ReadOn =>
  (read) =>
    replica.run(read);

/** The replica's pool: small, quick to give up (a replica that does not answer is skipped). */
export const REPLICA_POOL = { poolSize: 10, connectMs: 1_000, queryMs: 3_000 } as const;
