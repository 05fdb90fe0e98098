/**
 * SQL of the access log. Reading it about one person ("Chi ha consultato i miei dati"): a page of
 * accesses, filtered by period and kind, and the count of each kind in the period. Its hash chains
 * (end of file): the chain's lock, its last hash, the batched insert, the rows in chain order and
 * the chains' heads. The hashing, the HMAC keys and the choice of chain are audit/access-log.ts.
 */
import {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  ne,
  notInArray,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { AccessLogKind, Role } from '@esenzioni/domain';
import pg from 'pg';
import { rows, type Tx } from '../client.js';
import { accessLog, asl, district } from '../schema.js';

const ROME = 'Europe/Rome';
/** Roles whose reads are automatic lookups even without an API key (a GP's registry check). */
export const MACHINE_ROLES: readonly Role[] = ['GP'];

/** Each kind as SQL on access_log. */
const KIND_SQL: Record<AccessLogKind, SQL> = {
  MACHINE: or(isNotNull(accessLog.actorApiKeyId), inArray(accessLog.actorRole, [...MACHINE_ROLES])) as SQL,
  CITIZEN: and(isNull(accessLog.actorApiKeyId), eq(accessLog.actorRole, 'CITIZEN')) as SQL,
  OPERATOR: and(
    isNull(accessLog.actorApiKeyId),
    notInArray(accessLog.actorRole, ['CITIZEN', ...MACHINE_ROLES]),
  ) as SQL,
};

export interface AccessQuery {
  /** whose data was accessed */
  personFiscalCode: string;
  /** the reader's own reads are left out: a citizen's by user id, a delegator's (read by a delegate) by fiscal code */
  ownReads: { userId: number } | { citizenFiscalCode: string };
  /** Europe/Rome days, both inclusive */
  from?: string | undefined;
  to?: string | undefined;
  kind?: AccessLogKind | undefined;
  page: number;
  pageSize: number;
}

export interface AccessCounts {
  OPERATOR: number;
  MACHINE: number;
  CITIZEN: number;
  /** the newest operator read in the period, whatever the kind filter */
  latestOperator: Date | null;
}

function inPeriodOf(q: AccessQuery): SQL {
  const notOwnReads =
    'userId' in q.ownReads
      ? or(isNull(accessLog.actorUserId), ne(accessLog.actorUserId, q.ownReads.userId))
      : or(
          isNull(accessLog.actorFiscalCode),
          ne(accessLog.actorFiscalCode, q.ownReads.citizenFiscalCode),
          ne(accessLog.actorRole, 'CITIZEN'),
        );
  return and(
    eq(accessLog.personFiscalCode, q.personFiscalCode),
    notOwnReads,
    // from 00:00 of `from` to the end of `to`, in Europe/Rome
    q.from ? gte(accessLog.at, sql`(${q.from}::date)::timestamp at time zone ${ROME}`) : undefined,
    q.to ? lt(accessLog.at, sql`(${q.to}::date + 1)::timestamp at time zone ${ROME}`) : undefined,
  ) as SQL;
}

/** The counts of each kind in the period and one page of accesses (newest first). */
export async function accessesToPerson(tx: Tx, q: AccessQuery) {
  const inPeriod = inPeriodOf(q);
  const where = q.kind ? (and(inPeriod, KIND_SQL[q.kind]) as SQL) : inPeriod;
  const [[counts], page] = await Promise.all([
    rows<{ operator: number; machine: number; citizen: number; latest_operator: string | Date | null }>(
      tx,
      sql`select count(*) filter (where ${KIND_SQL.OPERATOR})::int as operator,
                 count(*) filter (where ${KIND_SQL.MACHINE})::int as machine,
                 count(*) filter (where ${KIND_SQL.CITIZEN})::int as citizen,
                 max(${accessLog.at}) filter (where ${KIND_SQL.OPERATOR}) as latest_operator
            from ${accessLog} where ${inPeriod}`,
    ),
    tx
      .select({
        at: accessLog.at,
        aslName: asl.name,
        districtName: district.name,
        role: accessLog.actorRole,
        apiKeyId: accessLog.actorApiKeyId,
        action: accessLog.action,
        caseNumber: accessLog.caseNumber,
        outcome: accessLog.outcome,
      })
      .from(accessLog)
      .leftJoin(asl, eq(asl.id, accessLog.actorAslId))
      .leftJoin(district, eq(district.id, accessLog.actorDistrictId))
      .where(where)
      .orderBy(desc(accessLog.at), desc(accessLog.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
  ]);
  const c: AccessCounts = {
    OPERATOR: Number(counts?.operator ?? 0),
    MACHINE: Number(counts?.machine ?? 0),
    CITIZEN: Number(counts?.citizen ?? 0),
    latestOperator: counts?.latest_operator ? new Date(counts.latest_operator) : null,
  };
  return { counts: c, page };
}

// ---- The hash chains: written by audit/access-log.ts, checked by audit/verify.ts and anchor.ts ----

/** Serialises writers of one chain (transaction-scoped advisory lock: class, chain). */
const CHAIN_LOCK_CLASS = 727_002;

/**
 * Takes the chain's lock (transaction-scoped) and sets how the transaction commits, in one round
 * trip: durably by default — if the server or the role runs with `synchronous_commit = off`, this
 * transaction still waits for the WAL flush (stronger settings, e.g. remote_apply, are kept) — or,
 * only if asked (AUDIT_READS_SYNCHRONOUS=false), without waiting. The last hash must then be read in
 * a statement of its own, whose snapshot is taken after the lock is held.
 */
export async function lockChain(tx: Tx, chain: number, asynchronousCommit = false): Promise<void> {
  await tx.execute(
    asynchronousCommit
      ? sql`select set_config('synchronous_commit', 'off', true), pg_advisory_xact_lock(${CHAIN_LOCK_CLASS}, ${chain})`
      : sql`select set_config('synchronous_commit',
                case current_setting('synchronous_commit') when 'off' then 'on' else current_setting('synchronous_commit') end, true),
              pg_advisory_xact_lock(${CHAIN_LOCK_CLASS}, ${chain})`,
  );
}

/**
 * The hash and time of the chain's newest row (none: the chain is empty); read once its lock is held.
 * The writer stamps a new row no earlier than this time, so within a chain `at` never decreases and a
 * month partition always holds a run of consecutive rows of each chain (audit/retention.ts). That also
 * makes the lookup cheap on the partitioned table: if the chain has a row at or after `since`, its
 * newest row is among those, so only the partitions from `since` on are searched (one probe each
 * instead of one in every month kept); only a chain idle since then needs the search through all.
 */
export async function lastChainRow(
  tx: Tx,
  chain: number,
  since?: Date,
): Promise<{ hash: string; at: Date } | undefined> {
  const newest = (bound?: Date) =>
    rows<{ hash: string; at: string | Date }>(
      tx,
      bound
        ? sql`select hash, at from access_log where chain = ${chain} and at >= ${bound.toISOString()}::timestamptz
                order by id desc limit 1`
        : sql`select hash, at from access_log where chain = ${chain} order by id desc limit 1`,
    );
  let [last] = since ? await newest(since) : [];
  if (!last) [last] = await newest();
  return last ? { hash: last.hash, at: new Date(last.at) } : undefined;
}

/**
 * One row as inserted, by position: at (ISO), actor_user_id, actor_fiscal_code, actor_api_key_id,
 * actor_role, actor_asl_id, actor_district_id, action, person_fiscal_code, case_number,
 * correlation_id, prev_hash, hash, outcome, key_id.
 */
export type ChainRowValues = readonly (string | number | null)[];

/**
 * Appends rows, already hashed in order, to a chain whose lock the transaction holds. The rows
 * travel as one JSON parameter (one INSERT whatever their number, no per-value query building);
 * `ordinality` keeps their order, so ids follow the chain.
 */
export async function insertChainRows(tx: Tx, chain: number, values: ChainRowValues[]): Promise<void> {
  await tx.execute(sql`
    insert into access_log (at, actor_user_id, actor_fiscal_code, actor_api_key_id, actor_role, actor_asl_id,
      actor_district_id, action, person_fiscal_code, case_number, correlation_id, chain, prev_hash, hash, outcome, key_id)
    select (v->>0)::timestamptz, (v->>1)::bigint, v->>2, (v->>3)::bigint, v->>4, v->>5,
      v->>6, v->>7, v->>8, v->>9, v->>10, ${chain}, v->>11, v->>12, v->>13, v->>14
    from jsonb_array_elements(${JSON.stringify(values)}::jsonb) with ordinality as r(v, n)
    order by n`);
}

// ---- PostgreSQL: a batch in two round trips (issue 16 §7) ----
//
// Through Drizzle a batch is five statements, each its own round trip (BEGIN, lock, last hash, INSERT,
// COMMIT); on the 2-core bench machine a socket write to PostgreSQL was a quarter of the server's busy CPU
// (profile in bench/README.md). The same statements go here as two simple-protocol strings (unnamed,
// nothing prepared: fine through PgBouncer in transaction mode). In READ COMMITTED each statement of a
// multi-statement string takes its own snapshot, so the last hash is still read after the lock is held.

const chainNumber = (chain: number): number => {
  if (!Number.isInteger(chain) || chain < 0) throw new Error(`bad chain ${chain}`);
  return chain;
};

/** The pg pool under a Drizzle handle of node-postgres (null: PGlite, or a handle over a single client). */
export function poolOf(db: Tx): pg.Pool | null {
  const client = (db as unknown as { $client?: unknown }).$client;
  return client instanceof pg.Pool ? client : null;
}

/** `lockChain` as text: the chain's lock and the commit mode (the value `set_config` returns is the mode). */
export function lockChainText(chain: number, asynchronousCommit = false): string {
  const c = chainNumber(chain);
  return asynchronousCommit
    ? `select set_config('synchronous_commit', 'off', true) as commit_mode, pg_advisory_xact_lock(${CHAIN_LOCK_CLASS}, ${c})`
    : `select set_config('synchronous_commit',
         case current_setting('synchronous_commit') when 'off' then 'on' else current_setting('synchronous_commit') end, true) as commit_mode,
       pg_advisory_xact_lock(${CHAIN_LOCK_CLASS}, ${c})`;
}

/**
 * The usual first look for the chain's last row: its newest since `since` (the batch's month), one
 * cheap statement on the partitions from that month on. Only when it finds nothing (a chain idle since
 * then) does the writer send `lastChainRowText`, whose plan over every partition costs several ms.
 */
export const recentChainRowText = (chain: number, since: Date): string =>
  `select hash, at from access_log where chain = ${chainNumber(chain)}
      and at >= '${since.toISOString()}'::timestamptz order by id desc limit 1`;

/**
 * `lastChainRow` then, for a chain retention emptied, `lastDroppedRow` (access-log-retention.ts), as one
 * statement: the newest row since `since`, else the newest anywhere, else the last dropped one; each
 * later source is read only when the earlier ones found nothing (one-time filters).
 */
export const lastChainRowText = (chain: number, since: Date): string => {
  const c = chainNumber(chain);
  const bound = `'${since.toISOString()}'::timestamptz`;
  return `with recent as (select hash, at from access_log where chain = ${c} and at >= ${bound} order by id desc limit 1),
    anywhere as (select hash, at from access_log where chain = ${c} order by id desc limit 1),
    dropped as (select e->>'lastHash' as hash, (e->>'lastAt')::timestamptz as at
                  from access_log_retention r, jsonb_array_elements(r.payload::jsonb -> 'chains') e
                 where (e->>'chain')::int = ${c} order by r.month desc limit 1)
    select hash::text, at from recent
    union all select hash::text, at from anywhere where not exists (select 1 from recent)
    union all select hash, at from dropped
      where not exists (select 1 from recent) and not exists (select 1 from anywhere)`;
};

/** `insertChainRows` as text, the rows as one escaped jsonb literal, then COMMIT: one round trip. */
function insertAndCommitText(client: pg.ClientBase, chain: number, values: ChainRowValues[]): string {
  return `insert into access_log (at, actor_user_id, actor_fiscal_code, actor_api_key_id, actor_role, actor_asl_id,
      actor_district_id, action, person_fiscal_code, case_number, correlation_id, chain, prev_hash, hash, outcome, key_id)
    select (v->>0)::timestamptz, (v->>1)::bigint, v->>2, (v->>3)::bigint, v->>4, v->>5,
      v->>6, v->>7, v->>8, v->>9, v->>10, ${chainNumber(chain)}, v->>11, v->>12, v->>13, v->>14
    from jsonb_array_elements(${client.escapeLiteral(JSON.stringify(values))}::jsonb) with ordinality as r(v, n)
    order by n;
    commit`;
}

/**
 * One batch on PostgreSQL: `firstTrip` (begin; the lock; the chain's recent last row — `lockChainText`
 * and `recentChainRowText`, or a variant a test observes), then, only if it found none, `fallback`
 * (`lastChainRowText`), then `build` hashes the rows on that last row, then INSERT and COMMIT in one
 * string. Any failure rolls back. Returns the first trip's results.
 */
export async function appendInTwoTrips(
  pool: pg.Pool,
  chain: number,
  firstTrip: string,
  build: (last: { hash: string; at: Date } | undefined) => ChainRowValues[],
  fallback?: string,
): Promise<pg.QueryResult[]> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const results = (await client.query(firstTrip)) as unknown as pg.QueryResult[];
    const found = results.find((r) => r.fields?.some((f) => f.name === 'hash'));
    let row = found?.rows[0] as { hash: string; at: string | Date } | undefined;
    // a chain with no row since the batch's month: its last row anywhere, or the last one dropped
    if (!row && fallback) row = (await client.query(fallback)).rows[0] as typeof row;
    const last = row ? { hash: row.hash, at: new Date(row.at) } : undefined;
    await client.query(insertAndCommitText(client, chain, build(last)));
    return results;
  } catch (e) {
    // a connection whose rollback could not run is not given back to the pool
    await client.query('rollback').catch((r: Error) => (broken = r));
    throw e;
  } finally {
    client.release(broken);
  }
}

/** Up to `limit` rows of a chain after row `afterId`, in id (chain) order: the verifier's pages. */
export function chainRowsAfter(db: Tx, chain: number, afterId: number, limit: number) {
  return db
    .select()
    .from(accessLog)
    .where(and(eq(accessLog.chain, chain), gt(accessLog.id, afterId)))
    .orderBy(asc(accessLog.id))
    .limit(limit);
}

/**
 * The newest row of each chain 0 … chainCount − 1 (id and hash null: the chain is empty), in one
 * statement: one snapshot, a consistent checkpoint since each chain's rows commit in id order.
 */
export function chainHeads(
  db: Tx,
  chainCount: number,
): Promise<{ chain: number; id: number | null; hash: string | null }[]> {
  return rows(
    db,
    // as in lastChainRow: a chain with a row since last month's start has its newest row among those
    // (only those months' partitions are searched); a chain idle since then is searched in all
    sql`select c.chain::int as chain, coalesce(recent.id, older.id) as id, coalesce(recent.hash, older.hash) as hash
        from generate_series(0, ${chainCount - 1}) as c(chain)
        left join lateral (select id, hash from access_log
                            where chain = c.chain and at >= date_trunc('month', now()) - interval '1 month'
                            order by id desc limit 1) recent on true
        left join lateral (select id, hash from access_log
                            where chain = c.chain and recent.id is null order by id desc limit 1) older on true
        order by c.chain`,
  );
}
