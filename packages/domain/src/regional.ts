/**
 * Regional codes (issue 12 §6): codes a Region configures rather than the national catalogue — the
 * ASL page's dental codes (E09, OD1, OD2, ODO1), foreigners' and minors' codes (E06, E07, E08, X23,
 * X24) and Piemonte's income codes E05/E10 (docs/domain.md §1, §1.1; docs/asl-page.md). Each row of
 * data/regional-codes-<region>.csv says who may issue the code, which identifiers it accepts, the
 * documents, the duration and the rules; this module reads the file's notations and checks a request
 * against them. Nothing here names a code: the rules are data.
 *
 * Notations of the file:
 * - `age`: clauses joined by `|` (any), conditions by `&` (all): `<6` before the 6th birthday, `<=18`
 *   before the 19th, `>=55` from the 55th birthday, `>65` from the day after the 65th birthday;
 * - `duration`: `CUTOFF` (to the income cut-off of the following year: 31 March, configurable),
 *   `MONTHS:n` (n months from the issue), `MONTHS:n:PERMIT` / `MONTHS:n:CARD` (from the date the
 *   residence permit or the STP/ENI card was issued), `BIRTHDAY:n` (to the day before the n-th birthday);
 * - income: `income_over_cents` exclusive lower bound, `income_max_cents` upper bound (inclusive when
 *   `income_max_inclusive`), `household_limits` `1-3:4400000|4:4900000|5-:5400000` (members: cents);
 * - `conditions`: `KEY=label|…` (one must be declared); lists (`issued_by`, `identifiers`,
 *   `documents`) are joined by `|`.
 */
import { periodEnd, addDays, formatItalianDate } from './validity.js';
import { PERSON_IDENTIFIER_KINDS, type PersonIdentifierKind } from './person-identifier.js';
import type { ExemptionFamily } from './enums.js';
import type { FieldIssue } from './errors.js';
import { formatEuroCents } from './income.js';

export const REGIONAL_ISSUERS = ['COUNTER', 'CITIZEN', 'PRESCRIBER'] as const;
export type RegionalIssuer = (typeof REGIONAL_ISSUERS)[number];
export const REGIONAL_ISSUER_LABELS: Record<RegionalIssuer, string> = {
  COUNTER: 'sportello ASL',
  CITIZEN: 'cittadino online',
  PRESCRIBER: 'medico prescrittore',
};

export const REGIONAL_CATEGORIES = ['INCOME', 'DENTAL_SOCIAL', 'DENTAL_HEALTH', 'FOREIGN', 'MINOR'] as const;
export type RegionalCategory = (typeof REGIONAL_CATEGORIES)[number];
export const REGIONAL_CATEGORY_LABELS: Record<RegionalCategory, string> = {
  INCOME: 'Reddito (regionale)',
  DENTAL_SOCIAL: 'Cure odontoiatriche – vulnerabilità sociale',
  DENTAL_HEALTH: 'Cure odontoiatriche – vulnerabilità sanitaria',
  FOREIGN: 'Cittadini stranieri',
  MINOR: 'Minori',
};

export const INCOME_MEASURES = ['HOUSEHOLD', 'ISEE'] as const;
export type IncomeMeasure = (typeof INCOME_MEASURES)[number];
export const INCOME_MEASURE_LABELS: Record<IncomeMeasure, string> = {
  HOUSEHOLD: 'reddito complessivo del nucleo familiare fiscale',
  ISEE: 'ISEE',
};

/** The families a regional code may have in the catalogue: income codes INCOME, dental DENTAL, the others OTHER. */
export const REGIONAL_FAMILIES: readonly ExemptionFamily[] = ['INCOME', 'DENTAL', 'OTHER'];

export type AgeOp = '<' | '<=' | '>' | '>=';
/** Clauses (any) of conditions (all). */
export type AgeRule = Array<Array<{ op: AgeOp; years: number }>>;

export type RegionalDuration =
  | { kind: 'CUTOFF' }
  | { kind: 'MONTHS'; months: number; from: 'ISSUE' | 'PERMIT' | 'CARD' }
  | { kind: 'BIRTHDAY'; years: number };

