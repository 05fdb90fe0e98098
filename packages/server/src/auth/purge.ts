/** Housekeeping of authentication data: expired sessions (and, later, old login attempts). */
import type { MaintenanceTask } from '../jobs/maintenance-task.js';
import { purgeExpiredSessions, type SessionPolicy } from './sessions.js';

export function authMaintenanceTasks(policy: SessionPolicy): MaintenanceTask[] {
  return [
    {
      name: 'purge-expired-sessions',
      everyMs: 5 * 60_000,
      run: async (db) => {
        await purgeExpiredSessions(db, policy);
        return 0;
      },
    },
  ];
}
