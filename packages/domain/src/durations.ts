/**
 * How long an exemption issued for a code lasts (docs/domain.md §1.2–1.3, issue 11): a duration per
 * code — minimum and maximum in one unit (days, months, years) or unlimited, counted from the
 * validation date or from the birth date (040, newborns: "first three years of life", DM 329/1999
 * art. 4 c.3) — with the source it comes from. Lookup: the exact code (013.250), then its base code
 * (013), then only the catalogue's own end of validity. The validity is computed once, at validation,
 * and stored: a duration changed later applies only to validations after the change.
 */
import { OPEN_END, periodEnd, type DurationUnit } from './validity.js';

/** The units of a code's duration: a span (days, months, years) or no limit. */
export const CODE_DURATION_UNITS = ['DAYS', 'MONTHS', 'YEARS', 'UNLIMITED'] as const;
export type CodeDurationUnit = (typeof CODE_DURATION_UNITS)[number];

/** Italian labels, for messages and screens. */
export const CODE_DURATION_UNIT_LABELS: Record<CodeDurationUnit, string> = {
  DAYS: 'giorni',
  MONTHS: 'mesi',
  YEARS: 'anni',
  UNLIMITED: 'senza scadenza',
};

export interface CodeDuration {
  code: string;
  /** the shortest validity an attestato may have (e.g. DM 23/11/2012); null: none stated */
  minAmount: number | null;
  /** the validity of an issued exemption; null with a minimum: the minimum is the validity */
  maxAmount: number | null;
  unit: CodeDurationUnit;
  /** counted from the birth date instead of the validation date */
  fromBirth: boolean;
}

/** Why a duration is not acceptable (Italian, for the form), or null. */
export function codeDurationProblem(d: Omit<CodeDuration, 'code'>): string | null {
  const amounts = [d.minAmount, d.maxAmount].filter((a): a is number => a !== null);
  if (d.unit === 'UNLIMITED') {
    if (amounts.length > 0) return 'Una durata "senza scadenza" non ha minimo né massimo.';
    if (d.fromBirth) return 'Una durata "senza scadenza" non si conta dalla nascita.';
    return null;
  }
  if (amounts.length === 0) return 'Indicare la durata minima o massima.';
  if (amounts.some((a) => !Number.isInteger(a) || a < 1)) return 'La durata è un numero intero da 1 in su.';
  if (d.minAmount !== null && d.maxAmount !== null && d.minAmount > d.maxAmount)
    return 'La durata minima non può superare la massima.';
  return null;
}

/** The duration that applies to `code`: the exact code's, else its base code's, else none. */
export function pickDuration<T extends { code: string }>(
  code: string,
  baseCode: string | null | undefined,
  rows: readonly T[],
): T | null {
  return (
    rows.find((r) => r.code === code) ?? (baseCode ? rows.find((r) => r.code === baseCode) : null) ?? null
  );
}

/** The span of a duration (its maximum, else its minimum); null when it sets no limit. */
export function durationSpan(d: CodeDuration): { amount: number; unit: DurationUnit } | null {
  if (d.unit === 'UNLIMITED') return null;
  const amount = d.maxAmount ?? d.minAmount;
  return amount === null ? null : { amount, unit: d.unit };
}

/**
 * The last day a duration counted from birth allows (040: the day before the third birthday), or null
 * when the duration is not counted from birth or sets no limit.
 */
export function lastDayFromBirth(d: CodeDuration | null, birthDate: string | null): string | null {
  if (!d?.fromBirth) return null;
  const span = durationSpan(d);
  if (!span) return null;
  if (!birthDate) throw new RangeError(`durata dalla nascita senza data di nascita: ${d.code}`);
  return periodEnd(birthDate, span);
}

/**
 * The end of an exemption issued on `validFrom`: by the duration (from `validFrom`, or from the birth
 * date), capped by the catalogue's end of validity of the code; null when neither sets an end.
 */
export function issuedUntil(
  validFrom: string,
  duration: CodeDuration | null,
  catalogValidUntil: string | null,
  birthDate: string | null = null,
): string | null {
  const catalogEnd = catalogValidUntil && catalogValidUntil !== OPEN_END ? catalogValidUntil : null;
  const span = duration ? durationSpan(duration) : null;
  const byDuration =
    duration && span
      ? duration.fromBirth
        ? lastDayFromBirth(duration, birthDate)
        : periodEnd(validFrom, span)
      : null;
  if (byDuration && catalogEnd) return byDuration < catalogEnd ? byDuration : catalogEnd;
  return byDuration ?? catalogEnd;
}

/** A code counted from birth can no longer be issued once its last day is before `today`. */
export function pastBirthLimit(
  d: CodeDuration | null,
  birthDate: string | null,
  today: string,
): string | null {
  const last = lastDayFromBirth(d, birthDate);
  return last !== null && last < today ? last : null;
}
