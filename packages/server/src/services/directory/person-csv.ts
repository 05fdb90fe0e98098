/**
 * The registry of assistiti as a CSV file (docs/person-directory.md): UTF-8 text, a header line
 * `codice_fiscale;cognome;nome;data_nascita;sesso;comune_residenza;asl;distretto;medico;stato`, then one
 * person per line, `;` separated. A line that does not fit is rejected with its number and reason (never
 * its content: it holds a fiscal code) and the rest is loaded. Read line by line, handed on in batches.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fiscalCodeProblem, type AssistanceStatus } from '@esenzioni/domain';

/** AAAA-MM-GG and a real day of the calendar. */
const isIsoDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

export const PERSON_HEADER = [
  'codice_fiscale',
  'cognome',
  'nome',
  'data_nascita',
  'sesso',
  'comune_residenza',
  'asl',
  'distretto',
  'medico',
  'stato',
] as const;

export interface PersonLine {
  fiscalCode: string;
  lastName: string;
  firstName: string;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  comune: string | null;
  aslId: string;
  districtId: string | null;
  gpFiscalCode: string | null;
  status: AssistanceStatus;
}

export interface PersonBatch {
  lines: PersonLine[];
  /** lines read so far (header excluded) and bytes */
  rowsRead: number;
  bytesRead: number;
}

export class PersonFileError extends Error {}

export interface PersonReadResult {
  rowsRead: number;
  accepted: number;
  rejected: number;
  rejectedSample: Array<{ line: number; reason: string }>;
}

const ISTAT = /^\d{6}$/;
const NAME_MAX = 100;
// a control character (the staging rows are joined with one): the line is rejected
const hasControl = (v: string): boolean => {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 32 || c === 127) return true;
  }
  return false;
};
const STATUS: Record<string, AssistanceStatus> = { A: 'ASSISTED', C: 'CEASED' };

/** The reason a line is refused, or its parsed values. */
export function parsePersonLine(
  cells: string[],
  known: { asl: ReadonlySet<string>; districtAsl: ReadonlyMap<string, string> },
): PersonLine | string {
  if (cells.length !== PERSON_HEADER.length)
    return `attesi ${PERSON_HEADER.length} campi separati da «;», trovati ${cells.length}`;
  const [cf, last, first, birth, sex, comune, asl, district, gp, status] = cells.map((c) => c.trim()) as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const fiscalCode = cf.toUpperCase();
  if (fiscalCodeProblem(fiscalCode)) return 'codice fiscale non valido';
  if (!last || !first) return 'cognome e nome obbligatori';
  if (last.length > NAME_MAX || first.length > NAME_MAX) return `cognome o nome oltre ${NAME_MAX} caratteri`;
  if (hasControl(last) || hasControl(first)) return 'caratteri di controllo in cognome o nome';
  if (birth && !isIsoDate(birth)) return 'data di nascita non valida (AAAA-MM-GG)';
  if (sex && sex !== 'M' && sex !== 'F') return 'sesso: M o F';
  if (comune && !ISTAT.test(comune)) return 'comune di residenza: codice ISTAT di 6 cifre';
  if (!known.asl.has(asl)) return 'ASL sconosciuta';
  if (district && known.districtAsl.get(district) !== asl) return "distretto sconosciuto o di un'altra ASL";
  const gpCf = gp.toUpperCase();
  if (gpCf && fiscalCodeProblem(gpCf)) return 'codice fiscale del medico non valido';
  const st = STATUS[status.toUpperCase()];
  if (!st) return 'stato: A (assistito) o C (assistenza cessata)';
  return {
    fiscalCode,
    lastName: last.toUpperCase(),
    firstName: first.toUpperCase(),
    birthDate: birth || null,
    sex: (sex || null) as 'M' | 'F' | null,
    comune: comune || null,
    aslId: asl,
    districtId: district || null,
    gpFiscalCode: gpCf || null,
    status: st,
  };
}

/** Reads the file, calling `onBatch` every `batchSize` accepted lines (and once at the end). */
export async function readPersonFile(
  input: Readable,
  opts: {
    batchSize: number;
    known: { asl: ReadonlySet<string>; districtAsl: ReadonlyMap<string, string> };
    onBatch: (b: PersonBatch) => Promise<void>;
    sampleSize?: number;
  },
): Promise<PersonReadResult> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let bytes = 0;
  let rowsRead = 0;
  let accepted = 0;
  let rejected = 0;
  const sample: Array<{ line: number; reason: string }> = [];
  let batch: PersonLine[] = [];
  for await (const raw of lines) {
    lineNo += 1;
    bytes += Buffer.byteLength(raw) + 1;
    if (lineNo === 1) {
      const header = raw
        .replace(/^\uFEFF/, '')
        .split(';')
        .map((h) => h.trim().toLowerCase())
        .join(';');
      if (header !== PERSON_HEADER.join(';'))
        throw new PersonFileError(
          `Intestazione non valida: la prima riga deve essere «${PERSON_HEADER.join(';')}» (docs/person-directory.md).`,
        );
      continue;
    }
    if (raw.trim() === '') continue;
    rowsRead += 1;
    const parsed = parsePersonLine(raw.split(';'), opts.known);
    if (typeof parsed === 'string') {
      rejected += 1;
      if (sample.length < (opts.sampleSize ?? 20)) sample.push({ line: lineNo, reason: parsed });
      continue;
    }
    accepted += 1;
    batch.push(parsed);
    if (batch.length >= opts.batchSize) {
      await opts.onBatch({ lines: batch, rowsRead, bytesRead: bytes });
      batch = [];
    }
  }
  await opts.onBatch({ lines: batch, rowsRead, bytesRead: bytes });
  return { rowsRead, accepted, rejected, rejectedSample: sample };
}
