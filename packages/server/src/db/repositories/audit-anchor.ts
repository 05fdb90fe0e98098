/**
 * SQL of the access log's anchors (audit/anchor.ts signs and checks them): the database's identity
 * (audit_instance) and the append-only `audit_anchor` table.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../client.js';
import { auditAnchor } from '../schema.js';

export interface InstanceRow {
  /** audit_instance.id of its oldest row (null: the table is empty) */
  instance: string | null;
  /** current_database() */
  database: string;
  /** rows of audit_instance: the migration allows one */
  instances: number;
}

export async function instanceIdentity(db: Tx): Promise<InstanceRow | undefined> {
  const [r] = await rows<InstanceRow>(
    db,
    sql`select (select id from audit_instance order by created_at limit 1) as instance, current_database() as database,
          (select count(*) from audit_instance)::int as instances`,
  );
  return r;
}

export async function insertAnchor(db: Tx, anchor: typeof auditAnchor.$inferInsert): Promise<void> {
  await db.insert(auditAnchor).values(anchor);
}

/** Every stored anchor, oldest first. */
export function storedAnchors(db: Tx) {
  return db.select().from(auditAnchor).orderBy(auditAnchor.id);
}
