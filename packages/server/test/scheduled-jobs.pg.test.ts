/**
 * The jobs on a calendar on pg-boss (PostgreSQL only): two processes starting register one schedule per
 * job (in Rome's time) on 'singleton' queues and send one job each at start-up; the jobs are run here with
 * runNext — what a worker does on its poll — so nothing waits for a poll: with one job active, the other
 * cannot be taken (singleton); the expiry sweep ends a case that ended during a downtime once, with one
 * history row, and the monthly sample of self-declarations is written once, however many jobs ran. The
 * statistics' start-up run is skipped when the tables were rebuilt on the same day (Rome).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { addDays, todayInRome } from '@esenzioni/domain';
import { login, startWorld, type TestWorld } from './helpers/app.js';
import { newCase, PEOPLE, USERS } from './helpers/fixtures.js';
import { rows } from '../src/db/client.js';
import { findPerson } from '../src/db/repositories/people.js';
import { findExemptionCode } from '../src/db/repositories/catalogue.js';
import { EXPIRY_CRON, EXPIRY_JOB, expiryJob } from '../src/jobs/expiry.js';
import { DECLARATION_CHECK_CRON, declarationCheckJob } from '../src/jobs/declaration-check-schedule.js';
import { SCHEDULE_TZ, startScheduledJobs, type ScheduledJobs } from '../src/jobs/scheduled-jobs.js';
import { DECLARATION_CHECK_JOB } from '../src/services/checks/sample-declarations.js';
import { statisticsJob } from '../src/jobs/statistics-schedule.js';
import { STATISTICS_JOB } from '../src/services/statistics/refresh-statistics.js';
import {
  DECLARATION_SYSTEM_ACTOR,
  issueDeclaredExemption,
} from '../src/services/cases/issue-declared-exemption.js';
import { createRng } from '../src/seed/prng.js';

const now = new Date('2026-07-03T10:00:00Z');
let w: TestWorld;
const processes: ScheduledJobs[] = [];

before(async () => {
  w = await startWorld({ clock: () => now });
});
after(async () => {
  for (const p of processes) await p.stop();
  await w.close();
});

const count = async (query: ReturnType<typeof sql>) =>
  Number((await rows<{ n: number }>(w.database.db, query))[0]?.n ?? 0);

test('pg-boss: one schedule per job across two processes, singleton queues, each start-up job run once in effect', async () => {
  const connectionString = w.database.connection?.connectionString;
  assert.ok(connectionString, 'PostgreSQL only');
  const db = w.database.db;

  // an exemption that ended 60 days ago while the server "was down"
  const op = await login(w.app, USERS.opTorino.username);
  const n = await newCase(db, 'torino', '048', now);
  assert.equal(
    (await op.req({ method: 'POST', url: `/api/cases/${n}/validate`, payload: {}, ifMatch: 1 })).statusCode,
    200,
  );
  await db.execute(
    sql`update registry_exemption set valid_until = ${addDays(todayInRome(now), -60)}
         where case_id = (select id from exemption_case where case_number = ${n})`,
  );
  // two self-declarations of June: the sample of 50 % takes one
  const at = new Date('2026-06-15T09:00:00Z');
  const p = (await findPerson(db, PEOPLE.lucia.fiscalCode))!;
  for (const code of ['E01', 'E02']) {
    await db.transaction(async (tx) =>
      issueDeclaredExemption(tx, {
        beneficiary: {
          fiscalCode: p.fiscalCode,
          firstName: p.firstName,
          lastName: p.lastName,
          residenceAslId: p.residenceAslId!,
          residenceDistrictId: p.residenceDistrictId,
        },
        submitter: { type: 'CITIZEN', fiscalCode: p.fiscalCode, role: 'CITIZEN' },
        validator: DECLARATION_SYSTEM_ACTOR,
        code: (await findExemptionCode(tx, code))!,
        validFrom: '2026-06-15',
        validUntil: '2027-03-31',
        at,
        declaration: { declarantFiscalCode: p.fiscalCode, declarantTitle: 'SELF', dpr445AcceptedAt: at },
      }),
    );
  }

  for (let i = 0; i < 2; i++)
    processes.push(
      await startScheduledJobs({
        connectionString,
        db,
        jobs: [expiryJob(30), declarationCheckJob(50, createRng(i + 1).next)],
        clock: () => now,
        work: false,
      }),
    );
  const schedules = await rows<{ name: string; cron: string; timezone: string }>(
    db,
    sql`select name, cron, timezone from pgboss.schedule order by name`,
  );
  assert.deepEqual(schedules, [
    { name: DECLARATION_CHECK_JOB, cron: DECLARATION_CHECK_CRON, timezone: SCHEDULE_TZ },
    { name: EXPIRY_JOB, cron: EXPIRY_CRON, timezone: SCHEDULE_TZ },
  ]);
  const policies = await rows<{ name: string; policy: string }>(
    db,
    sql`select name, policy from pgboss.queue where name in (${EXPIRY_JOB}, ${DECLARATION_CHECK_JOB}) order by name`,
  );
  assert.deepEqual(
    policies.map((q) => q.policy),
    ['singleton', 'singleton'],
  );

  for (const name of [EXPIRY_JOB, DECLARATION_CHECK_JOB]) {
    // each process sent one job at start-up
    assert.equal(await count(sql`select count(*)::int as n from pgboss.job where name = ${name}`), 2, name);
    // singleton: while one is active the other cannot be taken
    const [active] = await processes[0]!.boss.fetch(name);
    assert.ok(active, `${name}: a job to take`);
    assert.equal(await processes[1]!.runNext(name), false, `${name}: one active at a time`);
    await processes[0]!.boss.complete(name, active.id);
    // the other process runs the second job, then nothing is left
    assert.equal(await processes[1]!.runNext(name), true, name);
    assert.equal(await processes[0]!.runNext(name), false, name);
  }
  // one more sweep (another worker, a later poll) changes nothing
  assert.equal(await expiryJob(30).run(db, now), 0);

  assert.equal(
    (await rows<{ status: string }>(db, sql`select status from exemption_case where case_number = ${n}`))[0]
      ?.status,
    'EXPIRED',
  );
  assert.equal(
    await count(sql`select count(*)::int as n from case_history h join exemption_case c on c.id = h.case_id
                     where c.case_number = ${n} and h.action = 'expire'`),
    1,
    'one expire row, however many runs',
  );
  assert.deepEqual(
    await rows(db, sql`select period, population, sample_size from declaration_check_sample`),
    [{ period: '2026-06', population: 2, sample_size: 1 }],
  );
  assert.equal(await count(sql`select count(*)::int as n from declaration_check`), 1);
});

test('statistics: the start-up run is skipped when today’s rebuild is done, the nightly run is not', async () => {
  const connectionString = w.database.connection?.connectionString;
  assert.ok(connectionString, 'PostgreSQL only');
  const db = w.database.db;
  let clock = new Date('2026-07-04T08:00:00Z');
  const refreshed = async () =>
    (await rows<{ at: string }>(db, sql`select refreshed_at::text as at from stat_refresh where id = 1`))[0]
      ?.at;
  const start = async () => {
    const jobs = await startScheduledJobs({
      connectionString,
      db,
      jobs: [statisticsJob()],
      clock: () => clock,
      work: false,
    });
    processes.push(jobs);
    return jobs;
  };
  // never rebuilt: the start-up run rebuilds
  await db.execute(sql`delete from stat_refresh`);
  const first = await start();
  assert.equal(await first.runNext(STATISTICS_JOB), true);
  const morning = await refreshed();
  assert.ok(morning, 'rebuilt at start-up');
  // a restart the same day (Rome): its start-up run changes nothing
  clock = new Date('2026-07-04T15:00:00Z');
  const second = await start();
  assert.equal(await second.runNext(STATISTICS_JOB), true);
  assert.equal(await refreshed(), morning, 'no second rebuild on the same day');
  // the same day, the tables of this version empty although decisions are counted (a process of the
  // previous version rebuilt only its own during a rolling deploy): the start-up run rebuilds
  assert.ok(await count(sql`select count(*)::int as n from stat_lead_time_month`), 'lead times written');
  await db.execute(sql`delete from stat_lead_time_month`);
  const rolling = await start();
  assert.equal(await rolling.runNext(STATISTICS_JOB), true);
  assert.notEqual(await refreshed(), morning, 'rebuilt: the lead times were missing');
  assert.ok(await count(sql`select count(*)::int as n from stat_lead_time_month`), 'lead times rewritten');
  const rebuilt = await refreshed();
  // 22:30Z of the 4th is 00:30 of the 5th in Rome: a new day, the start-up run rebuilds
  clock = new Date('2026-07-04T22:30:00Z');
  const third = await start();
  assert.equal(await third.runNext(STATISTICS_JOB), true);
  assert.notEqual(await refreshed(), rebuilt, 'a new day, a new rebuild');
  // the calendar's own run (no catch-up flag) always rebuilds
  const before = await refreshed();
  clock = new Date('2026-07-04T23:30:00Z');
  await third.boss.send(STATISTICS_JOB, {});
  assert.equal(await third.runNext(STATISTICS_JOB), true);
  assert.notEqual(await refreshed(), before, 'the nightly run rebuilds');
});
