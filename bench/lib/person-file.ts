/**
 * A generated registry of assistiti (docs/person-directory.md) for the bench and the tests: `rows`
 * distinct people (the fiscal codes of bench/lib/mef-file.ts), of ASL Città di Torino, district 1, most
 * assisted and one in fifty ceased. `variant` changes the surname of every tenth person (an update).
 * Generated data, never official.
 */
import { mefFiscalCode } from './mef-file.js';

export const PERSON_FILE_HEADER =
  'codice_fiscale;cognome;nome;data_nascita;sesso;comune_residenza;asl;distretto;medico;stato';

/** `district`: a district of ASL 010301 that exists where the file is loaded (tests: 010301-T1; demo: 010301-01). */
export function personLine(n: number, variant = 0, district = '010301-T1'): string {
  const cf = mefFiscalCode(n);
  const yy = Number(cf.slice(6, 8));
  const month = 'ABCDEHLMPRST'.indexOf(cf[8]!) + 1;
  const dd = Number(cf.slice(9, 11));
  const female = dd > 40;
  const birth = `19${yy}-${String(month).padStart(2, '0')}-${String(female ? dd - 40 : dd).padStart(2, '0')}`;
  const surname = variant && n % 10 === 0 ? `PROVA${variant}` : 'PROVA';
  return [
    cf,
    surname,
    `ASSISTITO ${n}`,
    birth,
    female ? 'F' : 'M',
    '001272',
    '010301',
    district,
    '',
    n % 50 === 49 ? 'C' : 'A',
  ].join(';');
}

/** The lines (header first), `\n`-terminated, in chunks of about 1 MB. */
export function* personFileChunks(rows: number, variant = 0): Generator<string> {
  let chunk = `${PERSON_FILE_HEADER}\n`;
  for (let i = 0; i < rows; i++) {
    chunk += `${personLine(i, variant)}\n`;
    if (chunk.length > 1_000_000) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export const personFileText = (rows: number, variant = 0) => [...personFileChunks(rows, variant)].join('');
