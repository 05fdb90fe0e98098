/**
 * Demo data for a fresh installation: districts, people, the demo accounts and ~300 cases in every
 * state over the last three years, deterministic for a given seed. Only for an empty database: it does
 * nothing if any case exists. The catalogues (importCatalogues) must be loaded first.
 */
import {
  todayInRome,
  type CaseStatus,
  type RejectionReason,
  type Role,
  type SubmitterType,
} from '@esenzioni/domain';
import { DEFAULT_DATA_DIR } from '../catalog/import.js';
import type { Db } from '../db/client.js';
import { aslSeatsOfRegion, insertPeople, lockSeedAndFindCases } from '../db/repositories/seed.js';
import { runExpirySweep } from '../jobs/expiry.js';
import { createDemoAccounts, DEMO_ACCOUNTS, demoAccount } from './accounts.js';
import { renderAttachments, type AttachmentName } from './attachments.js';
import { planCase, type Actors, type CaseRequest } from './cases.js';
import { onePerPersonAndBase, randomRequest, randomStatus, submittedAtFor } from './requests.js';
import { loadDemoCodes } from './codes.js';
import { ASL_TORINO, DISTRICT_BRA, PIEMONTE_REGION, seedDistricts } from './districts.js';
import { seedPageOffices } from './offices.js';
import { computeFiscalCode } from './fiscal-code.js';
import { generatePeople, loadPiemonteComuni, MANUAL_PEOPLE } from './people.js';
import { numberCases, persistCases, writeCounters } from './persist.js';
import { createRng } from './prng.js';
import { planDelegations } from './delegations.js';
import { insertDelegation } from '../db/repositories/delegations.js';
import { incomeDeclarations, issueDemoIncome } from './income.js';

// what start-up needs, from one module
export { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_PIN, type DemoAccount } from './accounts.js';
export { seedProductionAdmin, type BootstrapAdmin } from './production-admin.js';

export const DEFAULT_SEED = 20_260_101;

export interface SeedOptions {
  cases?: number;
  people?: number;
  seed?: number;
  /** the clock the three years are counted back from (tests pin it) */
  now?: Date;
  dataDir?: string;
}

export interface SeedResult {
  skipped: boolean;
  people: number;
  cases: number;
  documents: number;
  /** one row per profile: operatore.torino appears twice */
  accounts: { username: string; role: Role; aslId: string | null; districtName: string | null }[];
}

/** Operator of the districts without a demo account: a fiscal code only (no login needed for history). */
const OTHER_OPERATOR = computeFiscalCode({
  firstName: 'DEMO',
  lastName: 'OTTANTA',
  birthDate: '1972-04-18',
  sex: 'M',
  birthPlaceCode: 'L219',
});

/** The manual's own examples (people and codes), so its screens can be followed step by step. */
// prettier-ignore
const SCRIPT: readonly {
  who: number; code: string; status: CaseStatus; by: SubmitterType;
  delegate?: number; attachments?: AttachmentName[]; reason?: RejectionReason; withoutCertificate?: boolean;
  /** sent this many days before `now` (default: at random) */
  daysAgo?: number;
}[] = [
  { who: 0, code: '048', status: 'VALIDATED', by: 'CITIZEN', attachments: ['documento-identita.pdf', 'certificato-specialistico.pdf'] },
  { who: 0, code: '013.250', status: 'SUBMITTED', by: 'CITIZEN', attachments: ['documento-identita.pdf', 'scansione.png'] },
  { who: 0, code: '031.402', status: 'IN_PROGRESS', by: 'DOCTOR' },
  { who: 1, code: '044.296.0', status: 'VALIDATED', by: 'DOCTOR' },
  { who: 2, code: '026.252.0', status: 'SUBMITTED', by: 'CITIZEN', attachments: ['documento-identita.pdf', 'certificato-specialistico.pdf'] },
  { who: 3, code: '054.720.0', status: 'REJECTED', by: 'DOCTOR', reason: 'INSUFFICIENT_REQUIREMENTS' },
  // stored without its certificate: operatore.cn2 sees «Valida» disabled and why (issue 11 §6)
  { who: 3, code: '044.296.0', status: 'SUBMITTED', by: 'DELEGATE', delegate: 0, withoutCertificate: true },
  // income exemptions are self-declarations valid to 31 March of the following year (issue 12 §1): the
  // demo citizen's E01, declared online 470 days ago, has ended (Scaduta) once the expiry sweep has run
  // — whatever the day, 470 days is past the next 31 March (at most 454 days away); one income exemption
  // at a time, so no other (issue 12 §10)
  { who: 0, code: 'E01', status: 'VALIDATED', by: 'CITIZEN', daysAgo: 470 },
];

