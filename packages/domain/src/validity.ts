/**
 * Validity of an issued exemption (docs/domain.md §1.3): from the validation date; until the date given by
 * a per-code duration when the admin set one, capped by the catalogue's end of validity for the code;
 * open-ended (null) otherwise.
 */
export type DurationUnit = 'DAYS' | 'MONTHS' | 'YEARS';

export interface ExemptionDuration {
  amount: number;
  unit: DurationUnit;
}

/** Catalogue "9999-12-31" means no end. */
export const OPEN_END = '9999-12-31';

/**
 * The last day of a period of `d` starting on `isoDate` (inclusive): the day before its anniversary.
 * An anniversary the target month lacks (29/02 in a common year, the 31st of a 30-day month) falls on
 * the 1st of the next month, so the period ends on the target month's last day: 29/02/2024 + 1 year
 * ends on 28/02/2025, 31/01 + 1 month on the last day of February.
 */
export function periodEnd(isoDate: string, d: ExemptionDuration): string {
  // a duration of 0 or less would end the exemption before it starts
  if (!Number.isInteger(d.amount) || d.amount < 1) {
    throw new RangeError(`durata non valida: ${d.amount} ${d.unit}`);
  }
  const [y, m, day] = isoDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, day));
  const shifted = (months: number) => {
    const target = new Date(Date.UTC(y, m - 1 + months, 1));
    const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    // the anniversary exists: the period ends the day before it; it does not: on the month's last day
    target.setUTCDate(day <= lastDay ? day - 1 : lastDay);
    date.setTime(target.getTime());
  };
  switch (d.unit) {
    case 'DAYS':
      date.setUTCDate(date.getUTCDate() + d.amount - 1);
      break;
    case 'MONTHS':
      shifted(d.amount);
      break;
    case 'YEARS':
      shifted(12 * d.amount);
      break;
    default: {
      // units come from the database as text: an unknown one must not silently mean "0"
      const unknown: never = d.unit;
      throw new RangeError(`unità di durata non valida: ${String(unknown)}`);
    }
  }
  return date.toISOString().slice(0, 10);
}

export function computeValidUntil(
  validFrom: string,
  duration: ExemptionDuration | null,
  catalogValidUntil: string | null,
): string | null {
  const catalogEnd = catalogValidUntil && catalogValidUntil !== OPEN_END ? catalogValidUntil : null;
  const byDuration = duration ? periodEnd(validFrom, duration) : null;
  if (byDuration && catalogEnd) return byDuration < catalogEnd ? byDuration : catalogEnd;
  return byDuration ?? catalogEnd;
}

/**
 * The one "in force on date D" rule, for every dated row (issued exemption, delegation, catalogue
 * code): from `validFrom` to `validUntil` inclusive (null: no end), and not revoked. All dates are
 * `YYYY-MM-DD`. Its SQL twin is `inForceOn` (server/src/db/repositories/in-force.ts).
 */
export interface Dated {
  validFrom: string;
  validUntil: string | null;
  /** absent for rows that cannot be revoked (catalogue codes) */
  revokedAt?: Date | string | null;
}

export type ValidityState = 'ACTIVE' | 'NOT_YET_VALID' | 'EXPIRED' | 'REVOKED';

/** Where `row` stands on `date`: revoked, not yet started, over, or in force (ACTIVE). */
export function validityState(row: Dated, date: string): ValidityState {
  if (row.revokedAt) return 'REVOKED';
  if (row.validFrom > date) return 'NOT_YET_VALID';
  if (row.validUntil !== null && row.validUntil < date) return 'EXPIRED';
  return 'ACTIVE';
}

/** Is `row` in force on `date` (inclusive at both ends, never when revoked)? */
export const isInForceOn = (date: string, row: Dated): boolean => validityState(row, date) === 'ACTIVE';

/** The last days of an exemption's validity are "In scadenza" (issue 11; EXPIRY_WARNING_DAYS on the server). */
export const DEFAULT_EXPIRY_WARNING_DAYS = 30;

/** `YYYY-MM-DD` plus `days` (negative: minus), calendar days. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export type ExemptionState = ValidityState | 'EXPIRING';

/**
 * validityState, and EXPIRING for an ACTIVE row in its last `warningDays` days of validity (the last
 * valid day included): with 30, a row valid until 31/12 is EXPIRING from 02/12 to 31/12, EXPIRED from 01/01.
 */
export function exemptionState(
  row: Dated,
  date: string,
  warningDays: number = DEFAULT_EXPIRY_WARNING_DAYS,
): ExemptionState {
  const state = validityState(row, date);
  if (state === 'ACTIVE' && row.validUntil !== null && row.validUntil < addDays(date, warningDays)) {
    return 'EXPIRING';
  }
  return state;
}

/** Built once: constructing an Intl.DateTimeFormat costs far more than formatting with it. */
const ROME_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Europe/Rome as `YYYY-MM-DD`. */
export function todayInRome(now: Date = new Date()): string {
  return ROME_DATE.format(now);
}

/** `YYYY-MM-DD` → `gg/mm/aaaa`. */
export function formatItalianDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** `gg/mm/aaaa` → `YYYY-MM-DD`, or null when it is not a real date. */
export function parseItalianDate(text: string): string | null {
  // gg/mm/aaaa as people type it: 1/1/2022, 01-01-2022, 1.1.2022 (one separator, four-digit year)
  const m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[4]}-${m[3]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}
