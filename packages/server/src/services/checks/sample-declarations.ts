/**
 * The monthly sample of self-declarations to check (art. 71 DPR 445/2000, issue 12 §3): on the month
 * after, for each ASL, `percent` % of the self-declarations issued in the month (rounded up: at least one
 * when any was issued and the percentage is above zero), drawn at random (the draw is injected: tests
 * seed it). Each ASL's sample is written with its record (population, size, percentage, time) in one
 * transaction, once per month: a second run, or a second process, writes nothing. A run also catches up
 * the months of the last year that were never sampled (a server down on the 1st, a first start with
 * earlier declarations): CATCH_UP_MONTHS closed months, the previous one included.
 */
import { todayInRome } from '@esenzioni/domain';
import type { Db } from '../../db/client.js';
import { declarationsOfPeriod, insertSample } from '../../db/repositories/declaration-checks.js';

export const DECLARATION_CHECK_JOB = 'declaration-check-sample';
export const CATCH_UP_MONTHS = 12;

/** `period` (YYYY-MM) moved by `months`. */
export function shiftPeriod(period: string, months: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const k = y * 12 + (m - 1) + months;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

/** The month before the Rome date of `now`, as YYYY-MM. */
export function previousPeriod(now: Date): string {
  const [y, m] = todayInRome(now).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function sampleSize(population: number, percent: number): number {
  if (population === 0 || percent <= 0) return 0;
  return Math.min(population, Math.ceil((population * percent) / 100 - 1e-9));
}

/** `k` distinct items of `items`, drawn with `random` (a partial Fisher–Yates shuffle). */
export function draw<T>(items: readonly T[], k: number, random: () => number): T[] {
  const a = [...items];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, k);
}

export interface SamplingResult {
  /** the months sampled by this run (none: nothing left to sample) */
  periods: string[];
  asls: number;
  population: number;
  sampled: number;
}

export async function runDeclarationSampling(
  db: Db,
  now: Date,
  percent: number,
  random: () => number = Math.random,
  last: string = previousPeriod(now),
): Promise<SamplingResult> {
  const result: SamplingResult = { periods: [], asls: 0, population: 0, sampled: 0 };
  for (let back = CATCH_UP_MONTHS - 1; back >= 0; back--) {
    const period = shiftPeriod(last, -back);
    for (const { aslId, caseIds } of await declarationsOfPeriod(db, period)) {
      const chosen = draw(caseIds, sampleSize(caseIds.length, percent), random);
      const written = await db.transaction((tx) =>
        insertSample(tx, { period, aslId, at: now, percent, population: caseIds.length, caseIds: chosen }),
      );
      if (!written) continue;
      if (!result.periods.includes(period)) result.periods.push(period);
      result.asls += 1;
      result.population += caseIds.length;
      result.sampled += chosen.length;
    }
  }
  return result;
}
