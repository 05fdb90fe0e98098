/**
 * SQL of the access log's month partitions and of its retention (audit/retention.ts, migration 0030):
 * creating the months ahead and dropping the expired ones go through the two SECURITY DEFINER functions
 * of the migration (the application's role owns no table); the summaries of what was dropped live in
 * the append-only `access_log_retention`.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { rows, type Tx } from '../client.js';
import { accessLog, accessLogRetention } from '../schema.js';

/** The class of the advisory lock that serialises partition creation and dropping (the SQL functions take it too). */
export const PARTITION_LOCK_CLASS = 727_003;

/** Creates the missing month partitions from `from`'s month to `to`'s (Europe/Rome); returns how many. */
export async function ensurePartitions(db: Tx, from: Date, to: Date): Promise<number> {
  const [r] = await rows<{ n: number }>(
    db,
    sql`select access_log_ensure_partitions(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz) as n`,
  );
  return Number(r?.n ?? 0);
}

export interface MonthPartition {
  name: string;
  /** YYYY-MM-01 */
  month: string;
}

const MONTH_OF = sql`to_date(substr(c.relname, 12), 'YYYY_MM')`;

/** The month partitions of access_log, oldest first. */
export function monthPartitions(db: Tx): Promise<MonthPartition[]> {
  return rows<MonthPartition>(
    db,
    sql`select c.relname as name, to_char(${MONTH_OF}, 'YYYY-MM-DD') as month
          from pg_inherits i join pg_class c on c.oid = i.inhrelid
         where i.inhparent = 'access_log'::regclass and c.relname ~ '^access_log_[0-9]{4}_[0-9]{2}$'
         order by c.relname`,
  );
}

/**
 * The month partitions whose month ended at least `months` months before `now` (never later than the
 * database's own clock: access_log_drop_partition applies the same rule), oldest first.
 */
export function expiredPartitions(db: Tx, now: Date, months: number): Promise<MonthPartition[]> {
  return rows<MonthPartition>(
    db,
    sql`select c.relname as name, to_char(${MONTH_OF}, 'YYYY-MM-DD') as month
          from pg_inherits i join pg_class c on c.oid = i.inhrelid
         where i.inhparent = 'access_log'::regclass and c.relname ~ '^access_log_[0-9]{4}_[0-9]{2}$'
           and (${MONTH_OF} + interval '1 month')::timestamp at time zone 'Europe/Rome'
               <= least(${now.toISOString()}::timestamptz, now()) - make_interval(months => ${months}::int)
         order by c.relname`,
  );
}

/** Serialises with partition creation and other retention runs, until the transaction ends. */
export async function lockPartitions(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${PARTITION_LOCK_CLASS}, 0)`);
}

/**
 * Lifts the server's statement timeout for the rest of the transaction: checking a month of a chain
 * and dropping its partition may outlast the limit meant for requests.
 */
export async function withoutStatementTimeout(tx: Tx): Promise<void> {
  await tx.execute(sql`select set_config('statement_timeout', '0', true)`);
}

/**
 * Rows of `chain` outside the partition whose id is below `lastId`: a partition can be dropped only if
 * its rows are the start of each chain (what remains then still links, to the summary).
 */
export async function rowsBeforeOutside(
  tx: Tx,
  partition: string,
  chain: number,
  lastId: number,
): Promise<number> {
  const [r] = await rows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from access_log
         where chain = ${chain} and id < ${lastId} and tableoid <> ${partition}::regclass`,
  );
  return r?.n ?? 0;
}

/**
 * One month's rows of one chain after `afterId`, in id order (the bounds on `at` keep the scan to the
 * month's partition): the segment checked before the partition is dropped.
 */
export function monthChainRows(tx: Tx, month: string, chain: number, afterId: number, limit: number) {
  return tx
    .select()
    .from(accessLog)
    .where(
      and(
        sql`${accessLog.at} >= ${month}::date::timestamp at time zone 'Europe/Rome'`,
        sql`${accessLog.at} < (${month}::date + interval '1 month')::timestamp at time zone 'Europe/Rome'`,
        eq(accessLog.chain, chain),
        gt(accessLog.id, afterId),
      ),
    )
    .orderBy(asc(accessLog.id))
    .limit(limit);
}

/**
 * The last row retention dropped from the chain (none: nothing dropped): where a chain emptied by
 * retention goes on. Read only when the chain has no row left, so never on the usual write path.
 */
export async function lastDroppedRow(tx: Tx, chain: number): Promise<{ hash: string; at: Date } | undefined> {
  const [r] = await rows<{ hash: string; at: string }>(
    tx,
    sql`select c->>'lastHash' as hash, c->>'lastAt' as at
          from access_log_retention r, jsonb_array_elements(r.payload::jsonb -> 'chains') c
         where (c->>'chain')::int = ${chain}
         order by r.month desc limit 1`,
  );
  return r ? { hash: r.hash, at: new Date(r.at) } : undefined;
}

export async function insertRetentionSummary(
  tx: Tx,
  summary: typeof accessLogRetention.$inferInsert,
): Promise<void> {
  await tx.insert(accessLogRetention).values(summary);
}

/** Every retention summary, oldest month first. */
export function retentionSummaries(db: Tx) {
  return db.select().from(accessLogRetention).orderBy(accessLogRetention.month, accessLogRetention.id);
}

/** Drops the partition through the guarded function; returns its row count. */
export async function dropPartition(
  tx: Tx,
  partition: string,
  retentionMonths: number,
  now: Date,
): Promise<number> {
  const [r] = await rows<{ n: string | number }>(
    tx,
    sql`select access_log_drop_partition(${partition}, ${retentionMonths}::int, ${now.toISOString()}::timestamptz) as n`,
  );
  return Number(r?.n ?? 0);
}
