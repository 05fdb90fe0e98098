/**
 * Reads data/exemption-durations.csv: one duration per code, each with the source it is cited from
 * (docs/domain.md §1.1–1.3). Checked row by row with the domain's rule before anything is written; a
 * data directory without the file (a test fixture) has no durations.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { CODE_DURATION_UNITS, codeDurationProblem, type CodeDurationUnit } from '@esenzioni/domain';
import { parseCsvRecords } from './csv.js';
import type { DurationInsert } from '../db/repositories/durations.js';

export const DURATIONS_FILE = 'exemption-durations.csv';

const amountOf = (text: string, where: string): number | null => {
  if (text.trim() === '') return null;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new Error(`${where}: durata non intera "${text}"`);
  return n;
};

export async function readDurations(dataDir: string): Promise<DurationInsert[]> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dataDir, DURATIONS_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return parseCsvRecords(text).map((r, i) => {
    const where = `${DURATIONS_FILE} riga ${i + 2}`;
    const unit = (r.unit ?? '').trim();
    if (!(CODE_DURATION_UNITS as readonly string[]).includes(unit))
      throw new Error(`${where}: unità non valida "${unit}"`);
    const source = (r.source ?? '').trim();
    if (!source) throw new Error(`${where}: manca la fonte`);
    const row = {
      code: (r.code ?? '').trim(),
      minAmount: amountOf(r.min_amount ?? '', where),
      maxAmount: amountOf(r.max_amount ?? '', where),
      unit: unit as CodeDurationUnit,
      fromBirth: (r.from_birth ?? '').trim() === 'true',
      source: `${DURATIONS_FILE}: ${source}`,
    };
    const problem = codeDurationProblem(row);
    if (problem || !row.code) throw new Error(`${where}: ${problem ?? 'manca il codice'}`);
    return row;
  });
}
