/**
 * Case numbers: one counter row per ASL and year, incremented with an upsert that takes the row lock,
 * so concurrent creations get distinct, consecutive numbers (a rolled-back creation rolls back its number).
 */
import { sql } from 'drizzle-orm';
import { formatCaseNumber } from '@esenzioni/domain';
import { rows, type Tx } from '../client.js';

export async function nextCaseNumber(tx: Tx, aslId: string, year: number): Promise<string> {
  const [r] = await rows<{ last_value: number }>(
    tx,
    sql`insert into case_counter (asl_id, year, last_value) values (${aslId}, ${year}, 1)
        on conflict (asl_id, year) do update set last_value = case_counter.last_value + 1
        returning last_value`,
  );
  if (!r) throw new Error('case counter not updated');
  return formatCaseNumber(year, aslId, Number(r.last_value));
}
