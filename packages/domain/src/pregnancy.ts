/**
 * The pregnancy code a prescriber writes on the prescription (docs/domain.md §1.6, and the ASL page,
 * docs/asl-page.md): M00 before conception, "M + settimana di gravidanza" M01–M41 for a physiological
 * pregnancy, M99 when the week cannot be stated, M50 (gravidanza a rischio) only for a specialist.
 * There is no case and no attestato: this only computes the code.
 */
import type { Role } from './enums.js';

/** The last week of pregnancy with its own code (M41). */
export const LAST_PREGNANCY_WEEK = 41;

export const PREGNANCY_SITUATIONS = [
  'WEEK',
  'LAST_PERIOD',
  'UNKNOWN_WEEK',
  'PRECONCEPTION',
  'AT_RISK',
] as const;
export type PregnancySituation = (typeof PREGNANCY_SITUATIONS)[number];

export const PREGNANCY_SITUATION_LABELS: Record<PregnancySituation, string> = {
  WEEK: 'Settimana di gravidanza nota',
  LAST_PERIOD: 'Data dell’ultima mestruazione',
  UNKNOWN_WEEK: 'Settimana non determinabile',
  PRECONCEPTION: 'Epoca pre-concezionale',
  AT_RISK: 'Gravidanza a rischio (solo specialista)',
};

/** Who may look a pregnancy code up: the prescribers. M50 only the specialist. */
export const PREGNANCY_ROLES: readonly Role[] = ['GP', 'SPECIALIST'];

export type PregnancyInput =
  | { situation: 'WEEK'; week: number }
  | { situation: 'LAST_PERIOD'; lastPeriod: string }
  | { situation: 'UNKNOWN_WEEK' }
  | { situation: 'PRECONCEPTION' }
  | { situation: 'AT_RISK' };

export type PregnancyOutcome =
  | { ok: true; code: string; week: number | null }
  | { ok: false; field: 'week' | 'lastPeriod' | 'situation'; message: string; forbidden?: true };

const DAY_MS = 86_400_000;

/**
 * The week in progress on `today` for a last menstrual period on `lastPeriod` (both `YYYY-MM-DD`):
 * days 0–6 from its first day are week 1, days 7–13 week 2, … (so 77 days = 11 weeks completed → week 12).
 */
export function pregnancyWeekFromLastPeriod(lastPeriod: string, today: string): number {
  const days = Math.round(
    (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${lastPeriod}T00:00:00Z`)) / DAY_MS,
  );
  return Math.floor(days / 7) + 1;
}

export const pregnancyCodeOfWeek = (week: number): string => `M${String(week).padStart(2, '0')}`;

/** The code for the prescriber's answer, or why there is none (in Italian, naming the field). */
export function pregnancyCode(input: PregnancyInput, role: Role, today: string): PregnancyOutcome {
  switch (input.situation) {
    case 'PRECONCEPTION':
      return { ok: true, code: 'M00', week: null };
    case 'UNKNOWN_WEEK':
      return { ok: true, code: 'M99', week: null };
    case 'AT_RISK':
      return role === 'SPECIALIST'
        ? { ok: true, code: 'M50', week: null }
        : {
            ok: false,
            field: 'situation',
            forbidden: true,
            message:
              'Il codice M50 (gravidanza a rischio) lo appone il medico specialista di struttura pubblica.',
          };
    case 'WEEK': {
      const w = input.week;
      if (!Number.isInteger(w) || w < 1 || w > LAST_PREGNANCY_WEEK)
        return {
          ok: false,
          field: 'week',
          message: `La settimana di gravidanza va da 1 a ${LAST_PREGNANCY_WEEK}.`,
        };
      return { ok: true, code: pregnancyCodeOfWeek(w), week: w };
    }
    case 'LAST_PERIOD': {
      if (input.lastPeriod > today)
        return {
          ok: false,
          field: 'lastPeriod',
          message: 'La data dell’ultima mestruazione non può essere nel futuro.',
        };
      const w = pregnancyWeekFromLastPeriod(input.lastPeriod, today);
      if (w > LAST_PREGNANCY_WEEK)
        return {
          ok: false,
          field: 'lastPeriod',
          message: `Dalla data indicata risulta la ${w}ª settimana: i codici arrivano alla ${LAST_PREGNANCY_WEEK}ª (M${LAST_PREGNANCY_WEEK}). Verificare la data o usare M99.`,
        };
      return { ok: true, code: pregnancyCodeOfWeek(w), week: w };
    }
  }
}
