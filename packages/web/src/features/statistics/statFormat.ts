/**
 * Italian formats of the statistics (issue 15): counts with the thousands dot, a suppressed cell «< 5», a
 * withheld one «riservato»,
 * months as «gen 2025» (charts) or «gennaio 2025» (tables), days without decimals.
 */
import { SUPPRESSED_LABEL, WITHHELD_LABEL, type StatCount } from '@esenzioni/domain/statistics';

const numberFmt = new Intl.NumberFormat('it-IT');
const monthShortFmt = new Intl.DateTimeFormat('it-IT', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthLongFmt = new Intl.DateTimeFormat('it-IT', { month: 'long', year: 'numeric', timeZone: 'UTC' });

const monthDate = (month: string) => new Date(`${month}-01T00:00:00Z`);

/** A count: null (1–4 people) → «< 5»; withheld (it would give a small cell back) → «riservato». */
export const formatCount = (n: StatCount): string =>
  n === null ? SUPPRESSED_LABEL : typeof n === 'number' ? numberFmt.format(n) : WITHHELD_LABEL;

/** Days of a lead time: null (no case, or a suppressed cell) → «—». */
export const formatDays = (n: number | null): string => (n === null ? '—' : numberFmt.format(n));

export const formatMonthShort = (month: string): string => monthShortFmt.format(monthDate(month));
export const formatMonthLong = (month: string): string => monthLongFmt.format(monthDate(month));

export const formatNumber = (n: number): string => numberFmt.format(n);
