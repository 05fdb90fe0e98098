/**
 * The one "in force on date D" rule as SQL, the twin of `isInForceOn` (domain/src/validity.ts): the
 * row holds from valid_from to valid_until inclusive (null: no end) and is not revoked. Every query
 * about registry exemptions, delegations and catalogue codes "on a date" goes through it.
 */
import { and, gte, isNull, lte, or, type Placeholder, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/** A table with dated validity; `revokedAt` where a row can be revoked. */
export interface DatedTable {
  validFrom: PgColumn;
  validUntil: PgColumn;
  revokedAt?: PgColumn;
}

/** `on`: a `YYYY-MM-DD` date, or a placeholder of a prepared statement. */
export function inForceOn(table: DatedTable, on: string | Placeholder): SQL {
  return and(
    lte(table.validFrom, on),
    or(isNull(table.validUntil), gte(table.validUntil, on)),
    table.revokedAt ? isNull(table.revokedAt) : undefined,
  ) as SQL;
}

/**
 * Rows whose period overlaps [from, until] (until null: open-ended) and not revoked: the check that
 * keeps one delegation in force per pair at any date.
 */
export function overlapping(table: DatedTable, from: string, until: string | null): SQL {
  return and(
    or(isNull(table.validUntil), gte(table.validUntil, from)),
    until !== null ? lte(table.validFrom, until) : undefined,
    table.revokedAt ? isNull(table.revokedAt) : undefined,
  ) as SQL;
}
