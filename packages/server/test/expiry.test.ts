/**
 * The daily expiry sweep (issue 11 §2), on PGlite and PostgreSQL, with an injected date: VALIDATED →
 * EXPIRING in the last 30 days, → EXPIRED after the last valid day (directly after a long downtime),
 * idempotent, reminders once each, and the registry by date after the end.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { addDays, todayInRome } from '@esenzioni/domain';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { countRows, newCase, PEOPLE, USERS } from './helpers/fixtures.js';
import { rows } from '../src/db/client.js';
import { processOutboxOnce } from '../src/jobs/outbox-worker.js';
import { runExpirySweep, SYSTEM_ACTOR } from '../src/jobs/expiry.js';

const DAY = 86_400_000;
/** noon UTC: the same date in Europe/Rome whatever the season */
const base = new Date(`${todayInRome()}T12:00:00Z`);
const at = (days: number) => new Date(base.getTime() + days * DAY);
const today = todayInRome(base);

let w: TestWorld;
let op: Client;
let gp: Client;

before(async () => {
  w = await startWorld({ clock: () => base });
  op = await login(w.app, USERS.opTorino.username);
  gp = await login(w.app, USERS.gp.username);
});
after(() => w.close());

const drain = async () => {
  while ((await processOutboxOnce(w.database.db)) > 0);
};

/** A 048 case of `who`, validated by the operator, whose exemption's last valid day is `validUntil`. */
async function validatedCase(who: keyof typeof PEOPLE, validUntil: string): Promise<string> {
  const n = await newCase(w.database.db, who, '048', base);
  const r = await op.req({ method: 'POST', url: `/api/cases/${n}/validate`, payload: {}, ifMatch: 1 });
  assert.equal(r.statusCode, 200, r.body);
  // the arrangement: an exemption validated long enough ago that it now ends on `validUntil`
  await w.database.db.execute(
    sql`update registry_exemption set valid_until = ${validUntil}
         where case_id = (select id from exemption_case where case_number = ${n})`,
  );
  await w.database.db.execute(
    sql`update exemption_case set valid_until = ${validUntil} where case_number = ${n}`,
  );
  await drain();
  return n;
}

const stateOf = async (n: string) =>
  (
    await rows<{ status: string; version: number }>(
      w.database.db,
      sql`select status, version from exemption_case where case_number = ${n}`,
    )
  )[0];

const historyOf = (n: string) =>
  rows<{ action: string; status: string; actor_fiscal_code: string; actor_role: string }>(
    w.database.db,
    sql`select h.action, h.status, h.actor_fiscal_code, h.actor_role from case_history h
          join exemption_case c on c.id = h.case_id where c.case_number = ${n} order by h.id`,
  );