export interface HouseholdLimit {
  minSize: number;
  maxSize: number | null;
  maxCents: number;
}

export interface RegionalCondition {
  key: string;
  label: string;
}

/** One code of the Region's file, its notations parsed. Amounts in euro cents. */
export interface RegionalCode {
  code: string;
  family: ExemptionFamily;
  category: RegionalCategory;
  description: string;
  issuedBy: RegionalIssuer[];
  identifiers: PersonIdentifierKind[];
  documents: string[];
  duration: RegionalDuration;
  age: AgeRule | null;
  incomeMeasure: IncomeMeasure | null;
  incomeOverCents: number | null;
  incomeMaxCents: number | null;
  incomeMaxInclusive: boolean;
  householdLimits: HouseholdLimit[] | null;
  conditions: RegionalCondition[] | null;
  copayCapCents: number | null;
  discountPercent: number | null;
  notes: string;
}

/** The file's text columns of one code (as in the CSV and in table regional_code). */
export interface RegionalCodeText {
  code: string;
  family: string;
  category: string;
  description: string;
  issuedBy: string;
  identifiers: string;
  documents: string;
  duration: string;
  age: string | null;
  incomeMeasure: string | null;
  incomeOverCents: number | null;
  incomeMaxCents: number | null;
  incomeMaxInclusive: boolean;
  householdLimits: string | null;
  conditions: string | null;
  copayCapCents: number | null;
  discountPercent: number | null;
  notes: string;
}

const list = (text: string): string[] =>
  text
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');

const oneOf = <T extends string>(values: readonly T[], v: string, what: string): T => {
  if (!(values as readonly string[]).includes(v)) throw new RangeError(`${what} non valido: "${v}"`);
  return v as T;
};

export function parseAgeRule(text: string): AgeRule {
  return list(text).map((clause) =>
    clause.split('&').map((cond) => {
      const m = /^\s*(<=|>=|<|>)\s*(\d{1,3})\s*$/.exec(cond);
      if (!m) throw new RangeError(`condizione di età non valida: "${cond}"`);
      return { op: m[1] as AgeOp, years: Number(m[2]) };
    }),
  );
}

export function parseRegionalDuration(text: string): RegionalDuration {
  const t = text.trim();
  if (t === 'CUTOFF') return { kind: 'CUTOFF' };
  const months = /^MONTHS:(\d{1,3})(?::(PERMIT|CARD))?$/.exec(t);
  if (months && Number(months[1]) > 0) {
    return { kind: 'MONTHS', months: Number(months[1]), from: (months[2] as 'PERMIT' | 'CARD') ?? 'ISSUE' };
  }
  const birthday = /^BIRTHDAY:(\d{1,3})$/.exec(t);
  if (birthday && Number(birthday[1]) > 0) return { kind: 'BIRTHDAY', years: Number(birthday[1]) };
  throw new RangeError(`durata non valida: "${text}"`);
}

export function parseHouseholdLimits(text: string): HouseholdLimit[] {
  const limits = list(text).map((part) => {
    const m = /^(\d{1,2})(?:-(\d{1,2})?)?:(\d+)$/.exec(part);
    if (!m) throw new RangeError(`limite per nucleo non valido: "${part}"`);
    const min = Number(m[1]);
    const open = part.includes('-') && m[2] === undefined;
    const max = open ? null : Number(m[2] ?? m[1]);
    if (min < 1 || (max !== null && max < min))
      throw new RangeError(`limite per nucleo non valido: "${part}"`);
    return { minSize: min, maxSize: max, maxCents: Number(m[3]) };
  });
  const sorted = [...limits].sort((a, b) => a.minSize - b.minSize);
  sorted.forEach((l, i) => {
    const next = sorted[i + 1];
    if (next && (l.maxSize === null || l.maxSize + 1 !== next.minSize))
      throw new RangeError(`limiti per nucleo sovrapposti o con buchi: "${text}"`);
  });
  return sorted;
}

