/**
 * Five years of closed cases for the statistics dashboard (issue 15 §5): about 1,800 cases validated,
 * rejected or cancelled, with seasonal peaks (January–March and September–October, a dip in August),
 * so the ASL manager's and the Region's charts are filled. Written after the demo's 300 cases, numbered
 * after them (their numbers, and the open cases the end-to-end tests pick, do not change); none is open,
 * so «Pratiche da fare» is as before. The beneficiaries are 700 more generated people, written to the
 * person registry like the demo's own (a counter or the attestato finds them); no documents.
 */
import {
  addDays,
  DEFAULT_EXPIRY_WARNING_DAYS,
  formatCaseNumber,
  todayInRome,
  type CaseStatus,
  type RejectionReason,
} from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { caseRowOf, historyRowOf, registryRowOf, type HistoryStep } from '../db/repositories/case-rows.js';
import {
  aslIdsOfRegion,
  aslSeatsOfRegion,
  caseCounterValues,
  insertCaseRows,
  insertHistoryRows,
  insertPeople,
  insertRegistryRows,
  raiseCaseCounters,
} from '../db/repositories/seed.js';
import { DEFAULT_DATA_DIR } from '../catalog/import.js';
import { SYSTEM_ACTOR } from '../jobs/expiry.js';
import { demoAccount } from './accounts.js';
import { loadDemoCodes } from './codes.js';
import { districtsFor, PIEMONTE_REGION } from './districts.js';
import { generatePeople, loadPiemonteComuni, MANUAL_PEOPLE } from './people.js';
import { createRng } from './prng.js';

export const HISTORY_SEED = 20_150_415;
const DAY = 86_400_000;

/** Relative weight of each calendar month (January first). */
const SEASON = [1.6, 1.5, 1.4, 1.0, 0.9, 0.9, 0.8, 0.45, 1.2, 1.3, 1.0, 0.7];

export interface HistoryOptions {
  cases?: number;
  years?: number;
  now?: Date;
  dataDir?: string;
}

