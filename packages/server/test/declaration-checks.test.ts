/**
 * Checks of self-declarations under art. 71 DPR 445/2000 (issue 12 §3), on an injected clock and a
 * seeded draw:
 * - the monthly sample takes, per ASL, the configured share (rounded up) of the self-declarations issued
 *   in the previous month (Rome time), reproducibly for a seed, once (a second run writes nothing);
 * - the worklist «Controlli autocertificazioni» shows an operator only their ASL's checks, and reading it
 *   is audited;
 * - «conforme» is recorded once (409 after); «non conforme» needs a note, revokes the exemption for
 *   FALSE_DECLARATION (registry ends today, the person is notified), lists the case for referral, and
 *   both steps are audited; another ASL's check is not found; other roles are refused.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { rows } from '../src/db/client.js';
import { findPerson } from '../src/db/repositories/people.js';
import { findExemptionCode } from '../src/db/repositories/catalogue.js';
import {
  DECLARATION_SYSTEM_ACTOR,
  issueDeclaredExemption,
} from '../src/services/cases/issue-declared-exemption.js';
import {
  draw,
  runDeclarationSampling,
  sampleSize,
  shiftPeriod,
} from '../src/services/checks/sample-declarations.js';
import { declarationCheckJob } from '../src/jobs/declaration-check-schedule.js';
import { runMaintenanceOnce } from '../src/jobs/maintenance.js';
import { processOutboxOnce } from '../src/jobs/outbox-worker.js';
import { createRng } from '../src/seed/prng.js';
import { login, startWorld, type Client, type TestWorld } from './helpers/app.js';
import { PEOPLE, USERS } from './helpers/fixtures.js';

let now = new Date('2026-04-10T08:00:00Z');
const clock = () => now;
const DAY = 86_400_000;
let w: TestWorld;
let opTorino: Client;
let opBra: Client;
let gp: Client;
let citizen: Client;

type Item = {
  id: string;
  caseNumber: string;
  beneficiaryFiscalCode: string;
  outcome: string | null;
  referral: boolean;
  period: string;
};
const list = async (c: Client, query = '') => {
  const res = await c.req({ method: 'GET', url: `/api/declaration-checks${query}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as {
    items: Item[];
    samples: Array<{ period: string; percent: number; population: number; sampleSize: number }>;
  };
};
const decide = (c: Client, id: string, payload: object) =>
  c.req({ method: 'POST', url: `/api/declaration-checks/${id}/outcome`, payload });

/** An income exemption issued on a self-declaration of `who` for `code`, at `at`. */
async function declared(who: keyof typeof PEOPLE, code: string, at: Date) {
  const p = (await findPerson(w.database.db, PEOPLE[who].fiscalCode))!;
  const c = (await findExemptionCode(w.database.db, code))!;
  return w.database.db.transaction((tx) =>
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
      validFrom: at.toISOString().slice(0, 10),
      validUntil: '2027-03-31',
      at,
      declaration: { declarantFiscalCode: p.fiscalCode, declarantTitle: 'SELF', dpr445AcceptedAt: at },
    }),
  );
}

before(async () => {
  w = await startWorld({ clock, sessionIdleMs: 365 * DAY, sessionMaxMs: 365 * DAY });
  [opTorino, opBra, gp, citizen] = await Promise.all([
    login(w.app, USERS.opTorino.username),
    login(w.app, USERS.opBra.username),
    login(w.app, USERS.gp.username),
    login(w.app, USERS.citizen.username),
  ]);
  // April 2026: 9 declarations in ASL Torino (010301), 2 in CN2 (010211); one on 1 May (Rome) is May's
  const april = (d: number, h = 9) => new Date(Date.UTC(2026, 3, d, h));
  let d = 1;
  for (const who of ['torino', 'torino2'] as const)
    for (const code of ['E01', 'E02', 'E03', 'E04']) await declared(who, code, april(d++));
  await declared('lucia', 'E01', new Date('2026-04-30T21:30:00Z')); // 30 April 23:30 in Rome
  await declared('bra', 'E01', april(12));
  await declared('bra', 'E02', april(13));
  await declared('alba', 'E01', new Date('2026-04-30T22:30:00Z')); // already 1 May in Rome
});
after(() => w.close());

