/** SQL of the maintenance runner (jobs/maintenance.ts): the claim of a task's period on job_run. */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../client.js';

/**
 * One conditional upsert: the row's last_run_at moves to `at` only when it is not after `due`;
 * true when this call moved it (this process runs the task).
 */
export async function claimJobPeriod(db: Tx, name: string, at: string, due: string): Promise<boolean> {
  const won = await rows<{ name: string }>(
    db,
    sql`insert into job_run (name, last_run_at) values (${name}, ${at}::timestamptz)
        on conflict (name) do update set last_run_at = excluded.last_run_at
         where job_run.last_run_at <= ${due}::timestamptz
        returning name`,
  );
  return won.length === 1;
}
