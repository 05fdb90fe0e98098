/**
 * The periodic anchor (audit/anchor.ts) as a maintenance task: every 15 minutes the chains' heads
 * are signed, stored and exported, so at most the last 15 minutes of a chain could be cut off
 * without `audit:verify` noticing (the keyed hashes catch any rewrite at any age).
 */
import type { MaintenanceTask } from '../jobs/maintenance-task.js';
import { writeAnchor } from './anchor.js';

export const ANCHOR_EVERY_MS = 15 * 60_000;

export const auditAnchorTask: MaintenanceTask = {
  name: 'audit-anchor',
  everyMs: ANCHOR_EVERY_MS,
  run: async (db, now) => {
    await writeAnchor(db, now);
    return 1;
  },
};
