/**
 * A read of personal data, audited: `work` runs its queries and names, through `audit`, the people
 * and cases its result returns; the result is handed back only after those access-log rows are
 * committed (group commit: access-log-writer.ts). Reads run without a transaction of their own: each
 * query sees committed data, and none of them holds a lock or a connection while the rows are written.
 *
 * A read that throws writes no OK row. When the caller names the person the request is about (a
 * fiscal code the request carries: `options.target`) and the read is refused for scope (403, or a
 * 404 that hides an out-of-scope record), a DENIED row records the attempt before the refusal leaves.
 * A refusal decided before the read starts (a role check) records it with `recordDenied`.
 */
import { DomainError, type AccessAction } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import type { Actor } from '../auth/actor.js';
import { accessRows, type AccessEntry, type AccessRowContent } from './access-log.js';
import { accessLogWriter } from './access-log-writer.js';

export { setAuditReadsSynchronous } from './access-log-writer.js';

export type Audit = (action: AccessAction, entries: AccessEntry[]) => void;

export interface AuditedReadContext {
  db: Db;
  /** issue 16: where `work` reads (a streaming replica); the access-log rows always go to `db`, the primary */
  readDb?: Db | undefined;
  actor: Actor;
  correlationId: string;
}

/** Whom a read is about, known from the request before any query (e.g. the fiscal code of a lookup). */
export interface AuditTarget extends AccessEntry {
  action: AccessAction;
}

export interface AuditedReadOptions {
  target?: AuditTarget;
}

/** A refusal that hides or forbids someone's data: 403, or a not-found that scope may have caused. */
export const isScopeRefusal = (e: unknown): boolean =>
  e instanceof DomainError && (e.code === 'FORBIDDEN' || e.code.endsWith('NOT_FOUND'));

export async function auditedRead<T>(
  ctx: AuditedReadContext,
  work: (db: Db, audit: Audit) => Promise<T>,
  options: AuditedReadOptions = {},
): Promise<T> {
  const rows: AccessRowContent[] = [];
  let result: T;
  try {
    result = await work(ctx.readDb ?? ctx.db, (action, entries) => {
      rows.push(...accessRows(ctx.actor, action, entries, ctx.correlationId));
    });
  } catch (e) {
    if (options.target && isScopeRefusal(e)) await recordDenied(ctx, options.target);
    throw e;
  }
  await accessLogWriter(ctx.db).append(rows);
  return result;
}

/** Writes (durably, like a read's rows) the DENIED row of a refused attempt on a known person. */
export async function recordDenied(ctx: AuditedReadContext, target: AuditTarget): Promise<void> {
  const entry: AccessEntry = {
    personFiscalCode: target.personFiscalCode,
    caseNumber: target.caseNumber ?? null,
  };
  await accessLogWriter(ctx.db).append(
    accessRows(ctx.actor, target.action, [entry], ctx.correlationId, new Date(), 'DENIED'),
  );
}
