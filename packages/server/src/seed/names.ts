/**
 * Names for demo people, in the style of the CSI manual ("NELLO TRENTASEI", "AUREL VENTIDUE",
 * "BENEDETTO TRENTAQUATTRO"): ordinary first names with number words as surnames, so nobody can take
 * a demo record for a real person.
 */
// prettier-ignore
export const MALE_NAMES = [
  'NELLO', 'AUREL', 'BENEDETTO', 'MARIO', 'GIUSEPPE', 'LUCA', 'MARCO', 'ANDREA', 'PAOLO', 'FRANCESCO',
  'GIOVANNI', 'ROBERTO', 'STEFANO', 'ALESSANDRO', 'LORENZO', 'MATTEO', 'DAVIDE', 'RICCARDO', 'PIETRO',
  'CARLO', 'NICCOLÒ', 'GIAN PIERO',
] as const;

// prettier-ignore
export const FEMALE_NAMES = [
  'MARIA', 'ANNA', 'GIULIA', 'FRANCESCA', 'CHIARA', 'SARA', 'LAURA', 'ELENA', 'PAOLA', 'SILVIA', 'MARTA',
  'VALENTINA', 'ROBERTA', 'FEDERICA', 'ALESSIA', 'CRISTINA', 'NICOLETTA', 'ILARIA', 'ELISA', 'LUCIA',
  'ANNA MARIA', 'NOEMI',
] as const;

const UNITS = ['', 'UNO', 'DUE', 'TRE', 'QUATTRO', 'CINQUE', 'SEI', 'SETTE', 'OTTO', 'NOVE'];
// prettier-ignore
const TEENS = [
  'DIECI', 'UNDICI', 'DODICI', 'TREDICI', 'QUATTORDICI', 'QUINDICI', 'SEDICI', 'DICIASSETTE', 'DICIOTTO',
  'DICIANNOVE',
];
const TENS = [
  '',
  '',
  'VENTI',
  'TRENTA',
  'QUARANTA',
  'CINQUANTA',
  'SESSANTA',
  'SETTANTA',
  'OTTANTA',
  'NOVANTA',
];

/** Italian number word for 1–99 ("VENTUNO", "TRENTOTTO": the tens drop their vowel before UNO/OTTO). */
export function numberWord(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`numero non gestito: ${n}`);
  if (n < 10) return UNITS[n] ?? '';
  if (n < 20) return TEENS[n - 10] ?? '';
  const tens = TENS[Math.floor(n / 10)] ?? '';
  const unit = n % 10;
  if (unit === 1 || unit === 8) return tens.slice(0, -1) + UNITS[unit];
  return tens + (UNITS[unit] ?? '');
}

/** Surnames: the number words from UNDICI to NOVANTANOVE (short ones such as "UNO" read oddly). */
export const SURNAMES: readonly string[] = Array.from({ length: 89 }, (_, i) => numberWord(i + 11));
