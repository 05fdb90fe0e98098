/**
 * A generated MEF list (docs/mef-list.md) for the bench and the tests: `rows` distinct, valid fiscal
 * codes (surname and name letters from the row number, so unique by construction; a birth date in the
 * 1940s–1990s; Torino; the check character of the domain), each with E01, E03 or E04 and the year.
 * `offset` shifts the numbering, so two lists can share or not share people.
 */
import { checkCharacter } from '../../packages/domain/src/fiscal-code.js';

const MONTHS = 'ABCDEHLMPRST';
const LETTERS = 'BCDFGHJKLMNPQRSTVWXZ';
const CODES = ['E01', 'E03', 'E04'] as const;

/** The fiscal code of person number n (0 ≤ n < 20^6). */
export function mefFiscalCode(n: number): string {
  let k = n;
  let letters = '';
  for (let i = 0; i < 6; i++) {
    letters += LETTERS[k % 20];
    k = Math.floor(k / 20);
  }
  const yy = String(40 + (n % 55)).padStart(2, '0');
  const month = MONTHS[n % 12];
  const day = String(1 + (n % 28) + (n % 2 === 0 ? 0 : 40)).padStart(2, '0');
  const first15 = `${letters}${yy}${month}${day}L219`;
  return first15 + checkCharacter(first15);
}

export const mefCodeOf = (n: number) => CODES[n % 3]!;

/** The lines of a list (header first), `\n`-terminated, in chunks of about 1 MB. */
export function* mefListChunks(rows: number, year: number, offset = 0): Generator<string> {
  let chunk = 'codice_fiscale;codice_esenzione;anno\n';
  for (let i = 0; i < rows; i++) {
    const n = offset + i;
    chunk += `${mefFiscalCode(n)};${mefCodeOf(n)};${year}\n`;
    if (chunk.length > 1_000_000) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export const mefListText = (rows: number, year: number, offset = 0) =>
  [...mefListChunks(rows, year, offset)].join('');
