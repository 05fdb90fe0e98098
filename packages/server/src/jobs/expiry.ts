/**
 * The daily expiry sweep (issue 11 §2): a validated exemption enters its last days (EXPIRING, "In
 * scadenza") and, after its last valid day, ends (EXPIRED, "Scaduta"). Each step is a compare-and-set
 * on the case's version with one history row by the system actor and a 'case.status-changed' event in
 * the same statement (repositories/cases.ts commitTransition); the event's notification and e-mail are
 * the reminders, at most one per case and state (dedupe key, notify/case-status-changed.ts). On the last
 * valid day a third reminder says "scade oggi" (notify/exemption-last-day.ts), also once.
 *
 * Idempotent: a case already in its state is not selected again, and a concurrent runner's change makes
 * the compare-and-set write nothing. Catch-up: the sweep compares dates, not days elapsed, so after a
 * long downtime a VALIDATED case whose last day is past becomes EXPIRED directly (one history row).
 *
 * Scheduling: on PostgreSQL pg-boss runs it daily at 00:05 Europe/Rome (one worker at a time across
 * processes, jobs/scheduled-jobs.ts); on PGlite (one process) the maintenance runner runs it
 * (expiryJob below): every hour, so a day's steps happen within its first hour, whenever the server started.
 */
import {
  addDays,
  caseStatusChanged,
  DEFAULT_EXPIRY_WARNING_DAYS,
  todayInRome,
  type CaseStatus,
  type Role,
} from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { commitTransition } from '../db/repositories/cases.js';
import { casesDueForExpiry } from '../db/repositories/expiry.js';
import { parameterValue } from '../db/repositories/administration.js';
import { emitLastDayReminder } from '../notify/exemption-last-day.js';
import type { ScheduledJob } from './scheduled-jobs.js';

/**
 * Who the history and the event name for the job's steps: not a person (no fiscal code has this
 * form), shown in the cronologia as "SISTEMA".
 */
export const SYSTEM_ACTOR: { fiscalCode: string; role: Role } = { fiscalCode: 'SISTEMA', role: 'ADMIN' };

export interface ExpirySweepResult {
  expiring: number;
  expired: number;
  /** last-day reminders written */
  lastDay: number;
}

/** One pass at `now` (its Europe/Rome date is "today"). */
export async function runExpirySweep(
  db: Db,
  now: Date,
  warningDays: number = DEFAULT_EXPIRY_WARNING_DAYS,
): Promise<ExpirySweepResult> {
  const today = todayInRome(now);
  const due = await casesDueForExpiry(db, today, addDays(today, warningDays));
  const result: ExpirySweepResult = { expiring: 0, expired: 0, lastDay: 0 };
  for (const c of due) {
    const status: CaseStatus = c.validUntil < today ? 'EXPIRED' : 'EXPIRING';
    // the last valid day: "scade oggi", once (whether the case entered EXPIRING today or earlier)
    if (c.validUntil === today) {
      if (await db.transaction((tx) => emitLastDayReminder(tx, c, today))) result.lastDay += 1;
    }
    if (status === c.status) continue;
    const changed = await db.transaction((tx) =>
      commitTransition(tx, {
        caseId: c.id,
        expectedVersion: c.version,
        change: { status, at: now, actorFiscalCode: SYSTEM_ACTOR.fiscalCode, actorRole: SYSTEM_ACTOR.role },
        history: [
          {
            at: now,
            actorFiscalCode: SYSTEM_ACTOR.fiscalCode,
            actorRole: SYSTEM_ACTOR.role,
            action: status === 'EXPIRED' ? 'expire' : 'expiring',
            status,
            beneficiaryNote: null,
            internalNote: null,
          },
        ],
        event: caseStatusChanged({
          caseNumber: c.caseNumber,
          status,
          previousStatus: c.status,
          beneficiaryFiscalCode: c.beneficiaryFiscalCode,
          at: now.toISOString(),
          actorFiscalCode: SYSTEM_ACTOR.fiscalCode,
          actorRole: SYSTEM_ACTOR.role,
        }),
        issueExemption: false,
      }),
    );
    // undefined: another runner (or an operator) changed the case meanwhile; the next pass sees it
    if (changed) result[status === 'EXPIRED' ? 'expired' : 'expiring'] += 1;
  }
  return result;
}

export const EXPIRY_JOB = 'exemption-expiry';

export const EXPIRY_CRON = '5 0 * * *';

/**
 * The sweep on a calendar (scheduled-jobs.ts): daily at 00:05 Rome on PostgreSQL, at most once an hour
 * on PGlite; each run is idempotent.
 */
export function expiryJob(warningDays: number): ScheduledJob {
  return {
    name: EXPIRY_JOB,
    cron: EXPIRY_CRON,
    everyMs: 60 * 60 * 1000,
    logMessage: 'scadenze aggiornate',
    run: async (db, now) => {
      // the administrator's lead time (issue 13 §3, EXPIRY_REMINDER_DAYS) wins over the configuration's
      const days = (await parameterValue(db, 'EXPIRY_REMINDER_DAYS', [''])) ?? warningDays;
      const r = await runExpirySweep(db, now, days);
      return r.expiring + r.expired;
    },
  };
}