export function parseConditions(text: string): RegionalCondition[] {
  return list(text).map((part) => {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const label = part.slice(eq + 1).trim();
    if (eq < 1 || !/^[A-Z][A-Z0-9_]*$/.test(key) || !label)
      throw new RangeError(`condizione non valida: "${part}" (atteso CHIAVE=descrizione)`);
    return { key, label };
  });
}

/** Reads one code's text columns; throws a RangeError naming what is wrong. */
export function parseRegionalCode(t: RegionalCodeText): RegionalCode {
  if (!/^[A-Z0-9]{2,8}$/.test(t.code)) throw new RangeError(`codice non valido: "${t.code}"`);
  const family = oneOf(REGIONAL_FAMILIES, t.family, 'famiglia');
  const issuedBy = list(t.issuedBy).map((v) => oneOf(REGIONAL_ISSUERS, v, 'chi rilascia'));
  const identifiers = list(t.identifiers).map((v) => oneOf(PERSON_IDENTIFIER_KINDS, v, 'identificativo'));
  if (issuedBy.length === 0) throw new RangeError('manca chi rilascia il codice');
  if (identifiers.length === 0) throw new RangeError('mancano gli identificativi ammessi');
  const measure = t.incomeMeasure ? oneOf(INCOME_MEASURES, t.incomeMeasure, 'misura del reddito') : null;
  const householdLimits = t.householdLimits ? parseHouseholdLimits(t.householdLimits) : null;
  const hasIncome = t.incomeOverCents !== null || t.incomeMaxCents !== null || householdLimits !== null;
  if (hasIncome !== (measure !== null))
    throw new RangeError('misura del reddito e limiti di reddito vanno indicati insieme');
  if (t.incomeOverCents !== null && t.incomeMaxCents !== null && t.incomeMaxCents <= t.incomeOverCents)
    throw new RangeError('limite di reddito massimo non superiore al minimo');
  for (const n of [t.incomeOverCents, t.incomeMaxCents, t.copayCapCents]) {
    if (n !== null && (!Number.isInteger(n) || n < 0)) throw new RangeError(`importo non valido: ${n}`);
  }
  if (
    t.discountPercent !== null &&
    !(Number.isInteger(t.discountPercent) && t.discountPercent > 0 && t.discountPercent <= 100)
  )
    throw new RangeError(`sconto non valido: ${t.discountPercent}`);
  return {
    code: t.code,
    family,
    category: oneOf(REGIONAL_CATEGORIES, t.category, 'categoria'),
    description: t.description,
    issuedBy,
    identifiers,
    documents: list(t.documents),
    duration: parseRegionalDuration(t.duration),
    age: t.age ? parseAgeRule(t.age) : null,
    incomeMeasure: measure,
    incomeOverCents: t.incomeOverCents,
    incomeMaxCents: t.incomeMaxCents,
    incomeMaxInclusive: t.incomeMaxInclusive,
    householdLimits,
    conditions: t.conditions ? parseConditions(t.conditions) : null,
    copayCapCents: t.copayCapCents,
    discountPercent: t.discountPercent,
    notes: t.notes,
  };
}

// ------------------------------------------------------------------ checks

/** The day of the `years`-th birthday (29 February → 1 March in a common year, as periodEnd counts). */
export function birthdayOn(birthDate: string, years: number): string {
  return years === 0 ? birthDate : addDays(periodEnd(birthDate, { amount: years, unit: 'YEARS' }), 1);
}

function meets(birthDate: string, on: string, c: { op: AgeOp; years: number }): boolean {
  switch (c.op) {
    case '<':
      return on < birthdayOn(birthDate, c.years);
    case '<=':
      return on < birthdayOn(birthDate, c.years + 1);
    case '>=':
      return on >= birthdayOn(birthDate, c.years);
    case '>':
      return on > birthdayOn(birthDate, c.years);
  }
}

export const ageRuleMet = (rule: AgeRule, birthDate: string, on: string): boolean =>
  rule.some((clause) => clause.every((c) => meets(birthDate, on, c)));