export async function seedDemoData(db: Db, opts: SeedOptions = {}): Promise<SeedResult> {
  const total = opts.cases ?? 300;
  const now = opts.now ?? new Date();
  const rng = createRng(opts.seed ?? DEFAULT_SEED);
  const attachments = await renderAttachments();
  const result = await db.transaction(async (tx) => {
    // two processes starting together on one PostgreSQL must not both seed
    if (await lockSeedAndFindCases(tx))
      return { skipped: true, people: 0, cases: 0, documents: 0, accounts: [] };

    const districts = await seedDistricts(tx);
    // issue 13 §5: the offices and hours printed on the ASL page, for the public front door
    await seedPageOffices(tx, now);
    const seats = await aslSeatsOfRegion(tx, PIEMONTE_REGION);
    const comuni = await loadPiemonteComuni(
      opts.dataDir ?? DEFAULT_DATA_DIR,
      new Map(seats.map((s) => [s.id, s.seat])),
    );
    const people = generatePeople(Math.max(opts.people ?? 200, MANUAL_PEOPLE.length), rng, districts, comuni);
    await insertPeople(tx, people);
    const userIds = await createDemoAccounts(tx);
    const codes = await loadDemoCodes(tx, todayInRome(now));

    const citizen = demoAccount('cittadino');
    // operatore.torino works the whole ASL, operatore.cn2 only district Bra (as their profiles say)
    const torino = demoAccount('operatore.torino').fiscalCode;
    const bra = demoAccount('operatore.cn2').fiscalCode;
    const actors: Actors = {
      doctor: {
        fiscalCode: demoAccount('specialista').fiscalCode,
        userId: userIds.get('specialista') ?? null,
      },
      citizen: { fiscalCode: citizen.fiscalCode, userId: userIds.get('cittadino') ?? null },
      operatorOf: (aslId, districtId) =>
        aslId === ASL_TORINO ? torino : districtId === DISTRICT_BRA ? bra : OTHER_OPERATOR,
    };

    const requests: CaseRequest[] = [];
    const scriptedAt: (Date | undefined)[] = [];
    for (const s of SCRIPT) {
      const code = codes.find((c) => c.code === s.code);
      const who = people[s.who];
      if (!code || !who || requests.length >= total) continue;
      requests.push({
        person: who,
        code,
        status: s.status,
        submitterType: s.by,
        ...(s.delegate !== undefined && people[s.delegate] ? { delegate: people[s.delegate] } : {}),
        ...(s.attachments ? { attachments: s.attachments } : {}),
        ...(s.reason ? { rejectionReason: s.reason } : {}),
        ...(s.withoutCertificate ? { withoutCertificate: true } : {}),
      });
      scriptedAt.push(s.daysAgo === undefined ? undefined : new Date(now.getTime() - s.daysAgo * 86_400_000));
    }
    const planned = requests.map((r, i) =>
      planCase(r, scriptedAt[i] ?? submittedAtFor(r.status, now, rng), actors, now, rng),
    );
    // no duplicate exemptions: the script's cases claim their person and code base first
    const claim = onePerPersonAndBase();
    for (const r of requests) claim(r);
    // income cases only as declarations the rules accept, one per person (issue 12 §10)
    const income = incomeDeclarations();
    for (const r of requests) income.claim(r);
    // every generated person gets one case first, so each ASL and district gets its share
    for (let j = 0; planned.length < total; j++) {
      const who = j < people.length - MANUAL_PEOPLE.length ? people[MANUAL_PEOPLE.length + j] : undefined;
      const status = randomStatus(rng);
      const at = submittedAtFor(status, now, rng);
      const req = randomRequest(who ?? rng.pick(people), people, codes, at, rng, status);
      if (!income.fits(req, at) || !claim(req)) continue;
      income.claim(req);
      planned.push(planCase(req, at, actors, now, rng));
    }

    const { numbered: all, counters } = numberCases(planned);
    // income exemptions go through the income flow (issue 12 §10), numbered with the others
    const numbered = all.filter((c) => c.code.family !== 'INCOME');
    const specialist = demoAccount('specialista');
    const documents = await persistCases(tx, numbered, {
      attachments,
      rng,
      doctor: {
        fiscalCode: specialist.fiscalCode,
        name: `${specialist.firstName} ${specialist.lastName}`,
        structure: 'Ambulatorio specialistico (struttura dimostrativa)',
      },
    });
    await writeCounters(tx, counters);
    const incomeIssued = await issueDemoIncome(
      tx,
      all.filter((c) => c.code.family === 'INCOME'),
      rng,
    );
    // a delegate sends a case only under a delegation in force (issue 12 §10); a minor's is entered at
    // the counter of their ASL (operatore.torino has the counter profile; elsewhere the demo's other operator)
    const counterOf = (aslId: string) => (aslId === ASL_TORINO ? torino : OTHER_OPERATOR);
    for (const d of planDelegations(planned, counterOf)) await insertDelegation(tx, d);

    const districtName = new Map(districts.map((d) => [d.id, d.name]));
    return {
      skipped: false,
      people: people.length,
      cases: numbered.length + incomeIssued,
      documents,
      accounts: DEMO_ACCOUNTS.flatMap((a) =>
        a.profiles.map((p) => ({
          username: a.username,
          role: p.role,
          aslId: p.aslId,
          districtName: p.districtId ? (districtName.get(p.districtId) ?? null) : null,
        })),
      ),
    };
  });
  // the demo's exemptions whose last days have come, or whose end has passed, as the daily job leaves them
  if (!result.skipped) await runExpirySweep(db, now);
  return result;
}
