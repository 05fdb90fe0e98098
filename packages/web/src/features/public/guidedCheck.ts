/**
 * «Quale esenzione posso chiedere?» (issue 13 §5): from a few answers, the exemptions a person may ask
 * for. Pure and run in the browser only: no answer is stored or sent. The rules are those of the
 * domain (packages/domain/src/income.ts: E01–E04 of L. 537/1993 art. 8 c. 16 as the ASL page words
 * them, ages E01_UNDER_AGE, E01_OVER_AGE, E04_OVER_AGE; the limits are the income_threshold rows in
 * force, passed in); the outcome is an indication, the office decides.
 */
import {
  E01_OVER_AGE,
  E01_UNDER_AGE,
  E04_OVER_AGE,
  formatEuroCents,
  incomeLimitCents,
} from '@esenzioni/domain/income';
import type { ExemptionFamily } from '@esenzioni/domain';

export type Employment = 'UNEMPLOYED' | 'FIRST_JOB' | 'EMPLOYED' | 'OTHER';
export type Pension = 'NONE' | 'SOCIAL' | 'MINIMUM' | 'OTHER';
export type Residence = 'REGION' | 'OTHER_REGION' | 'NO_SSN';
/** The household income compared with the limits of the household (spouse, children). */
export type IncomeBand = 'UNDER_E02' | 'UNDER_E01' | 'OVER_E01' | 'UNKNOWN';

export interface Answers {
  /** completed years; null: not given */
  age: number | null;
  spouse: boolean;
  dependentChildren: number;
  incomeBand: IncomeBand;
  employment: Employment;
  pension: Pension;
  pregnant: boolean;
  invalidityVerbale: boolean;
  chronicDisease: boolean;
  rareDisease: boolean;
  residence: Residence;
}

export const EMPTY_ANSWERS: Answers = {
  age: null,
  spouse: false,
  dependentChildren: 0,
  incomeBand: 'UNKNOWN',
  employment: 'OTHER',
  pension: 'NONE',
  pregnant: false,
  invalidityVerbale: false,
  chronicDisease: false,
  rareDisease: false,
  residence: 'REGION',
};

export interface Threshold {
  code: string;
  baseCents: number;
  spouseCents: number | null;
  perChildCents: number | null;
}

export interface Candidate {
  family: Exclude<ExemptionFamily, 'OTHER'>;
  /** the codes concerned, when the family has few (income, pregnancy) */
  codes: string[];
  /** why, in a sentence quoting the rule */
  reason: string;
  /** true when an answer given as «non so» leaves it to be checked */
  toVerify: boolean;
}

export interface Outcome {
  candidates: Candidate[];
  /** sentences for who gets no candidate or is outside the regional service */
  notes: string[];
}

const limitOf = (thresholds: readonly Threshold[], code: string, a: Answers): number | null => {
  const t = thresholds.find((x) => x.code === code);
  return t ? incomeLimitCents({ ...t, validFrom: '' }, a.spouse, a.dependentChildren) : null;
};

/** The income bands offered for the household, each with its limit in words. */
export function incomeBands(
  thresholds: readonly Threshold[],
  a: Pick<Answers, 'spouse' | 'dependentChildren'>,
): { band: IncomeBand; label: string }[] {
  const full = { ...EMPTY_ANSWERS, ...a };
  const e02 = limitOf(thresholds, 'E02', full);
  const e01 = limitOf(thresholds, 'E01', full);
  const out: { band: IncomeBand; label: string }[] = [];
  if (e02 !== null) out.push({ band: 'UNDER_E02', label: `Meno di ${formatEuroCents(e02)}` });
  if (e01 !== null) {
    out.push({
      band: 'UNDER_E01',
      label:
        e02 !== null
          ? `Da ${formatEuroCents(e02)} a meno di ${formatEuroCents(e01)}`
          : `Meno di ${formatEuroCents(e01)}`,
    });
    out.push({ band: 'OVER_E01', label: `${formatEuroCents(e01)} o più` });
  }
  out.push({ band: 'UNKNOWN', label: 'Non so' });
  return out;
}