const OP_TEXT: Record<AgeOp, string> = {
  '<': 'meno di',
  '<=': 'fino a',
  '>': 'più di',
  '>=': 'almeno',
};

/** "meno di 6 anni o più di 65 anni". */
export const describeAgeRule = (rule: AgeRule): string =>
  rule.map((clause) => clause.map((c) => `${OP_TEXT[c.op]} ${c.years} anni`).join(' e ')).join(' o ');

/** The income range of a code as a sentence: "oltre 8.000,00 € e fino a 13.000,00 €". */
export function describeIncomeRange(
  r: Pick<RegionalCode, 'incomeOverCents' | 'incomeMaxCents' | 'incomeMaxInclusive'>,
): string {
  const parts: string[] = [];
  if (r.incomeOverCents !== null) parts.push(`oltre ${formatEuroCents(r.incomeOverCents)}`);
  if (r.incomeMaxCents !== null)
    parts.push(`${r.incomeMaxInclusive ? 'fino a' : 'inferiore a'} ${formatEuroCents(r.incomeMaxCents)}`);
  return parts.join(' e ');
}

export const householdLimitFor = (limits: HouseholdLimit[], size: number): HouseholdLimit | undefined =>
  limits.find((l) => size >= l.minSize && (l.maxSize === null || size <= l.maxSize));

/** What the counter records for a regional code; amounts in euro cents, dates ISO. */
export interface RegionalFacts {
  birthDate: string | null;
  incomeCents?: number | null | undefined;
  householdSize?: number | null | undefined;
  condition?: string | null | undefined;
  permitIssuedOn?: string | null | undefined;
  cardIssuedOn?: string | null | undefined;
}

/** Income cut-off as "MM-DD" (the page: 31 March of the following year). */
export const DEFAULT_REGIONAL_CUTOFF = '03-31';

const referenceDate = (d: Extract<RegionalDuration, { kind: 'MONTHS' }>, f: RegionalFacts) =>
  d.from === 'PERMIT' ? f.permitIssuedOn : d.from === 'CARD' ? f.cardIssuedOn : null;

export const REFERENCE_FIELD = { PERMIT: 'permitIssuedOn', CARD: 'cardIssuedOn' } as const;
const REFERENCE_LABEL = {
  PERMIT: 'del rilascio del permesso di soggiorno (o cedolino, modulo C3, attestato della Questura)',
  CARD: 'del rilascio del tesserino',
} as const;

/**
 * The rules of `rc` on `today` (Rome): the problems, each on its field with the rule and the figure;
 * an empty list when every rule is met.
 */
