/**
 * The MEF list file (docs/mef-list.md): UTF-8 text, one header line `codice_fiscale;codice_esenzione;anno`,
 * then one person and code per line, `;` separated (`,` is accepted too), every line of the same year.
 * A line that does not fit is rejected with its number and reason (never its content: it holds a fiscal
 * code) and the rest is loaded. Read line by line from a stream, handed on in batches.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fiscalCodeProblem, MEF_LIST_CODES } from '@esenzioni/domain';

export const MEF_HEADER = ['codice_fiscale', 'codice_esenzione', 'anno'] as const;
const CODES = new Set<string>(MEF_LIST_CODES);
const YEAR = /^\d{4}$/;

export interface MefBatch {
  fiscalCodes: string[];
  codes: string[];
  /** lines read so far (header excluded) */
  rowsRead: number;
  bytesRead: number;
}

export interface Rejected {
  line: number;
  reason: string;
}

export class MefFileError extends Error {}

export interface MefReadResult {
  year: number | null;
  rowsRead: number;
  rejected: number;
  rejectedSample: Rejected[];
}

/**
 * Reads the file, calling `onBatch` every `batchSize` accepted rows (and once at the end); `onYear`
 * once, with the year of the first accepted row (it may refuse the whole file by throwing).
 */
export async function readMefList(
  input: Readable,
  opts: {
    batchSize: number;
    onYear: (year: number) => Promise<void> | void;
    onBatch: (b: MefBatch) => Promise<void>;
    sampleSize?: number;
  },
): Promise<MefReadResult> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let bytes = 0;
  let rowsRead = 0;
  let rejected = 0;
  const sample: Rejected[] = [];
  let year: number | null = null;
  let yearText = '';
  let fiscalCodes: string[] = [];
  let codes: string[] = [];
  const reject = (reason: string) => {
    rejected += 1;
    if (sample.length < (opts.sampleSize ?? 20)) sample.push({ line: lineNo, reason });
  };
  for await (const raw of lines) {
    lineNo += 1;
    bytes += raw.length + 1;
    const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (lineNo === 1) {
      const header = line
        .split(/[;,]/)
        .map((h) => h.trim().toLowerCase())
        .join(';');
      if (header !== MEF_HEADER.join(';'))
        throw new MefFileError(
          `Intestazione non valida: la prima riga deve essere «${MEF_HEADER.join(';')}» (docs/mef-list.md).`,
        );
      continue;
    }
    if (line.trim() === '') continue;
    rowsRead += 1;
    const parts = line.split(line.includes(';') ? ';' : ',');
    if (parts.length !== 3) {
      reject('la riga deve avere tre campi: codice fiscale, codice esenzione, anno');
      continue;
    }
    const cf = parts[0]!.trim().toUpperCase();
    const code = parts[1]!.trim().toUpperCase();
    const y = parts[2]!.trim();
    if (fiscalCodeProblem(cf) !== null) {
      reject('codice fiscale non valido');
      continue;
    }
    if (!CODES.has(code)) {
      reject(`codice esenzione non previsto nell'elenco MEF (ammessi: ${MEF_LIST_CODES.join(', ')})`);
      continue;
    }
    if (!YEAR.test(y)) {
      reject('anno non valido (quattro cifre)');
      continue;
    }
    if (year === null) {
      await opts.onYear(Number(y));
      year = Number(y);
      yearText = y;
    } else if (y !== yearText) {
      reject(`anno diverso da quello dell'elenco (${yearText})`);
      continue;
    }
    fiscalCodes.push(cf);
    codes.push(code);
    if (fiscalCodes.length >= opts.batchSize) {
      await opts.onBatch({ fiscalCodes, codes, rowsRead, bytesRead: bytes });
      fiscalCodes = [];
      codes = [];
    }
  }
  if (lineNo === 0) throw new MefFileError('Il file è vuoto.');
  await opts.onBatch({ fiscalCodes, codes, rowsRead, bytesRead: bytes });
  return { year, rowsRead, rejected, rejectedSample: sample };
}
