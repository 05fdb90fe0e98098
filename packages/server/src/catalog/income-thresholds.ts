/**
 * Reads data/income-thresholds.csv (issue 12 §1): the income limits of E01, E02, E04 in euro cents, by
 * code and the day they apply from, each with its source (docs/domain.md §1.1). A new decree is a new
 * row; the rule picks the row in force on the declaration date. Checked row by row before anything is
 * written; a data directory without the file (a test fixture) has no thresholds.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { isIncomeCode } from '@esenzioni/domain';
import { parseCsvRecords } from './csv.js';
import type { IncomeThresholdRow } from '../db/repositories/self-declarations.js';

export const INCOME_THRESHOLDS_FILE = 'income-thresholds.csv';

const centsOf = (text: string | undefined, where: string, required: boolean): number | null => {
  const t = (text ?? '').trim();
  if (t === '') {
    if (required) throw new Error(`${where}: manca l'importo in centesimi`);
    return null;
  }
  if (!/^\d+$/.test(t)) throw new Error(`${where}: importo non in centesimi interi "${t}"`);
  return Number(t);
};

export async function readIncomeThresholds(dataDir: string): Promise<IncomeThresholdRow[]> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dataDir, INCOME_THRESHOLDS_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const seen = new Set<string>();
  return parseCsvRecords(text).map((r, i) => {
    const where = `${INCOME_THRESHOLDS_FILE} riga ${i + 2}`;
    const code = (r.code ?? '').trim();
    if (!isIncomeCode(code)) throw new Error(`${where}: codice non di reddito "${code}"`);
    const validFrom = (r.valid_from ?? '').trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(validFrom)) throw new Error(`${where}: data non valida "${validFrom}"`);
    if (seen.has(`${code}|${validFrom}`))
      throw new Error(`${where}: riga ripetuta per ${code} dal ${validFrom}`);
    seen.add(`${code}|${validFrom}`);
    const source = (r.source ?? '').trim();
    if (!source) throw new Error(`${where}: manca la fonte`);
    return {
      code,
      validFrom,
      baseCents: centsOf(r.base_cents, where, true)!,
      spouseCents: centsOf(r.spouse_cents, where, false),
      perChildCents: centsOf(r.per_child_cents, where, false),
      source: `${INCOME_THRESHOLDS_FILE}: ${source}`,
    };
  });
}