describe('monthly sample', () => {
  test('the share is rounded up; the draw is a partial shuffle that a seed reproduces', () => {
    assert.deepEqual(
      [shiftPeriod('2026-01', -1), shiftPeriod('2026-04', -11), shiftPeriod('2025-12', 1)],
      ['2025-12', '2025-05', '2026-01'],
    );
    assert.deepEqual(
      [sampleSize(9, 50), sampleSize(2, 50), sampleSize(1, 5), sampleSize(0, 5), sampleSize(9, 0)],
      [5, 1, 1, 0, 0],
    );
    const a = draw([1, 2, 3, 4, 5, 6, 7, 8, 9], 5, createRng(42).next);
    const b = draw([1, 2, 3, 4, 5, 6, 7, 8, 9], 5, createRng(42).next);
    assert.deepEqual(a, b);
    assert.equal(new Set(a).size, 5);
  });

  test('on 1 May: per ASL, 50 % of April’s declarations (Rome time), once', async () => {
    now = new Date('2026-04-30T22:15:00Z'); // 1 May 00:15 in Rome
    const r = await runDeclarationSampling(w.database.db, now, 50, createRng(7).next);
    assert.deepEqual(r, { periods: ['2026-04'], asls: 2, population: 11, sampled: 6 });
    const again = await runDeclarationSampling(w.database.db, now, 50, createRng(8).next);
    assert.deepEqual(again, { periods: [], asls: 0, population: 0, sampled: 0 });
    const samples = await rows<{ asl_id: string; population: number; sample_size: number }>(
      w.database.db,
      sql`select asl_id, population, sample_size from declaration_check_sample order by asl_id`,
    );
    assert.deepEqual(
      samples.map((s) => [s.asl_id, s.population, s.sample_size]),
      [
        ['010211', 2, 1],
        ['010301', 9, 5],
      ],
    );
  });

  test('the maintenance task samples the next month once', async () => {
    now = new Date('2026-06-01T08:00:00Z');
    const task = declarationCheckJob(100);
    const [first] = await runMaintenanceOnce(w.database.db, [task], now);
    assert.deepEqual(first, { name: 'declaration-check-sample', ran: true, rows: 1 }, 'May: ALBA');
    now = new Date(now.getTime() + 2 * 3_600_000);
    const [second] = await runMaintenanceOnce(w.database.db, [task], now);
    assert.equal(second!.rows, 0);
  });
});

