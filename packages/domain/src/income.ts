/**
 * Income exemptions E01–E04 on a self-declaration (issue 12 §1; docs/domain.md §1.1–1.2), exactly as the
 * ASL page words them:
 * - E01: "soggetto con meno di 6 anni o più di 65 anni con reddito familiare inferiore a 36.151,98 euro";
 * - E02: "titolare (o a carico di altro soggetto titolare) della condizione di Disoccupazione con reddito
 *   familiare inferiore a 8.263,31 euro incrementato a 11.362,05 euro in presenza del coniuge ed in
 *   ragione di ulteriori 516,46 euro per ogni figlio a carico";
 * - E03: titolare (o a carico) di assegno (ex pensione) sociale — no income figure;
 * - E04: titolare (o a carico) di pensione al minimo "con più di 60 anni", same figures as E02.
 * Decisions (docs/domain.md §1.1):
 * - "inferiore a" is strict: an income equal to the limit is refused (income < limit, in cents);
 * - ages are exact: "meno di 6 anni" = before the 6th birthday; "più di 65 anni" = from the day after
 *   the 65th birthday (the day of the birthday the person is 65, not more); E04's "più di 60 anni" is
 *   the titolare's age (the pensioner), the beneficiary may be a dependant;
 * - E02's "disoccupato": has ceased a dependent job and is registered at the Centro per l'impiego; a
 *   first-job seeker (inoccupato) is not unemployed;
 * - the limits are data (income_threshold, data/income-thresholds.csv): the row in force on the
 *   declaration date; amounts are integer euro cents everywhere.
 */
import { formatItalianDate } from './validity.js';

export const INCOME_CODES = ['E01', 'E02', 'E03', 'E04'] as const;
export type IncomeCode = (typeof INCOME_CODES)[number];
export const isIncomeCode = (code: string): code is IncomeCode =>
  (INCOME_CODES as readonly string[]).includes(code);

/** The rules of the page, by code: what the declaration must say. */
export const INCOME_RULE_TEXT: Record<IncomeCode, string> = {
  E01: 'meno di 6 anni o più di 65 anni, reddito familiare inferiore a 36.151,98 €',
  E02: 'disoccupato (o a carico di un disoccupato), reddito familiare inferiore a 8.263,31 €, 11.362,05 € con il coniuge, più 516,46 € per ogni figlio a carico',
  E03: 'titolare (o a carico di un titolare) di assegno sociale',
  E04: 'titolare (o a carico di un titolare) di pensione al minimo con più di 60 anni, reddito familiare inferiore a 8.263,31 €, 11.362,05 € con il coniuge, più 516,46 € per ogni figlio a carico',
};

/** Ages are law (L. 537/1993 art. 8 c. 16), not data. */
export const E01_UNDER_AGE = 6;
export const E01_OVER_AGE = 65;
export const E04_OVER_AGE = 60;
/** A sanity bound on the declared number of dependent children. */
export const MAX_DEPENDENT_CHILDREN = 30;

/** One row of income_threshold: the limits of a code from a date, in euro cents. */
export interface IncomeThreshold {
  code: string;
  validFrom: string;
  baseCents: number;
  /** the limit with a spouse (E02, E04); null: the spouse does not change it */
  spouseCents: number | null;
  /** added per dependent child; null: children do not change it */
  perChildCents: number | null;
}

/** The row of `code` in force on `on` (latest validFrom not after it), or undefined. */
export function thresholdOn<T extends IncomeThreshold>(
  rows: readonly T[],
  code: string,
  on: string,
): T | undefined {
  return rows
    .filter((r) => r.code === code && r.validFrom <= on)
    .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
}

/** The household's limit: with a spouse the spouse figure, plus the amount per dependent child. */
export function incomeLimitCents(t: IncomeThreshold, hasSpouse: boolean, dependentChildren: number): number {
  const base = hasSpouse && t.spouseCents !== null ? t.spouseCents : t.baseCents;
  return base + (t.perChildCents ?? 0) * dependentChildren;
}

/** `12.394,97 €` from cents (Italian grouping, two decimals). */
export function formatEuroCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')} €`;
}

/** Parses "12.394,97", "12394,97", "12394.97" or "12394" to cents; null when it is not an amount. */
export function parseEuroToCents(text: string): number | null {
  const t = text.trim().replace(/\s|€/g, '');
  let m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(t);
  if (m) return Number(m[1]!.replace(/\./g, '')) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  m = /^(\d+)\.(\d{1,2})$/.exec(t);
  if (m) return Number(m[1]) * 100 + Number(m[2]!.padEnd(2, '0'));
  return null;
}