/** The candidate exemptions for the answers. */
export function candidateExemptions(a: Answers, thresholds: readonly Threshold[]): Outcome {
  const candidates: Candidate[] = [];
  const notes: string[] = [];
  const e01 = limitOf(thresholds, 'E01', a);
  const e02 = limitOf(thresholds, 'E02', a);
  const unknownIncome = a.incomeBand === 'UNKNOWN';
  const underE01 = a.incomeBand === 'UNDER_E02' || a.incomeBand === 'UNDER_E01' || unknownIncome;
  const underE02 = a.incomeBand === 'UNDER_E02' || unknownIncome;
  const income = (limit: number | null) =>
    limit === null ? '' : ` con reddito familiare inferiore a ${formatEuroCents(limit)}`;

  if (a.residence === 'NO_SSN') {
    notes.push(
      'Chi non è iscritto al Servizio sanitario nazionale (tessera STP o ENI) ha codici propri della Regione: rivolgersi allo sportello del distretto.',
    );
  }
  if (a.residence === 'OTHER_REGION') {
    notes.push(
      'Le esenzioni si chiedono all’ASL di residenza: chi risiede in un’altra Regione si rivolge alla propria ASL.',
    );
  }
  const assisted = a.residence === 'REGION';

  if (a.pregnant) {
    candidates.push({
      family: 'PREGNANCY',
      codes: ['M + settimana', 'M50'],
      reason:
        'In gravidanza il medico scrive sulla ricetta il codice «M + settimana di gravidanza» (M50 per la gravidanza a rischio): non serve una richiesta.',
      toVerify: false,
    });
  }
  if (!assisted) return { candidates, notes };

  if (a.chronicDisease) {
    candidates.push({
      family: 'CHRONIC',
      codes: [],
      reason:
        'Per una malattia cronica o invalidante riconosciuta serve il certificato di uno specialista di struttura pubblica con la diagnosi.',
      toVerify: false,
    });
  }
  if (a.rareDisease) {
    candidates.push({
      family: 'RARE',
      codes: [],
      reason: 'Per una malattia rara serve la certificazione di un presidio della rete delle malattie rare.',
      toVerify: false,
    });
  }
  if (a.invalidityVerbale) {
    candidates.push({
      family: 'INVALIDITY',
      codes: [],
      reason:
        'Con il verbale di invalidità (o la sentenza) l’esenzione copre tutte le prestazioni o quelle correlate all’invalidità, secondo la categoria e la percentuale.',
      toVerify: false,
    });
  }

  const incomeCodes: string[] = [];
  const reasons: string[] = [];
  const age = a.age;
  const e01Age = age !== null && (age < E01_UNDER_AGE || age >= E01_OVER_AGE);
  if (e01Age && underE01) {
    incomeCodes.push('E01');
    reasons.push(
      `E01: meno di ${E01_UNDER_AGE} anni o più di ${E01_OVER_AGE} anni${income(e01)}${age === E01_OVER_AGE ? ' (a 65 anni: dal giorno dopo il compleanno)' : ''}.`,
    );
  }
  if (a.employment === 'UNEMPLOYED' && underE02) {
    incomeCodes.push('E02');
    reasons.push(
      `E02: disoccupato (cessato da un lavoro dipendente e iscritto al Centro per l’impiego)${income(e02)}.`,
    );
  }
  if (a.pension === 'SOCIAL') {
    incomeCodes.push('E03');
    reasons.push('E03: titolare (o a carico di un titolare) di assegno sociale.');
  }
  if (a.pension === 'MINIMUM' && age !== null && age > E04_OVER_AGE && underE02) {
    incomeCodes.push('E04');
    reasons.push(`E04: titolare di pensione al minimo con più di ${E04_OVER_AGE} anni${income(e02)}.`);
  }
  if (incomeCodes.length > 0) {
    candidates.push({
      family: 'INCOME',
      codes: incomeCodes,
      reason: reasons.join(' '),
      toVerify: unknownIncome && incomeCodes.some((c) => c !== 'E03'),
    });
  }
  if (a.employment === 'FIRST_JOB' && !incomeCodes.includes('E02')) {
    notes.push('Chi cerca il primo lavoro (inoccupato) non è disoccupato ai fini dell’esenzione E02.');
  }
  if (candidates.length === 0) {
    notes.push(
      'Dalle risposte non risulta un’esenzione: per le situazioni particolari (altri codici della Regione, cure odontoiatriche) rivolgersi allo sportello del distretto.',
    );
  }
  return { candidates, notes };
}
