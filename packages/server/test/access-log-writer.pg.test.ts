/**
 * The access-log writer on PostgreSQL only (issue 16 §4 and §7): a batch in two strings of statements
 * on one connection, and the chain's last row found as `appendToChain` finds it on the partitioned table.
 * Runs in the PostgreSQL pass of scripts/test-server.sh (the PGlite path: access-log-writer.test.ts).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from './helpers/db.js';
import { apiKeyActor as actor, rowFiscalCode as cf, useFixedTestKeys } from './helpers/audit-keys.js';
import type { Database } from '../src/db/client.js';
import { AccessLogWriter } from '../src/audit/access-log-writer.js';
import { accessRows } from '../src/audit/access-log.js';
import { lastChainRowText } from '../src/db/repositories/access-log.js';

if (!process.env.DATABASE_URL)
  throw new Error('access-log-writer.pg.test.ts needs DATABASE_URL (PostgreSQL)');

let database: Database;
useFixedTestKeys();
before(async () => {
  database = await openTestDatabase();
});
after(() => database.close());

// issue 16 §7: on PostgreSQL a batch is two round trips (begin + lock + last hash; insert + commit), unnamed
test('PostgreSQL: a batch of reads is written in two strings of statements on one connection, its rows chained', async () => {
  const pool = database.pool!;
  const texts: string[] = [];
  const connect = pool.connect.bind(pool) as () => Promise<import('pg').PoolClient>;
  const restore: Array<() => void> = [];
  Object.assign(pool, {
    connect: async (...args: unknown[]) => {
      if (args.length) return (connect as (...a: unknown[]) => unknown)(...args);
      const client = await connect();
      const query = client.query;
      restore.push(() => Object.assign(client, { query }));
      Object.assign(client, {
        query: (...a: unknown[]) => {
          const q = a[0];
          texts.push(typeof q === 'string' ? q : String((q as { text?: string; name?: string }).name ?? ''));
          return (query as (...x: unknown[]) => unknown).apply(client, a);
        },
      });
      return client;
    },
  });
  try {
    const writer = new AccessLogWriter(database.db, 1);
    await writer.append(
      accessRows(
        actor,
        'REGISTRY_LOOKUP',
        [{ personFiscalCode: cf(700) }, { personFiscalCode: cf(701) }],
        'two-trips',
      ),
    );
    assert.equal(writer.stats.batches, 1);
  } finally {
    Object.assign(pool, { connect });
    for (const r of restore) r();
  }
  // two strings; a third, between them, only for a chain with no row yet this month (the fallback)
  assert.ok(
    texts.length === 2 || (texts.length === 3 && /^with recent as/.test(texts[1]!)),
    texts.join('\n---\n'),
  );
  assert.match(
    texts[0]!,
    /^begin; select set_config\('synchronous_commit'[\s\S]*pg_advisory_xact_lock[\s\S]*; select hash, at from access_log where chain = \d+\s+and at >= /,
  );
  assert.match(texts.at(-1)!, /^insert into access_log[\s\S]*;\s*commit$/);
  // the two rows are chained on each other (the whole log's verification: the tests above, and the
  // rotation test leaves rows only its own keys verify)
  const written = (
    (await database.db.execute(
      sql`select prev_hash, hash from access_log where correlation_id = 'two-trips' order by id`,
    )) as unknown as { rows: Array<{ prev_hash: string; hash: string }> }
  ).rows;
  assert.equal(written.length, 2);
  assert.equal(written[1]!.prev_hash, written[0]!.hash);
});

// issue 16 §4 with §7: the two-trip path finds the chain's last row as `appendToChain` does on the
// partitioned table — the newest since the batch's month, else anywhere, else the last row retention
// dropped — and never records a row earlier than the chain's head. Last in the file: it records a
// retention summary no key signed (verification would refuse it).
test('PostgreSQL: the two-trip path goes on from the chain head, never back in time, and from the dropped row of an emptied chain', async () => {
  const writer = new AccessLogWriter(database.db, 1);
  const onChain = (c: number) => Object.assign(writer as unknown as { nextChain: number }, { nextChain: c });
  const ahead = new Date(Date.now() + 3_600_000);
  onChain(5);
  await writer.append(
    accessRows(actor, 'REGISTRY_LOOKUP', [{ personFiscalCode: cf(710) }], 'floor-1', ahead),
  );
  onChain(5);
  await writer.append(accessRows(actor, 'REGISTRY_LOOKUP', [{ personFiscalCode: cf(711) }], 'floor-2'));
  const written = (
    (await database.db.execute(
      sql`select chain, at, prev_hash, hash from access_log
             where correlation_id in ('floor-1', 'floor-2') order by id`,
    )) as unknown as { rows: Array<{ chain: number; at: string | Date; prev_hash: string; hash: string }> }
  ).rows;
  assert.equal(written.length, 2);
  assert.equal(written[1]!.chain, 5);
  assert.equal(written[1]!.prev_hash, written[0]!.hash);
  assert.equal(new Date(written[1]!.at).getTime(), ahead.getTime(), 'stamped at the head time, not before');

  // a chain with no row in the batch's month: the first look finds nothing, the fallback finds the head
  class IdleSince extends AccessLogWriter {
    protected override firstTrip(chain: number): string {
      return super.firstTrip(chain, new Date(Date.now() + 86_400_000 * 400));
    }
  }
  const idle = new IdleSince(database.db, 1);
  Object.assign(idle as unknown as { nextChain: number }, { nextChain: 5 });
  await idle.append(accessRows(actor, 'REGISTRY_LOOKUP', [{ personFiscalCode: cf(712) }], 'floor-3'));
  const third = (
    (await database.db.execute(
      sql`select chain, prev_hash from access_log where correlation_id = 'floor-3'`,
    )) as unknown as { rows: Array<{ chain: number; prev_hash: string }> }
  ).rows;
  assert.deepEqual(third, [{ chain: 5, prev_hash: written[1]!.hash }]);
  written.push({
    ...written[1]!,
    hash: (
      (await database.db.execute(
        sql`select hash from access_log where correlation_id = 'floor-3'`,
      )) as unknown as {
        rows: Array<{ hash: string }>;
      }
    ).rows[0]!.hash,
  });

  const pool = database.pool!;
  const head = await pool.query(lastChainRowText(5, new Date('2026-01-01T00:00:00Z')));
  assert.deepEqual(
    head.rows.map((r: { hash: string }) => r.hash),
    [written[2]!.hash],
  );
  // an emptied chain (no row left; chain 99 has none): the last row of the newest summary
  await database.db.execute(sql`
      insert into access_log_retention (at, month, partition_name, row_count, key_id, payload, signature)
      values (now(), '2024-01-01', 'access_log_2024_01', 1, 'test', ${JSON.stringify({
        chains: [{ chain: 99, lastHash: 'h99', lastAt: '2024-01-31T10:00:00.000Z' }],
      })}, 'unsigned')`);
  const dropped = await pool.query(lastChainRowText(99, new Date('2026-01-01T00:00:00Z')));
  assert.equal(dropped.rows.length, 1);
  assert.equal(dropped.rows[0].hash, 'h99');
  assert.equal(new Date(dropped.rows[0].at).toISOString(), '2024-01-31T10:00:00.000Z');
  // a chain with rows never reads the summaries
  const empty = await pool.query(lastChainRowText(5, new Date(Date.now() + 86_400_000 * 62)));
  assert.deepEqual(
    empty.rows.map((r: { hash: string }) => r.hash),
    [written[2]!.hash],
  );
});
