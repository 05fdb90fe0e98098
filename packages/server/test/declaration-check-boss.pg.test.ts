/**
 * The monthly sample of self-declarations on pg-boss (PostgreSQL only, issue 12 §3): two processes
 * starting register one schedule (00:15 on the 1st, Europe/Rome) on a singleton queue, and the job sent at
 * start-up samples the previous month at once (a server down on the 1st catches up): one record per ASL,
 * however many workers ran.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { rows } from '../src/db/client.js';
import { findPerson } from '../src/db/repositories/people.js';
import { findExemptionCode } from '../src/db/repositories/catalogue.js';
import {
  DECLARATION_SYSTEM_ACTOR,
  issueDeclaredExemption,
} from '../src/services/cases/issue-declared-exemption.js';
import { DECLARATION_CHECK_CRON, startDeclarationCheckBoss } from '../src/jobs/declaration-check-schedule.js';
import { DECLARATION_CHECK_JOB } from '../src/services/checks/sample-declarations.js';
import { createRng } from '../src/seed/prng.js';
import { startWorld, type TestWorld } from './helpers/app.js';
import { PEOPLE } from './helpers/fixtures.js';

const now = new Date('2026-07-03T10:00:00Z');
let w: TestWorld;
const bosses: Array<{ stop(): Promise<void> }> = [];

before(async () => {
  w = await startWorld({ clock: () => now });
});
after(async () => {
  for (const b of bosses) await b.stop();
  await w.close();
});

test('pg-boss: one schedule across two processes; the start-up job samples June once', async () => {
  const connectionString = w.database.connection?.connectionString;
  assert.ok(connectionString, 'PostgreSQL only');
  const at = new Date('2026-06-15T09:00:00Z');
  for (const code of ['E01', 'E02']) {
    const p = (await findPerson(w.database.db, PEOPLE.torino.fiscalCode))!;
    const c = (await findExemptionCode(w.database.db, code))!;
    await w.database.db.transaction((tx) =>
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
        code: c,
        validFrom: '2026-06-15',
        validUntil: '2027-03-31',
        at,
        declaration: { declarantFiscalCode: p.fiscalCode, declarantTitle: 'SELF', dpr445AcceptedAt: at },
      }),
    );
  }
  for (let i = 0; i < 2; i++)
    bosses.push(
      await startDeclarationCheckBoss({
        connectionString,
        db: w.database.db,
        percent: 50,
        clock: () => now,
        random: createRng(i + 1).next,
        pollingIntervalSeconds: 0.5,
      }),
    );
  const schedules = await rows<{ name: string; cron: string; timezone: string }>(
    w.database.db,
    sql`select name, cron, timezone from pgboss.schedule where name = ${DECLARATION_CHECK_JOB}`,
  );
  assert.deepEqual(schedules, [
    { name: DECLARATION_CHECK_JOB, cron: DECLARATION_CHECK_CRON, timezone: 'Europe/Rome' },
  ]);
  const sampled = async () =>
    rows<{ period: string; population: number; sample_size: number }>(
      w.database.db,
      sql`select period, population, sample_size from declaration_check_sample`,
    );
  const deadline = Date.now() + 20_000;
  while ((await sampled()).length === 0 && Date.now() < deadline) await sleep(100);
  // let the second start-up job run too
  const settled = Date.now() + 20_000;
  const completed = async () =>
    Number(
      (
        await rows<{ n: number }>(
          w.database.db,
          sql`select count(*)::int as n from pgboss.job where name = ${DECLARATION_CHECK_JOB} and state = 'completed'`,
        )
      )[0]?.n ?? 0,
    );
  while ((await completed()) < 2 && Date.now() < settled) await sleep(100);
  assert.deepEqual(await sampled(), [{ period: '2026-06', population: 2, sample_size: 1 }]);
  const checks = await rows<{ n: number }>(
    w.database.db,
    sql`select count(*)::int as n from declaration_check`,
  );
  assert.equal(checks[0]!.n, 1);
});
