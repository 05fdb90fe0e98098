/**
 * The expiry sweep on pg-boss (PostgreSQL only): two processes starting register one schedule (daily,
 * Europe/Rome) on a singleton queue, and a worker runs the sweep at start-up (the catch-up after a
 * downtime): the case ends once, with one history row.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { addDays, todayInRome } from '@esenzioni/domain';
import { login, startWorld, type TestWorld } from './helpers/app.js';
import { newCase, USERS } from './helpers/fixtures.js';
import { rows } from '../src/db/client.js';
import { EXPIRY_JOB } from '../src/jobs/expiry.js';
import { EXPIRY_CRON, EXPIRY_TZ, startExpiryBoss, type ExpiryBoss } from '../src/jobs/expiry-schedule.js';

const now = new Date(`${todayInRome()}T12:00:00Z`);
let w: TestWorld;
const bosses: ExpiryBoss[] = [];

before(async () => {
  w = await startWorld({ clock: () => now });
});
after(async () => {
  for (const b of bosses) await b.stop();
  await w.close();
});

test('pg-boss: one schedule across two processes, and a worker runs the sweep', async () => {
  const connectionString = w.database.connection?.connectionString;
  assert.ok(connectionString, 'PostgreSQL only');
  const op = await login(w.app, USERS.opTorino.username);
  const n = await newCase(w.database.db, 'torino', '048', now);
  assert.equal(
    (await op.req({ method: 'POST', url: `/api/cases/${n}/validate`, payload: {}, ifMatch: 1 })).statusCode,
    200,
  );
  // ended 60 days ago: the server "was down"; the job sent at start-up catches up
  await w.database.db.execute(
    sql`update registry_exemption set valid_until = ${addDays(todayInRome(now), -60)}
         where case_id = (select id from exemption_case where case_number = ${n})`,
  );
  for (let i = 0; i < 2; i++) {
    bosses.push(
      await startExpiryBoss({
        connectionString,
        db: w.database.db,
        warningDays: 30,
        clock: () => now,
        pollingIntervalSeconds: 0.5,
      }),
    );
  }
  const schedules = await rows<{ name: string; cron: string; timezone: string }>(
    w.database.db,
    sql`select name, cron, timezone from pgboss.schedule`,
  );
  assert.deepEqual(schedules, [{ name: EXPIRY_JOB, cron: EXPIRY_CRON, timezone: EXPIRY_TZ }]);
  const [queue] = await rows<{ policy: string }>(
    w.database.db,
    sql`select policy from pgboss.queue where name = ${EXPIRY_JOB}`,
  );
  assert.equal(queue?.policy, 'singleton');

  const statusOf = async () =>
    (
      await rows<{ status: string }>(
        w.database.db,
        sql`select status from exemption_case where case_number = ${n}`,
      )
    )[0]?.status;
  const deadline = Date.now() + 20_000;
  while ((await statusOf()) !== 'EXPIRED' && Date.now() < deadline) await sleep(100);
  assert.equal(await statusOf(), 'EXPIRED');
  // both start-up jobs done: still one 'expire' row
  const completedBy = Date.now() + 20_000;
  const done = async () =>
    Number(
      (
        await rows<{ n: number }>(
          w.database.db,
          sql`select count(*)::int as n from pgboss.job where name = ${EXPIRY_JOB} and state = 'completed'`,
        )
      )[0]?.n ?? 0,
    );
  while ((await done()) < 2 && Date.now() < completedBy) await sleep(100);
  assert.equal(await done(), 2);
  const expired = await rows<{ n: number }>(
    w.database.db,
    sql`select count(*)::int as n from case_history h join exemption_case c on c.id = h.case_id
         where c.case_number = ${n} and h.action = 'expire'`,
  );
  assert.equal(Number(expired[0]?.n), 1);
});