/** The day a person born on `birthDate` turns `years` (29 February → 1 March in a common year). */
export function birthdayAt(birthDate: string, years: number): string {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}
/** "meno di N anni" on `on`: before the N-th birthday. */
export const isUnderAge = (birthDate: string, years: number, on: string): boolean =>
  on < birthdayAt(birthDate, years);
/** "più di N anni" on `on`: after the N-th birthday (on the birthday the person is N, not more). */
export const isOverAge = (birthDate: string, years: number, on: string): boolean =>
  on > birthdayAt(birthDate, years);

/** What a declaration says that the rules look at; amounts in cents. */
export interface IncomeDeclarationFacts {
  code: IncomeCode;
  /** the declaration's date (Rome calendar day) */
  on: string;
  beneficiaryBirthDate: string | null;
  /** the titolare's birth date (E04: the pensioner's age); null: the beneficiary's */
  holderBirthDate?: string | null;
  householdIncomeCents: number;
  hasSpouse: boolean;
  dependentChildren: number;
  /** E02: registered at the Centro per l'impiego after ceasing a dependent job */
  unemployedRegistered?: boolean;
  /** E02: looking for a first job (inoccupato): not unemployed */
  firstJobSeeker?: boolean;
  /** E03: holder of assegno (ex pensione) sociale */
  socialAllowance?: boolean;
  /** E04: holder of pensione al minimo */
  minimumPension?: boolean;
}

/** A rule the declaration does not meet: which (stable key), and the Italian sentence with the figure. */
export interface IncomeRuleFailure {
  rule:
    | 'AGE'
    | 'INCOME'
    | 'UNEMPLOYMENT'
    | 'FIRST_JOB_SEEKER'
    | 'SOCIAL_ALLOWANCE'
    | 'MINIMUM_PENSION'
    | 'THRESHOLD';
  field: string;
  message: string;
}

export type IncomeCheck =
  | { ok: true; thresholdCents: number | null }
  | { ok: false; thresholdCents: number | null; failures: IncomeRuleFailure[] };

/**
 * Every rule of the page for `f.code`; `threshold` is the row in force on the declaration date (required
 * for E01, E02, E04). All failures are listed, the first is the one the refusal names.
 */
export function checkIncomeDeclaration(
  f: IncomeDeclarationFacts,
  threshold: IncomeThreshold | undefined,
): IncomeCheck {
  const failures: IncomeRuleFailure[] = [];
  const on = f.on;
  if (f.code === 'E01') {
    const b = f.beneficiaryBirthDate;
    if (!b) {
      failures.push({
        rule: 'AGE',
        field: 'beneficiaryFiscalCode',
        message: 'E01: la data di nascita del beneficiario non è disponibile.',
      });
    } else if (!isUnderAge(b, E01_UNDER_AGE, on) && !isOverAge(b, E01_OVER_AGE, on)) {
      failures.push({
        rule: 'AGE',
        field: 'beneficiaryFiscalCode',
        message: `E01 spetta a chi ha meno di ${E01_UNDER_AGE} anni o più di ${E01_OVER_AGE} anni: il beneficiario (nato il ${formatItalianDate(b)}) il ${formatItalianDate(on)} non ha né meno di ${E01_UNDER_AGE} né più di ${E01_OVER_AGE} anni (li supera dal ${formatItalianDate(nextDay(birthdayAt(b, E01_OVER_AGE)))}).`,
      });
    }
  }
  if (f.code === 'E02') {
    if (f.firstJobSeeker) {
      failures.push({
        rule: 'FIRST_JOB_SEEKER',
        field: 'firstJobSeeker',
        message:
          'E02: chi cerca la prima occupazione (inoccupato) non è disoccupato: la condizione richiede di aver cessato un lavoro dipendente.',
      });
    } else if (!f.unemployedRegistered) {
      failures.push({
        rule: 'UNEMPLOYMENT',
        field: 'unemployedRegistered',
        message:
          "E02: il titolare deve essere disoccupato, cioè aver cessato un lavoro dipendente ed essere iscritto al Centro per l'impiego.",
      });
    }
  }
  if (f.code === 'E03' && !f.socialAllowance) {
    failures.push({
      rule: 'SOCIAL_ALLOWANCE',
      field: 'socialAllowance',
      message: 'E03: il titolare deve percepire l’assegno (ex pensione) sociale.',
    });
  }
  if (f.code === 'E04') {
    if (!f.minimumPension) {
      failures.push({
        rule: 'MINIMUM_PENSION',
        field: 'minimumPension',
        message: 'E04: il titolare deve percepire la pensione al minimo.',
      });
    }
    const h = f.holderBirthDate ?? f.beneficiaryBirthDate;
    if (!h) {
      failures.push({
        rule: 'AGE',
        field: 'holderFiscalCode',
        message: 'E04: la data di nascita del titolare della pensione non è disponibile.',
      });
    } else if (!isOverAge(h, E04_OVER_AGE, on)) {
      failures.push({
        rule: 'AGE',
        field: 'holderFiscalCode',
        message: `E04 spetta al titolare di pensione al minimo con più di ${E04_OVER_AGE} anni: il titolare (nato il ${formatItalianDate(h)}) supera i ${E04_OVER_AGE} anni dal ${formatItalianDate(nextDay(birthdayAt(h, E04_OVER_AGE)))}.`,
      });
    }
  }
  let thresholdCents: number | null = null;
  if (f.code !== 'E03') {
    if (!threshold) {
      failures.push({
        rule: 'THRESHOLD',
        field: 'exemptionCode',
        message: `Nessuna soglia di reddito in vigore il ${formatItalianDate(on)} per il codice ${f.code}.`,
      });
    } else {
      const spouse = f.code === 'E01' ? false : f.hasSpouse;
      const children = f.code === 'E01' ? 0 : f.dependentChildren;
      thresholdCents = incomeLimitCents(threshold, spouse, children);
      if (!(f.householdIncomeCents < thresholdCents)) {
        const over = f.householdIncomeCents - thresholdCents;
        failures.push({
          rule: 'INCOME',
          field: 'householdIncomeCents',
          message:
            `${f.code}: il reddito familiare dichiarato (${formatEuroCents(f.householdIncomeCents)}) deve essere inferiore a ${formatEuroCents(thresholdCents)}` +
            `${limitExplained(f.code, threshold, spouse, children)}; ` +
            (over === 0 ? 'è pari alla soglia.' : `la supera di ${formatEuroCents(over)}.`),
        });
      }
    }
  }
  return failures.length ? { ok: false, thresholdCents, failures } : { ok: true, thresholdCents };
}

