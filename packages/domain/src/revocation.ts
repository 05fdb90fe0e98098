/**
 * «Revoca» of an issued exemption (issue 11 §4): the last day it holds. The registry answers by date,
 * so a lookup for that day or earlier still finds it (prescriptions already written stay covered), a
 * later one does not.
 */
import { revocationEndDateInvalid } from './errors.js';
import { formatItalianDate } from './validity.js';

export interface RevocablePeriod {
  validFrom: string | null;
  validUntil: string | null;
}

/**
 * The revocation's last day: `requested`, or by default `today` (no later than the exemption's own
 * end). Never before the exemption's start, never after its current end: VALIDATION_FAILED on `endDate`.
 * All dates `YYYY-MM-DD`.
 */
export function revocationLastDay(
  period: RevocablePeriod,
  requested: string | undefined,
  today: string,
): string {
  const { validFrom, validUntil } = period;
  const lastDay = requested ?? (validUntil !== null && validUntil < today ? validUntil : today);
  if (validFrom !== null && lastDay < validFrom) {
    throw revocationEndDateInvalid(
      `La data di fine della revoca non può precedere l’inizio dell’esenzione (${formatItalianDate(validFrom)}).`,
    );
  }
  if (validUntil !== null && lastDay > validUntil) {
    throw revocationEndDateInvalid(
      `La data di fine della revoca non può essere successiva alla scadenza dell’esenzione (${formatItalianDate(validUntil)}).`,
    );
  }
  return lastDay;
}
