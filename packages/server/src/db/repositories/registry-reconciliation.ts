/** SQL of the nightly reconciliation's record (issue 14): one row per run, read by the administrator. */
import { desc } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { registryReconciliation } from '../schema.js';

export interface ReconciliationDifference {
  /** the Coverage (registry exemption) id */
  coverageId: string;
  /** MISSING: the registry has no such Coverage; DIFFERENT: it has one that differs in `fields` */
  kind: 'MISSING' | 'DIFFERENT';
  fields: string[];
}

export type ReconciliationRow = typeof registryReconciliation.$inferSelect;

export async function recordReconciliation(
  tx: Tx,
  r: {
    ranAt: Date;
    day: string;
    checked: number;
    unreachable: boolean;
    differences: ReconciliationDifference[];
  },
): Promise<ReconciliationRow> {
  const [row] = await tx.insert(registryReconciliation).values(r).returning();
  return row!;
}

export function latestReconciliations(tx: Tx, limit: number): Promise<ReconciliationRow[]> {
  return tx
    .select()
    .from(registryReconciliation)
    .orderBy(desc(registryReconciliation.ranAt), desc(registryReconciliation.id))
    .limit(limit);
}