function limitExplained(code: IncomeCode, t: IncomeThreshold, spouse: boolean, children: number): string {
  if (code === 'E01') return '';
  const parts = [
    spouse && t.spouseCents !== null
      ? `${formatEuroCents(t.spouseCents)} con il coniuge`
      : `${formatEuroCents(t.baseCents)} senza coniuge`,
  ];
  if (children > 0 && t.perChildCents)
    parts.push(`${children} × ${formatEuroCents(t.perChildCents)} per i figli a carico`);
  return ` (${parts.join(' + ')})`;
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Validity of an income exemption: the cut-off (MM-DD) and the optional regional extension. */
export interface IncomeValidityRule {
  /** `MM-DD`, the page's 31 March by default */
  cutoff: string;
  /** a Region's extension (ISO date) for E01, E03, E04 only: E02 is never carried over */
  extendedUntil?: string | null;
}
export const DEFAULT_INCOME_CUTOFF = '03-31';

/**
 * An income exemption declared on `on` holds from that day to the cut-off of the following year (the
 * page: "validità fino al 31 marzo dell'anno successivo"; docs/domain.md §1.2, the rule CSI implements);
 * a regional extension later than that end applies to E01, E03, E04, never to E02.
 */
export function incomeValidity(
  code: IncomeCode,
  on: string,
  rule: IncomeValidityRule,
): { validFrom: string; validUntil: string } {
  const year = Number(on.slice(0, 4)) + 1;
  let until = `${year}-${rule.cutoff}`;
  if (code !== 'E02' && rule.extendedUntil && rule.extendedUntil > until) until = rule.extendedUntil;
  return { validFrom: on, validUntil: until };
}

/** Is `mmdd` a real day of the year (29 February allowed)? */
export function isValidCutoff(mmdd: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(mmdd);
  if (!m) return false;
  const d = new Date(Date.UTC(2024, Number(m[1]) - 1, Number(m[2])));
  return d.getUTCMonth() === Number(m[1]) - 1 && d.getUTCDate() === Number(m[2]);
}

/**
 * Compatibility with what the person already holds (docs/domain.md §1.1): one income exemption at a
 * time (any code of the INCOME family, national or regional, in force or still open); income and
 * pathology, invalidity and the other families go together (the prescriber writes the most favourable
 * code on each prescription).
 */
export function incompatibleHeld<T extends { code: string; family: string }>(
  held: readonly T[],
): T | undefined {
  return held.find((h) => h.family === 'INCOME');
}