describe('«Controlli autocertificazioni»', () => {
  test('an operator sees only the checks of their ASL; reading is audited', async () => {
    const torino = await list(opTorino, '?period=2026-04');
    assert.equal(torino.items.length, 5);
    const torinoPeople = new Set<string>([
      PEOPLE.torino.fiscalCode,
      PEOPLE.torino2.fiscalCode,
      PEOPLE.lucia.fiscalCode,
    ]);
    assert.ok(torino.items.every((i) => torinoPeople.has(i.beneficiaryFiscalCode)));
    assert.deepEqual(
      torino.samples.map((s) => [s.period, s.percent, s.population, s.sampleSize]),
      [['2026-04', 50, 9, 5]],
    );
    const bra = await list(opBra);
    assert.ok(
      bra.items.every((i) =>
        ([PEOPLE.bra.fiscalCode, PEOPLE.alba.fiscalCode] as string[]).includes(i.beneficiaryFiscalCode),
      ),
    );
    assert.equal(bra.items.filter((i) => i.period === '2026-04').length, 1);
    // a district's operator sees that district's checks (as for cases); the ASL-wide operator all of them
    assert.equal(bra.items.filter((i) => i.beneficiaryFiscalCode === PEOPLE.alba.fiscalCode).length, 0);
    const cn2 = await login(w.app, USERS.opCn2.username);
    const wide = await list(cn2, '?period=2026-05');
    assert.deepEqual(
      wide.items.map((i) => i.beneficiaryFiscalCode),
      [PEOPLE.alba.fiscalCode],
    );
    const audit = await rows<{ n: number }>(
      w.database.db,
      sql`select count(*)::int as n from access_log where action = 'READ_DECLARATION_CHECKS' and actor_fiscal_code = ${USERS.opTorino.fiscalCode}`,
    );
    assert.equal(audit[0]!.n, 5);
    for (const c of [gp, citizen]) {
      assert.equal((await c.req({ method: 'GET', url: '/api/declaration-checks' })).statusCode, 403);
    }
    assert.equal(
      (await opTorino.req({ method: 'GET', url: '/api/declaration-checks?period=2026-13' })).statusCode,
      400,
    );
  });

  test('«conforme» is recorded once; another ASL’s check is not found', async () => {
    const [first] = (await list(opTorino, '?period=2026-04&view=TODO')).items;
    const bra = (await list(opBra)).items[0]!;
    assert.equal((await decide(opTorino, bra.id, { outcome: 'CONFORMING' })).statusCode, 404);
    const ok = await decide(opTorino, first!.id, {
      outcome: 'CONFORMING',
      note: 'Reddito verificato con l’Agenzia delle Entrate',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { outcome: 'CONFORMING', revoked: false, caseNumber: first!.caseNumber });
    const again = await decide(opTorino, first!.id, { outcome: 'NON_CONFORMING', note: 'x' });
    assert.equal(again.statusCode, 409);
    const status = await rows<{ status: string }>(
      w.database.db,
      sql`select status from exemption_case where case_number = ${first!.caseNumber}`,
    );
    assert.equal(status[0]!.status, 'VALIDATED');
    assert.equal(
      (await decide(opTorino, first!.id.replace(/\d/, 'x'), { outcome: 'CONFORMING' })).statusCode,
      400,
    );
    assert.equal((await decide(gp, first!.id, { outcome: 'CONFORMING' })).statusCode, 403);
  });

  test('«non conforme» needs a note, revokes for false declaration, notifies, lists for referral; audited', async () => {
    now = new Date('2026-06-03T08:00:00Z');
    const todo = (await list(opTorino, '?period=2026-04&view=TODO')).items;
    const target = todo[0]!;
    const noNote = await decide(opTorino, target.id, { outcome: 'NON_CONFORMING' });
    assert.equal(noNote.statusCode, 400);
    assert.match(noNote.body, /la nota è obbligatoria/);
    const res = await decide(opTorino, target.id, {
      outcome: 'NON_CONFORMING',
      note: 'Reddito 2025 superiore alla soglia secondo l’Agenzia delle Entrate',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((res.json() as { revoked: boolean }).revoked, true);
    const [c] = await rows<{ status: string; revocation_reason: string; valid_until: string }>(
      w.database.db,
      sql`select status, revocation_reason, valid_until::text from exemption_case where case_number = ${target.caseNumber}`,
    );
    assert.deepEqual(c, {
      status: 'REVOKED',
      revocation_reason: 'FALSE_DECLARATION',
      valid_until: '2026-06-03',
    });
    const gpSees = async (date: string) =>
      (
        (
          await gp.req({
            method: 'GET',
            url: `/api/registry/exemptions?fiscalCode=${target.beneficiaryFiscalCode}&date=${date}`,
          })
        ).json() as {
          exemptions: Array<{ caseNumber: string | null }>;
        }
      ).exemptions.some((x) => x.caseNumber === target.caseNumber);
    assert.equal(await gpSees('2026-06-03'), true);
    assert.equal(await gpSees('2026-06-04'), false);
    // the person is notified (the revocation's event)
    while ((await processOutboxOnce(w.database.db)) > 0);
    const notes = await rows<{ n: number }>(
      w.database.db,
      sql`select count(*)::int as n from notification where recipient_fiscal_code = ${target.beneficiaryFiscalCode} and case_number = ${target.caseNumber} and text like '%revocata%'`,
    );
    assert.equal(notes[0]!.n, 1);
    // referral list
    const referral = (await list(opTorino, '?view=REFERRAL')).items;
    assert.deepEqual(
      referral.map((i) => [i.caseNumber, i.outcome, i.referral]),
      [[target.caseNumber, 'NON_CONFORMING', true]],
    );
    // audited: the outcome and the revocation, with the operator and the person
    const audit = await rows<{ action: string }>(
      w.database.db,
      sql`select action from access_log where case_number = ${target.caseNumber} and actor_fiscal_code = ${USERS.opTorino.fiscalCode} and action in ('DECIDE_DECLARATION_CHECK', 'REVOKE') order by action`,
    );
    assert.deepEqual(
      audit.map((a) => a.action),
      ['DECIDE_DECLARATION_CHECK', 'REVOKE'],
    );
    const history = await rows<{ action: string; internal_note: string | null }>(
      w.database.db,
      sql`select h.action, h.internal_note from case_history h join exemption_case c on c.id = h.case_id where c.case_number = ${target.caseNumber} order by h.id desc limit 1`,
    );
    assert.equal(history[0]!.action, 'revoke');
    assert.match(history[0]!.internal_note ?? '', /Agenzia delle Entrate/);
  });
});
