/**
 * The nightly reconciliation with the regional registry (services/interop/reconcile-registry.ts) on the
 * calendar of scheduled jobs: 02:30 Rome on PostgreSQL (pg-boss, one at a time across processes), at
 * most once a day on PGlite (the maintenance runner). Scheduled only when REGISTRY_PUSH_URL is set.
 */
import type { RegistryPort } from '../interop/registry-client.js';
import { reconcileRegistry } from '../services/interop/reconcile-registry.js';
import type { ScheduledJob } from './scheduled-jobs.js';

export const RECONCILIATION_JOB = 'registry-reconciliation';
export const RECONCILIATION_CRON = '30 2 * * *';

export function registryReconciliationJob(registry: RegistryPort, sampleSize: number): ScheduledJob {
  return {
    name: RECONCILIATION_JOB,
    cron: RECONCILIATION_CRON,
    everyMs: 24 * 60 * 60 * 1000,
    logMessage: 'riconciliazione con il registro regionale',
    run: async (db, now) => (await reconcileRegistry(db, registry, now, sampleSize)).differences.length,
  };
}
