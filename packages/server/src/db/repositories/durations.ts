/**
 * The duration table (migration 0012): one row per code, read by the lookup "exact code, then base
 * code" (the domain's pickDuration), written by the administrator and by the import of
 * data/exemption-durations.csv. A row the administrator set is never overwritten by a re-import.
 */
import { eq, inArray, isNull, sql } from 'drizzle-orm';
import { pickDuration, type CodeDuration } from '@esenzioni/domain';
import type { Tx } from '../client.js';
import { exemptionCode, exemptionDuration } from '../schema.js';

export type DurationRow = typeof exemptionDuration.$inferSelect;
export type DurationInsert = typeof exemptionDuration.$inferInsert;

/** The duration that applies to `code`: its own row, else its base code's (013.250 → 013), else null. */
export async function findDurationFor(
  tx: Tx,
  code: string,
  baseCode: string | null,
): Promise<DurationRow | null> {
  const wanted = baseCode && baseCode !== code ? [code, baseCode] : [code];
  const found = await tx.select().from(exemptionDuration).where(inArray(exemptionDuration.code, wanted));
  return pickDuration(code, baseCode, found);
}

/**
 * What decides the validity of an exemption issued for `code`: the catalogue's end of the code and
 * the duration found for it; undefined when the code is unknown.
 */
export async function codeValidityOf(
  tx: Tx,
  code: string,
): Promise<{ validUntil: string | null; duration: CodeDuration | null } | undefined> {
  const [row] = await tx
    .select({
      code: exemptionCode.code,
      baseCode: exemptionCode.baseCode,
      validUntil: exemptionCode.validUntil,
    })
    .from(exemptionCode)
    .where(eq(exemptionCode.code, code));
  if (!row) return undefined;
  return { validUntil: row.validUntil, duration: await findDurationFor(tx, row.code, row.baseCode) };
}

/** Every duration row, by code (the demo seed resolves its codes with them). */
export const listDurations = (tx: Tx): Promise<DurationRow[]> => tx.select().from(exemptionDuration);

/** The code's own duration row, or undefined. */
export async function findOwnDuration(tx: Tx, code: string): Promise<DurationRow | undefined> {
  const [row] = await tx.select().from(exemptionDuration).where(eq(exemptionDuration.code, code));
  return row;
}

/** The administrator sets the code's own duration (replacing any row, also one from the CSV). */
export async function upsertDuration(tx: Tx, row: DurationInsert): Promise<DurationRow> {
  const [saved] = await tx
    .insert(exemptionDuration)
    .values(row)
    .onConflictDoUpdate({
      target: exemptionDuration.code,
      set: {
        minAmount: row.minAmount ?? null,
        maxAmount: row.maxAmount ?? null,
        unit: row.unit,
        fromBirth: row.fromBirth ?? false,
        source: row.source,
        setAt: row.setAt ?? sql`now()`,
        setBy: row.setBy ?? null,
      },
    })
    .returning();
  if (!saved) throw new Error('exemption_duration: upsert returned no row');
  return saved;
}

/** The code's own duration is removed: the lookup falls back to its base code, then the catalogue. */
export async function deleteDuration(tx: Tx, code: string): Promise<void> {
  await tx.delete(exemptionDuration).where(eq(exemptionDuration.code, code));
}

/**
 * The rows of data/exemption-durations.csv: inserted when missing, updated when the row also came from
 * the file (setBy null); a row the administrator set is kept. Codes absent from the catalogue are
 * skipped (returned), not an error, so a catalogue without them still loads.
 */
export async function importDurations(
  tx: Tx,
  data: DurationInsert[],
): Promise<{ loaded: number; unknown: string[] }> {
  if (data.length === 0) return { loaded: 0, unknown: [] };
  const known = new Set(
    (
      await tx
        .select({ code: exemptionCode.code })
        .from(exemptionCode)
        .where(
          inArray(
            exemptionCode.code,
            data.map((d) => d.code),
          ),
        )
    ).map((r) => r.code),
  );
  const rows = data.filter((d) => known.has(d.code));
  if (rows.length > 0) {
    await tx
      .insert(exemptionDuration)
      .values(rows.map((r) => ({ ...r, setBy: null })))
      .onConflictDoUpdate({
        target: exemptionDuration.code,
        set: {
          minAmount: sql`excluded.min_amount`,
          maxAmount: sql`excluded.max_amount`,
          unit: sql`excluded.unit`,
          fromBirth: sql`excluded.from_birth`,
          source: sql`excluded.source`,
        },
        setWhere: isNull(exemptionDuration.setBy),
      });
  }
  return { loaded: rows.length, unknown: data.filter((d) => !known.has(d.code)).map((d) => d.code) };
}
