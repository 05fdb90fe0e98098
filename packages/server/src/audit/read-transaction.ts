/**
 * The transaction of a read that is audited. Its only write is the access-log row, so by default it
 * commits without waiting for the WAL flush (synchronous_commit = off, transaction-local): the row is
 * durable within a few hundred milliseconds, the read does not queue behind disk flushes, and an
 * application crash loses nothing (only a crash of the database server itself could drop the last
 * fraction of a second). State changes never use it. AUDIT_READS_SYNCHRONOUS=true restores full
 * synchronous commits for reads too (measured cost: bench/README.md).
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';

let synchronousReads = false;

export function setAuditReadsSynchronous(value: boolean): void {
  synchronousReads = value;
}

export function auditedRead<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    if (!synchronousReads) await tx.execute(sql`set local synchronous_commit = off`);
    return work(tx);
  });
}
