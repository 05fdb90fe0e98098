/**
 * The key operators search names by: upper case, accents removed ("Niccolò" → "NICCOLO"), so a
 * search typed without accents finds the name however it was written. Stored beside each case.
 */
export const searchKey = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase()
    .trim();
