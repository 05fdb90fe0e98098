/**
 * Codice fiscale (persone fisiche), DM 23/12/1976 n. 13813 — see docs/domain.md §3.
 * Syntax, check character and omocodia are checked here; whether the code exists only the registry knows.
 */
import { todayInRome } from './validity.js';

const ODD: Record<string, number> = {
  '0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18,
  N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
}; // prettier-ignore

/** Omocodia substitutions: digit → letter. */
export const OMOCODIA_LETTERS = 'LMNPQRSTUV';
/** 0-based positions that omocodia may turn from digit to letter (1-based 7, 8, 10, 11, 13, 14, 15). */
export const OMOCODIA_POSITIONS = [6, 7, 9, 10, 12, 13, 14] as const;
const MONTH_LETTERS = 'ABCDEHLMPRST';

const evenValue = (ch: string): number => (/[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 65);

/** The check character of the first 15 characters (upper case). */
export function checkCharacter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = first15[i] ?? '';
    // position i+1 is odd when i is even
    sum += i % 2 === 0 ? (ODD[ch] ?? 0) : evenValue(ch);
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** Shape: 6 letters, 2 year, 1 month letter, 2 day, 1 letter + 3 place, 1 check; digits may be omocodic letters. */
const SHAPE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

export type FiscalCodeProblem = 'EMPTY' | 'LENGTH' | 'CHARACTERS' | 'FORMAT' | 'DATE' | 'CHECK_CHARACTER';

export const FISCAL_CODE_MESSAGES: Record<FiscalCodeProblem, string> = {
  EMPTY: 'Inserire il codice fiscale.',
  LENGTH: 'Il codice fiscale deve essere di 16 caratteri.',
  CHARACTERS: 'Il codice fiscale può contenere solo lettere e cifre.',
  FORMAT:
    'Il codice fiscale non ha il formato previsto (cognome, nome, data, comune, carattere di controllo).',
  DATE: 'Il codice fiscale contiene una data di nascita non valida.',
  CHECK_CHARACTER: 'Il carattere di controllo del codice fiscale non è corretto.',
};

/** Upper-cases and strips spaces; the canonical form we store. */
export const normalizeFiscalCode = (raw: string): string => raw.replace(/\s+/g, '').toUpperCase();

/** Turns omocodic letters back into digits (positions 7, 8, 10, 11, 13, 14, 15). */
export function deOmocodize(code: string): string {
  const chars = code.split('');
  for (const p of OMOCODIA_POSITIONS) {
    const ch = chars[p] ?? '';
    const idx = OMOCODIA_LETTERS.indexOf(ch);
    if (idx >= 0) chars[p] = String(idx);
  }
  return chars.join('');
}

/**
 * Last possible day of the month coded in a (de-omocodized) code. 19yy and 20yy are both leap or both
 * not, except yy = 00 (2000 is, 1900 is not): 29 February is accepted whenever either century allows it.
 */
function maxDayOfMonth(plain: string): number {
  const yy = Number(plain.slice(6, 8));
  const month = MONTH_LETTERS.indexOf(plain[8] ?? '') + 1;
  if (month === 2) return yy % 4 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Returns the first problem with a fiscal code, or null when it is syntactically valid. */
export function fiscalCodeProblem(raw: string): FiscalCodeProblem | null {
  const code = normalizeFiscalCode(raw);
  if (code.length === 0) return 'EMPTY';
  if (!/^[A-Z0-9]*$/.test(code)) return 'CHARACTERS';
  if (code.length !== 16) return 'LENGTH';
  if (!SHAPE.test(code)) return 'FORMAT';
  const plain = deOmocodize(code);
  const day = Number(plain.slice(9, 11));
  const dayOfMonth = day > 40 ? day - 40 : day;
  if (dayOfMonth < 1 || dayOfMonth > maxDayOfMonth(plain)) return 'DATE';
  if (checkCharacter(code.slice(0, 15)) !== code[15]) return 'CHECK_CHARACTER';
  return null;
}

export const isValidFiscalCode = (raw: string): boolean => fiscalCodeProblem(raw) === null;

export interface DecodedFiscalCode {
  birthDate: string; // YYYY-MM-DD
  sex: 'M' | 'F';
  birthPlaceCode: string; // Belfiore
}

/**
 * Decodes birth date, sex and Belfiore code. Century: 20yy unless that is after `today` (the calendar
 * day in Europe/Rome), else 19yy. Returns null for a code that is not valid.
 */
export function decodeFiscalCode(raw: string, today: Date = new Date()): DecodedFiscalCode | null {
  const code = normalizeFiscalCode(raw);
  if (fiscalCodeProblem(code) !== null) return null;
  const plain = deOmocodize(code);
  const yy = Number(plain.slice(6, 8));
  const month = MONTH_LETTERS.indexOf(plain[8] ?? '') + 1;
  const dd = Number(plain.slice(9, 11));
  const sex = dd > 40 ? 'F' : 'M';
  const day = dd > 40 ? dd - 40 : dd;
  const pad = (n: number) => String(n).padStart(2, '0');
  const monthDay = `${pad(month)}-${pad(day)}`;
  // compare calendar days in Rome, not instants: just after midnight in Rome it is still yesterday in UTC
  let year = 2000 + yy;
  if (`${year}-${monthDay}` > todayInRome(today)) year -= 100;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null; // 29 February 1900
  return { birthDate: `${year}-${monthDay}`, sex, birthPlaceCode: plain.slice(11, 15) };
}

/** All 2^7 omocodic variants of a valid code (including the code itself, in canonical form). */
export function omocodicVariants(raw: string): string[] {
  const base = deOmocodize(normalizeFiscalCode(raw)).slice(0, 15);
  const out: string[] = [];
  for (let mask = 0; mask < 128; mask++) {
    const chars = base.split('');
    OMOCODIA_POSITIONS.forEach((p, bit) => {
      if (mask & (1 << bit)) chars[p] = OMOCODIA_LETTERS[Number(chars[p])] ?? chars[p] ?? '';
    });
    const first15 = chars.join('');
    out.push(first15 + checkCharacter(first15));
  }
  return out;
}

/** The omocodic variant the Agenzia would assign at level n (1 = rightmost digit substituted). */
export function omocodicLevel(raw: string, level: number): string {
  const chars = deOmocodize(normalizeFiscalCode(raw)).slice(0, 15).split('');
  const rightToLeft = [...OMOCODIA_POSITIONS].reverse();
  for (let i = 0; i < Math.min(level, 7); i++) {
    const p = rightToLeft[i] ?? 0;
    chars[p] = OMOCODIA_LETTERS[Number(chars[p])] ?? chars[p] ?? '';
  }
  const first15 = chars.join('');
  return first15 + checkCharacter(first15);
}