export async function seedDemoHistory(db: Db, opts: HistoryOptions = {}): Promise<number> {
  const total = opts.cases ?? 1800;
  const years = opts.years ?? 5;
  const now = opts.now ?? new Date();
  const today = todayInRome(now);
  const rng = createRng(HISTORY_SEED);
  return db.transaction(async (tx) => {
    const codes = (await loadDemoCodes(tx, today)).filter(
      (c) => c.family !== 'INCOME' && c.family !== 'PREGNANCY',
    );
    if (codes.length === 0) return 0;
    const districts = districtsFor(await aslIdsOfRegion(tx, PIEMONTE_REGION));
    const seats = await aslSeatsOfRegion(tx, PIEMONTE_REGION);
    const comuni = await loadPiemonteComuni(
      opts.dataDir ?? DEFAULT_DATA_DIR,
      new Map(seats.map((s) => [s.id, s.seat])),
    );
    const people = generatePeople(MANUAL_PEOPLE.length + 700, rng, districts, comuni).slice(
      MANUAL_PEOPLE.length,
    );
    await insertPeople(tx, people);
    const operator = demoAccount('operatore.torino').fiscalCode;
    const doctor = demoAccount('specialista').fiscalCode;
    const system = { actorFiscalCode: SYSTEM_ACTOR.fiscalCode, actorRole: SYSTEM_ACTOR.role };

    // the months of the window, weighted by season and growing over the years (the last two weigh most)
    const firstMonth = new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), 1));
    const months: Array<readonly [Date, number]> = [];
    for (
      let m = new Date(firstMonth);
      m.getTime() < now.getTime();
      m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))
    ) {
      const age = (now.getTime() - m.getTime()) / (365 * DAY);
      months.push([m, (SEASON[m.getUTCMonth()] ?? 1) * (age < 2 ? 1.6 : 1)] as const);
    }
    const counters = await caseCounterValues(tx);
    const planned: Array<{ row: ReturnType<typeof caseRowOf>; steps: HistoryStep[] }> = [];
    for (let i = 0; i < total; i++) {
      const month = rng.weighted(months);
      const submittedAt = new Date(
        month.getTime() + rng.int(0, 27) * DAY + rng.int(8 * 60, 17 * 60) * 60_000,
      );
      // closed cases only: decided at least a day before now
      const leadDays = Math.round(2 + rng.next() ** 2 * 75);
      const decidedAt = new Date(submittedAt.getTime() + leadDays * DAY + rng.int(60, 300) * 60_000);
      if (decidedAt.getTime() > now.getTime() - DAY) continue;
      const person = rng.pick(people);
      const code = rng.weighted(codes.map((c) => [c, c.weight] as const));
      const status: CaseStatus = rng.weighted([
        ['VALIDATED', 78],
        ['REJECTED', 14],
        ['CANCELLED', 8],
      ] as const);
      const reason: RejectionReason = rng.weighted([
        ['INSUFFICIENT_DOCUMENTATION', 40],
        ['INSUFFICIENT_REQUIREMENTS', 30],
        ['INCORRECT_DOCUMENTATION', 20],
        ['OTHER', 10],
      ] as const);
      const steps: HistoryStep[] = [
        {
          at: submittedAt,
          actorFiscalCode: doctor,
          actorRole: 'SPECIALIST',
          action: 'submit',
          status: 'SUBMITTED',
        },
      ];
      if (status === 'CANCELLED') {
        steps.push({
          at: decidedAt,
          actorFiscalCode: person.fiscalCode,
          actorRole: 'CITIZEN',
          action: 'cancel',
          status,
        });
      } else {
        const taken = new Date(
          submittedAt.getTime() + Math.floor((decidedAt.getTime() - submittedAt.getTime()) / 2),
        );
        steps.push({
          at: taken,
          actorFiscalCode: operator,
          actorRole: 'DISTRICT_OPERATOR',
          action: 'takeCharge',
          status: 'IN_PROGRESS',
        });
        steps.push({
          at: decidedAt,
          actorFiscalCode: operator,
          actorRole: 'DISTRICT_OPERATOR',
          action: status === 'VALIDATED' ? 'validate' : 'reject',
          status,
        });
      }
      const year = Number(todayInRome(submittedAt).slice(0, 4));
      const key = `${person.residenceAslId}:${year}`;
      const progressive = (counters.get(key) ?? 0) + 1;
      counters.set(key, progressive);
      const facts = {
        caseNumber: formatCaseNumber(year, person.residenceAslId, progressive),
        beneficiary: {
          fiscalCode: person.fiscalCode,
          firstName: person.firstName,
          lastName: person.lastName,
          aslId: person.residenceAslId,
          districtId: person.residenceDistrictId,
          birthDate: person.birthDate,
        },
        submitter: { type: 'DOCTOR' as const, fiscalCode: doctor },
        code,
        diagnosisCode: code.diagnoses[0]?.code ?? null,
        ...(status === 'REJECTED' ? { rejectionReason: reason } : {}),
      };
      // an exemption whose end has come is «In scadenza» or «Scaduta», as the daily sweep leaves it; one
      // in eight of the last two years' was certified for a limited time and ends within the next 90 days
      const shortTerm =
        status === 'VALIDATED' && now.getTime() - decidedAt.getTime() < 730 * DAY && rng.chance(0.125);
      const validUntil = shortTerm
        ? addDays(today, rng.int(1, 90))
        : status === 'VALIDATED'
          ? caseRowOf(facts, steps).validUntil
          : null;
      if (validUntil && validUntil < today)
        steps.push({
          at: new Date(`${addDays(validUntil, 1)}T00:05:00Z`),
          ...system,
          action: 'expire',
          status: 'EXPIRED',
        });
      else if (validUntil && validUntil <= addDays(today, DEFAULT_EXPIRY_WARNING_DAYS)) {
        const entered = new Date(`${addDays(validUntil, -DEFAULT_EXPIRY_WARNING_DAYS)}T00:05:00Z`);
        steps.push({
          at: new Date(Math.max(entered.getTime(), decidedAt.getTime() + 3_600_000)),
          ...system,
          action: 'expiring',
          status: 'EXPIRING',
        });
      }
      const row = caseRowOf(facts, steps);
      if (shortTerm) row.validUntil = validUntil;
      planned.push({ row, steps });
    }
    const ids = await insertCaseRows(
      tx,
      planned.map((p) => p.row),
    );
    await insertHistoryRows(
      tx,
      planned.flatMap((p) => p.steps.map((s) => historyRowOf(ids.get(p.row.caseNumber) ?? 0, s))),
    );
    await insertRegistryRows(
      tx,
      planned.flatMap((p) => {
        // the registry keeps every issued exemption with its period, whatever its state now
        const issued = ['EXPIRING', 'EXPIRED'].includes(p.row.status) ? 'VALIDATED' : p.row.status;
        const r = registryRowOf({ ...p.row, status: issued, id: ids.get(p.row.caseNumber) ?? 0 });
        return r ? [r] : [];
      }),
    );
    await raiseCaseCounters(
      tx,
      [...counters].map(([key, lastValue]) => {
        const [aslId = '', year = '0'] = key.split(':');
        return { aslId, year: Number(year), lastValue };
      }),
    );
    return planned.length;
  });
}