export function regionalRuleIssues(rc: RegionalCode, f: RegionalFacts, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (rc.age || rc.duration.kind === 'BIRTHDAY') {
    if (!f.birthDate) {
      issues.push({ field: 'birthDate', message: `Per il codice ${rc.code} serve la data di nascita.` });
    } else if (rc.age && !ageRuleMet(rc.age, f.birthDate, today)) {
      issues.push({
        field: 'birthDate',
        message: `Il codice ${rc.code} è per chi ha ${describeAgeRule(rc.age)}: l'assistito è nato il ${formatItalianDate(f.birthDate)}.`,
      });
    }
  }
  if (rc.incomeMeasure) {
    const measure = INCOME_MEASURE_LABELS[rc.incomeMeasure];
    const income = f.incomeCents;
    if (income === null || income === undefined) {
      issues.push({ field: 'incomeCents', message: `Per il codice ${rc.code} va dichiarato il ${measure}.` });
    } else {
      if (rc.incomeOverCents !== null && income <= rc.incomeOverCents) {
        issues.push({
          field: 'incomeCents',
          message: `Il codice ${rc.code} richiede ${measure} ${describeIncomeRange(rc)}: dichiarato ${formatEuroCents(income)}, non oltre ${formatEuroCents(rc.incomeOverCents)}.`,
        });
      }
      if (rc.incomeMaxCents !== null) {
        const over = rc.incomeMaxInclusive ? income > rc.incomeMaxCents : income >= rc.incomeMaxCents;
        if (over)
          issues.push({
            field: 'incomeCents',
            message: `Il codice ${rc.code} richiede ${measure} ${describeIncomeRange(rc)}: dichiarato ${formatEuroCents(income)}, oltre il limite.`,
          });
      }
      if (rc.householdLimits) {
        const size = f.householdSize;
        const limit = size ? householdLimitFor(rc.householdLimits, size) : undefined;
        if (!size || !limit) {
          issues.push({
            field: 'householdSize',
            message: `Per il codice ${rc.code} va indicato il numero dei componenti del nucleo familiare fiscale (almeno 1).`,
          });
        } else if (income > limit.maxCents) {
          issues.push({
            field: 'incomeCents',
            message: `Il codice ${rc.code} con un nucleo di ${size} componenti richiede un ${measure} fino a ${formatEuroCents(limit.maxCents)}: dichiarato ${formatEuroCents(income)}.`,
          });
        }
      }
    }
  }
  if (rc.conditions) {
    const keys = rc.conditions.map((c) => c.key);
    if (!f.condition || !keys.includes(f.condition)) {
      issues.push({
        field: 'condition',
        message: `Il codice ${rc.code} richiede una delle condizioni dell'elenco: ${rc.conditions.map((c) => c.label.toLowerCase()).join('; ')}.`,
      });
    }
  }
  if (rc.duration.kind === 'MONTHS' && rc.duration.from !== 'ISSUE') {
    const field = REFERENCE_FIELD[rc.duration.from];
    const ref = referenceDate(rc.duration, f);
    if (!ref) {
      issues.push({
        field,
        message: `Per il codice ${rc.code} serve la data ${REFERENCE_LABEL[rc.duration.from]}.`,
      });
    } else if (ref > today) {
      issues.push({
        field,
        message: `La data ${REFERENCE_LABEL[rc.duration.from]} non può essere successiva a oggi.`,
      });
    } else {
      const last = periodEnd(ref, { amount: rc.duration.months, unit: 'MONTHS' });
      if (last < today)
        issues.push({
          field,
          message: `Il codice ${rc.code} vale ${rc.duration.months} mesi dalla data ${REFERENCE_LABEL[rc.duration.from]} (${formatItalianDate(ref)}): il periodo è terminato il ${formatItalianDate(last)}.`,
        });
    }
  }
  if (rc.duration.kind === 'BIRTHDAY' && f.birthDate) {
    const last = addDays(birthdayOn(f.birthDate, rc.duration.years), -1);
    if (last < today && !issues.some((i) => i.field === 'birthDate'))
      issues.push({
        field: 'birthDate',
        message: `Il codice ${rc.code} vale fino al giorno prima del ${rc.duration.years}° compleanno (${formatItalianDate(last)}).`,
      });
  }
  return issues;
}

/**
 * The validity of a code issued on `today` whose rules are met: from today to the end its duration
 * gives, capped by the catalogue's end of the code. `cutoff` "MM-DD": the income cut-off of the
 * following year.
 */
export function regionalValidity(
  rc: RegionalCode,
  f: RegionalFacts,
  today: string,
  opts: { cutoff?: string; catalogValidUntil?: string | null } = {},
): { validFrom: string; validUntil: string } {
  const d = rc.duration;
  let until: string;
  if (d.kind === 'CUTOFF') {
    until = `${Number(today.slice(0, 4)) + 1}-${opts.cutoff ?? DEFAULT_REGIONAL_CUTOFF}`;
  } else if (d.kind === 'MONTHS') {
    const ref = d.from === 'ISSUE' ? today : referenceDate(d, f);
    if (!ref) throw new RangeError(`manca la data di riferimento della durata di ${rc.code}`);
    until = periodEnd(ref, { amount: d.months, unit: 'MONTHS' });
  } else {
    if (!f.birthDate) throw new RangeError(`manca la data di nascita per la durata di ${rc.code}`);
    until = addDays(birthdayOn(f.birthDate, d.years), -1);
  }
  const cap = opts.catalogValidUntil;
  if (cap && cap < until) until = cap;
  return { validFrom: today, validUntil: until };
}
