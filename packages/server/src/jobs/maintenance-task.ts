/**
 * A periodic housekeeping task (purges, retention). The maintenance runner (jobs/) runs each at most
 * once per `everyMs` across all processes and passes the injected clock's `now`.
 */
import type { Db } from '../db/client.js';

export interface MaintenanceTask {
  /** stable name: also the advisory-lock key and the metric label */
  name: string;
  everyMs: number;
  /** returns how many rows it removed or changed (logged and counted) */
  run(db: Db, now: Date): Promise<number>;
}
