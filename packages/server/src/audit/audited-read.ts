/**
 * A read of personal data, audited: `work` runs its queries and names, through `audit`, the people
 * and cases its result returns; the result is handed back only after those access-log rows are
 * committed (group commit: access-log-writer.ts). A read that throws (not found, out of scope) writes
 * nothing. Reads run without a transaction of their own: each query sees committed data, and none of
 * them holds a lock or a connection while the rows are written.
 */
import type { AccessAction } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import type { Actor } from '../auth/actor.js';
import { accessRows, type AccessEntry, type AccessRowContent } from './access-log.js';
import { accessLogWriter } from './access-log-writer.js';

export { setAuditReadsSynchronous } from './access-log-writer.js';

export type Audit = (action: AccessAction, entries: AccessEntry[]) => void;

export interface AuditedReadContext {
  db: Db;
  actor: Actor;
  correlationId: string;
}

export async function auditedRead<T>(ctx: AuditedReadContext, work: (db: Db, audit: Audit) => Promise<T>): Promise<T> {
  const rows: AccessRowContent[] = [];
  const result = await work(ctx.db, (action, entries) => {
    rows.push(...accessRows(ctx.actor, action, entries, ctx.correlationId));
  });
  await accessLogWriter(ctx.db).append(rows);
  return result;
}