describe('the expiry sweep', () => {
  test('idempotent: run twice on the same day, the same rows', async () => {
    const n = await validatedCase('torino', addDays(today, 10));
    const first = await runExpirySweep(w.database.db, at(0));
    assert.ok(first.expiring >= 1);
    const snapshot = async () => ({
      state: await stateOf(n),
      history: await historyOf(n),
      outbox: await countRows(w.database.db, 'outbox'),
    });
    const once = await snapshot();
    assert.equal(once.state?.status, 'EXPIRING');
    assert.deepEqual(once.history.at(-1), {
      action: 'expiring',
      status: 'EXPIRING',
      actor_fiscal_code: SYSTEM_ACTOR.fiscalCode,
      actor_role: SYSTEM_ACTOR.role,
    });
    const second = await runExpirySweep(w.database.db, at(0));
    assert.deepEqual(second, { expiring: 0, expired: 0, lastDay: 0 });
    assert.deepEqual(await snapshot(), once);
    // two runners at once (two processes): the compare-and-set lets one step through
    await w.database.db.execute(sql`update exemption_case set status = 'VALIDATED' where case_number = ${n}`);
    const both = await Promise.all([
      runExpirySweep(w.database.db, at(0)),
      runExpirySweep(w.database.db, at(0)),
    ]);
    assert.equal(
      both.reduce((s, r) => s + r.expiring, 0),
      1,
    );
    assert.equal((await historyOf(n)).filter((h) => h.action === 'expiring').length, 2);
  });

  test('catch-up: 90 days of downtime, VALIDATED becomes EXPIRED directly with one history row', async () => {
    const n = await validatedCase('torino2', addDays(today, 40));
    // the day before it enters its last 30 days: nothing
    await runExpirySweep(w.database.db, at(10));
    assert.equal((await stateOf(n))?.status, 'VALIDATED');
    const before = (await historyOf(n)).length;
    await runExpirySweep(w.database.db, at(90));
    assert.equal((await stateOf(n))?.status, 'EXPIRED');
    const history = await historyOf(n);
    assert.equal(history.length, before + 1);
    assert.deepEqual(history.at(-1), {
      action: 'expire',
      status: 'EXPIRED',
      actor_fiscal_code: SYSTEM_ACTOR.fiscalCode,
      actor_role: SYSTEM_ACTOR.role,
    });
  });

  test('reminders: run daily through 31 days, exactly one "in scadenza", one "scade oggi" on the last valid day and one "scaduta", each in-app and by e-mail', async () => {
    const L = PEOPLE.lucia.fiscalCode;
    const n = await validatedCase('lucia', addDays(today, 29));
    const mailsBefore = await countRows(w.database.db, 'mail_outbox', `recipient_fiscal_code = '${L}'`);
    const states: string[] = [];
    const lastDayWritten: number[] = [];
    for (let d = 0; d <= 31; d++) {
      // twice a day before the worker runs (PGlite's hourly pass): still one event a day at most
      const r = await runExpirySweep(w.database.db, at(d));
      assert.equal((await runExpirySweep(w.database.db, at(d))).lastDay, 0);
      if (r.lastDay) lastDayWritten.push(d);
      await drain();
      states.push((await stateOf(n))!.status);
    }
    // the last valid day is day 29: "scade oggi" then, and never again
    assert.deepEqual(lastDayWritten, [29]);
    // EXPIRING from 30 days before the end (its last valid day included), EXPIRED the day after it
    assert.equal(states[0], 'EXPIRING');
    assert.equal(states[29], 'EXPIRING');
    assert.equal(states[30], 'EXPIRED');
    const reminders = await rows<{ text: string; dedupe_key: string }>(
      w.database.db,
      sql`select text, dedupe_key from notification
           where case_number = ${n} and recipient_fiscal_code = ${L} and dedupe_key like 'expiry:%' order by id`,
    );
    assert.deepEqual(
      reminders.map((r) => r.dedupe_key),
      [`expiry:EXPIRING:${n}:${L}`, `expiry:LAST_DAY:${n}:${L}`, `expiry:EXPIRED:${n}:${L}`],
    );
    assert.match(reminders[1]!.text, /scade oggi/);
    for (const r of reminders) {
      assert.match(r.text, /in scadenza|scade oggi|scaduta/);
      // no exemption code or diagnosis in the text
      assert.doesNotMatch(r.text, /048|esenzione 0|diagnos/i);
    }
    assert.equal(
      await countRows(w.database.db, 'mail_outbox', `recipient_fiscal_code = '${L}'`),
      mailsBefore + 3,
    );
    // the step taken again (a restored backup, a second runner that read the old state): a new event,
    // but the reminder is keyed per case, state and recipient
    await w.database.db.execute(sql`update exemption_case set status = 'EXPIRING' where case_number = ${n}`);
    assert.equal((await runExpirySweep(w.database.db, at(31))).expired, 1);
    await drain();
    // the event delivered again (a crash before it was marked): no second reminder
    await w.database.db.execute(
      sql`update outbox set processed_at = null where event_type = 'case.status-changed'`,
    );
    await drain();
    assert.equal(
      await countRows(
        w.database.db,
        'notification',
        `case_number = '${n}' and (text like '%in scadenza%' or text like '%scade oggi%' or text like '%scaduta%')`,
      ),
      3,
    );
    assert.equal(
      await countRows(w.database.db, 'mail_outbox', `recipient_fiscal_code = '${L}'`),
      mailsBefore + 3,
    );
  });

  test('the registry answers the exemption up to its last valid day, and for past dates after it ended', async () => {
    const G = PEOPLE.giovanni.fiscalCode;
    const last = addDays(today, 5);
    const n = await validatedCase('giovanni', last);
    await runExpirySweep(w.database.db, at(6));
    assert.equal((await stateOf(n))?.status, 'EXPIRED');
    const codesOn = async (date: string) => {
      const r = await gp.req({ method: 'GET', url: `/api/registry/exemptions?fiscalCode=${G}&date=${date}` });
      assert.equal(r.statusCode, 200, r.body);
      return (r.json() as { exemptions: Array<{ code: string; caseNumber: string | null }> }).exemptions
        .filter((e) => e.caseNumber === n)
        .map((e) => e.code);
    };
    assert.deepEqual(await codesOn(today), ['048']);
    assert.deepEqual(await codesOn(last), ['048']);
    assert.deepEqual(await codesOn(addDays(last, 1)), []);
    assert.deepEqual(await codesOn(addDays(last, 90)), []);
  });

  test('the citizen sees "In scadenza" in the last days of an exemption (MyExemption state EXPIRING)', async () => {
    const lucia = await login(w.app, USERS.lucia.username);
    const r = await lucia.req({ method: 'GET', url: '/api/me/exemptions' });
    assert.equal(r.statusCode, 200, r.body);
    // lucia's 048 ended in the reminders test on a moved date; today (the app's clock) it is in its last 29 days
    const states = (r.json() as { items: Array<{ code: string; state: string }> }).items.map((x) => x.state);
    assert.ok(states.includes('EXPIRING'), JSON.stringify(states));
  });
});
