/**
 * Housekeeping of authentication data, run by the maintenance runner with its injected `now`:
 * - sessions past their absolute lifetime or idle limit (they are refused at lookup anyway; the rows
 *   would otherwise pile up for every browser that never logs out);
 * - login attempts older than the retention: 90 days by default, long enough to review an attack
 *   (e.g. a password-spraying campaign found weeks later) and the quarterly access review, short
 *   enough that usernames and addresses are not kept indefinitely (data minimisation). The lock-out
 *   decision never reads them (it reads login_throttle), so a shorter retention changes no behaviour;
 * - throttle rows whose window and lock are over;
 * - known devices unused for DEVICE_MAX_AGE_MS (their cookie has expired too).
 */
import type { Db } from '../db/client.js';
import { deleteDevicesUnusedSince, deleteLoginAttemptsBefore } from '../db/repositories/accounts.js';
import type { MaintenanceTask } from '../jobs/maintenance-task.js';
import { DEVICE_MAX_AGE_MS, LOCKOUT_WINDOW_MS } from './login.js';
import { purgeExpiredSessions, type SessionPolicy } from './sessions.js';
import { purgeThrottle } from './throttle.js';

export const DEFAULT_LOGIN_ATTEMPT_RETENTION_DAYS = 90;
/** one run deletes at most this many attempts, so a first purge of a large table holds no long lock */
const ATTEMPT_BATCH = 10_000;

export interface AuthPurgeOptions {
  loginAttemptRetentionDays?: number;
}

/** Deletes up to ATTEMPT_BATCH attempts older than the retention; the next run takes the rest. */
export async function purgeLoginAttempts(db: Db, retentionDays: number, now: Date): Promise<number> {
  return deleteLoginAttemptsBefore(db, new Date(now.getTime() - retentionDays * 86_400_000), ATTEMPT_BATCH);
}

export async function purgeKnownDevices(db: Db, now: Date): Promise<number> {
  return deleteDevicesUnusedSince(db, new Date(now.getTime() - DEVICE_MAX_AGE_MS));
}

export function authMaintenanceTasks(
  policy: SessionPolicy,
  options: AuthPurgeOptions = {},
): MaintenanceTask[] {
  const retentionDays = options.loginAttemptRetentionDays ?? DEFAULT_LOGIN_ATTEMPT_RETENTION_DAYS;
  return [
    {
      name: 'purge-expired-sessions',
      everyMs: 5 * 60_000,
      run: (db, now) => purgeExpiredSessions(db, policy, now),
    },
    {
      name: 'purge-login-attempts',
      everyMs: 60 * 60_000,
      run: (db, now) => purgeLoginAttempts(db, retentionDays, now),
    },
    {
      name: 'purge-login-throttle',
      everyMs: 15 * 60_000,
      run: (db, now) => purgeThrottle(db, LOCKOUT_WINDOW_MS, now),
    },
    { name: 'purge-known-devices', everyMs: 24 * 60 * 60_000, run: (db, now) => purgeKnownDevices(db, now) },
  ];
}
