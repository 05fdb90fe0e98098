/**
 * Exact row counts of every table, for comparing a restored copy with its source: the TypeScript twin
 * of pg-row-counts.sh (same lines, "schema.table<TAB>count", partitions and partitioned parents
 * each on a line, "unlogged" for UNLOGGED tables), for the embedded database, which has no psql.
 */
export interface Queryable {
  query<T>(sql: string): Promise<{ rows: T[] }>;
}

export async function rowCounts(db: Queryable): Promise<string[]> {
  const tables = await db.query<{ name: string; unlogged: boolean }>(
    `select format('%I.%I', n.nspname, c.relname) as name, c.relpersistence = 'u' as unlogged
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p')
        and n.nspname not in ('pg_catalog', 'information_schema')
        and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'`,
  );
  const lines: string[] = [];
  for (const t of tables.rows) {
    if (t.unlogged) {
      lines.push(`${t.name}\tunlogged`);
      continue;
    }
    // names come from pg_class through format('%I'): quoted identifiers, safe to splice
    const r = await db.query<{ n: string }>(`select count(*)::text as n from ${t.name}`);
    lines.push(`${t.name}\t${r.rows[0]?.n ?? '0'}`);
  }
  return lines.sort();
}

/** The lines of `a` and `b` that differ, as "table: a → b" (empty: the same tables, the same counts). */
export function countDifferences(a: string[], b: string[]): string[] {
  const parse = (lines: string[]) =>
    new Map(lines.filter((l) => l.trim()).map((l) => l.split('\t') as [string, string]));
  const ma = parse(a);
  const mb = parse(b);
  const out: string[] = [];
  for (const name of [...new Set([...ma.keys(), ...mb.keys()])].sort()) {
    const x = ma.get(name);
    const y = mb.get(name);
    if (x !== y) out.push(`${name}: ${x ?? 'absent'} → ${y ?? 'absent'}`);
  }
  return out;
}
