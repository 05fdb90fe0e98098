/**
 * SQL on «revoca con blocco» (0017): one row per block; a block not lifted refuses new requests of the
 * person for the code. Lifting keeps the row (who lifted it, when).
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { exemptionBlock } from '../schema.js';

export interface NewBlock {
  fiscalCode: string;
  exemptionCode: string;
  caseId: number;
  aslId: string;
  blockedAt: Date;
  blockedBy: string;
}

/** Blocks the code for the person; a block already standing for the pair stays as it is. */
export async function insertBlock(tx: Tx, b: NewBlock): Promise<void> {
  await tx
    .insert(exemptionBlock)
    .values(b)
    .onConflictDoNothing({
      target: [exemptionBlock.fiscalCode, exemptionBlock.exemptionCode],
      where: sql`lifted_at is null`,
    });
}

/** Does a block not lifted stand for this person and code? */
export async function isBlocked(tx: Tx, fiscalCode: string, exemptionCode: string): Promise<boolean> {
  const found = await tx
    .select({ id: exemptionBlock.id })
    .from(exemptionBlock)
    .where(
      and(
        eq(exemptionBlock.fiscalCode, fiscalCode),
        eq(exemptionBlock.exemptionCode, exemptionCode),
        isNull(exemptionBlock.liftedAt),
      ),
    )
    .limit(1);
  return found.length > 0;
}

/**
 * Lifts the standing block of the person for the code, if it was set by the ASL `aslId`: true when a
 * block was lifted, false when none stands there (another ASL's block is not found either).
 */
export async function liftBlock(
  tx: Tx,
  b: { fiscalCode: string; exemptionCode: string; aslId: string; liftedAt: Date; liftedBy: string },
): Promise<boolean> {
  const lifted = await tx
    .update(exemptionBlock)
    .set({ liftedAt: b.liftedAt, liftedBy: b.liftedBy })
    .where(
      and(
        eq(exemptionBlock.fiscalCode, b.fiscalCode),
        eq(exemptionBlock.exemptionCode, b.exemptionCode),
        eq(exemptionBlock.aslId, b.aslId),
        isNull(exemptionBlock.liftedAt),
      ),
    )
    .returning({ id: exemptionBlock.id });
  return lifted.length > 0;
}
