/**
 * Random demo requests: which person asks for which code, sent by whom, with which attachments, and
 * when. Income codes go only to people of the right age; minors are represented by a delegate.
 */
import type { CaseStatus, SubmitterType } from '@esenzioni/domain';
import type { AttachmentName } from './attachments.js';
import type { CaseRequest } from './cases.js';
import type { DemoCode } from './codes.js';
import type { DemoPerson } from './people.js';
import type { Rng } from './prng.js';

const DAY = 86_400_000;

const ageOn = (birthDate: string, at: Date) => (at.getTime() - Date.parse(birthDate)) / (365.25 * DAY);

export function submittedAtFor(status: CaseStatus, now: Date, rng: Rng): Date {
  // open cases are recent (the backlog of the last months), closed ones span three years
  const span = status === 'SUBMITTED' || status === 'IN_PROGRESS' ? 180 * DAY : 3 * 365 * DAY;
  return new Date(now.getTime() - 3 * DAY - Math.floor(rng.next() * (span - 3 * DAY)));
}

function randomAttachments(code: DemoCode, rng: Rng): AttachmentName[] {
  if (!rng.chance(0.6)) return [];
  const out: AttachmentName[] = ['documento-identita.pdf'];
  if (rng.chance(0.5)) {
    if (code.family === 'INVALIDITY') out.push('verbale-invalidita.pdf');
    else if (code.family === 'INCOME') out.push('autocertificazione-reddito.pdf');
    else out.push(rng.pick(['certificato-specialistico.pdf', 'scansione.png'] as const));
  }
  return out;
}

const STATUS_WEIGHTS = [
  ['SUBMITTED', 20],
  ['IN_PROGRESS', 15],
  ['VALIDATED', 40],
  ['REJECTED', 13],
  ['CANCELLED', 12],
] as const;

/** A random request: income codes only for people of the right age, minors sent by a delegate. */
export function randomRequest(
  person: DemoPerson,
  people: readonly DemoPerson[],
  codes: readonly DemoCode[],
  at: Date,
  rng: Rng,
  status: CaseStatus,
): CaseRequest {
  const age = ageOn(person.birthDate, at);
  const fits = (c: DemoCode) => (c.code === 'E01' ? age < 6 || age > 65 : c.code === 'E04' ? age > 60 : true);
  const usable = codes.filter(fits);
  const code = rng.weighted(usable.map((c) => [c, c.weight] as const));
  const clinical = code.family === 'CHRONIC' || code.family === 'RARE';
  let submitterType: SubmitterType = clinical
    ? rng.weighted([
        ['DOCTOR', 60],
        ['CITIZEN', 30],
        ['DELEGATE', 10],
      ] as const)
    : rng.weighted([
        ['CITIZEN', 75],
        ['DELEGATE', 25],
      ] as const);
  if (submitterType === 'CITIZEN' && age < 18) submitterType = 'DELEGATE';
  const adults = people.filter((p) => p !== person && ageOn(p.birthDate, at) >= 18);
  // a minor's delegation is entered at the counter of their ASL, which registers two of its residents
  // (issue 12 §10): the delegate lives in the same ASL. One draw either way: the sequence is unchanged.
  const sameAsl = adults.filter((p) => p.residenceAslId === person.residenceAslId);
  const delegates = age < 18 && sameAsl.length > 0 ? sameAsl : adults;
  return {
    person,
    code,
    status,
    submitterType,
    ...(submitterType === 'DELEGATE' ? { delegate: rng.pick(delegates) } : {}),
    attachments: submitterType === 'DOCTOR' ? [] : randomAttachments(code, rng),
  };
}

export const randomStatus = (rng: Rng): CaseStatus => rng.weighted(STATUS_WEIGHTS);

/**
 * No duplicate exemptions in the demo (issue 11 §3): one live case (open, or issued: VALIDATED and what
 * the expiry sweep makes of it) per person and code base (013.250 ~ 013), as the submission and the
 * validation rules require. Returns a claim: false when the request would be a second live case of
 * the pair; rejected and cancelled cases claim nothing.
 */
export function onePerPersonAndBase(): (r: CaseRequest) => boolean {
  const taken = new Set<string>();
  return (r) => {
    if (r.status === 'REJECTED' || r.status === 'CANCELLED') return true;
    const key = `${r.person.fiscalCode}:${r.code.baseCode}`;
    if (taken.has(key)) return false;
    taken.add(key);
    return true;
  };
}
