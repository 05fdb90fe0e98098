/**
 * The monthly sample of self-declarations for the art. 71 checks (issue 12 §3), on a calendar
 * (scheduled-jobs.ts): at 00:15 Rome on the 1st of each month on PostgreSQL, at most once an hour on PGlite.
 * The sampling is written once per ASL and month (declaration_check_sample's key), so any extra run is
 * harmless.
 */
import { DECLARATION_CHECK_JOB, runDeclarationSampling } from '../services/checks/sample-declarations.js';
import type { ScheduledJob } from './scheduled-jobs.js';

export const DECLARATION_CHECK_CRON = '15 0 1 * *';

/** `random`: the draw (tests seed it); default Math.random. */
export function declarationCheckJob(percent: number, random?: () => number): ScheduledJob {
  return {
    name: DECLARATION_CHECK_JOB,
    cron: DECLARATION_CHECK_CRON,
    everyMs: 60 * 60 * 1000,
    logMessage: 'campione dei controlli sulle autocertificazioni',
    run: async (db, now) => (await runDeclarationSampling(db, now, percent, random)).sampled,
  };
}
