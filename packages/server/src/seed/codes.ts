/**
 * The exemption codes demo cases use, checked against the imported catalogue: only codes that exist,
 * are assignable and still valid are used, with diagnoses that exist in the ICD-9-CM table.
 */
import { pickDuration, type ExemptionFamily } from '@esenzioni/domain';
import type { CodeValidity } from '../db/repositories/case-rows.js';
import { listDurations } from '../db/repositories/durations.js';
import type { Tx } from '../db/client.js';
import { diagnosesIn, exemptionCodesIn } from '../db/repositories/seed.js';

interface Wanted {
  code: string;
  weight: number;
  /** ICD-9-CM codes to choose from; [] = the ICD part of the code itself; 'F'/'M' = only for that sex */
  diagnoses?: readonly (string | readonly [string, 'F' | 'M'])[];
}

// chronic sub-codes carry their ICD-9-CM code; 048 and RF0100 have none, so a plausible one is given
const WANTED: readonly Wanted[] = [
  { code: '048', weight: 12, diagnoses: ['153.9', '162.9', '188.9', ['174.9', 'F'], ['185', 'M']] },
  { code: '013.250', weight: 10 },
  { code: '031.402', weight: 5 },
  { code: '031.403', weight: 2 },
  { code: '054.720.0', weight: 4 },
  { code: '026.252.0', weight: 3 },
  { code: '026.252.1', weight: 2 },
  { code: '044.296.0', weight: 5 },
  { code: '044.295.3', weight: 3 },
  { code: '044.296.4', weight: 2 },
  { code: 'RF0100', weight: 4, diagnoses: ['335.20'] },
  { code: 'RB0010', weight: 2 },
  { code: 'RN1530', weight: 2 },
  { code: 'C01', weight: 4 },
  { code: 'C02', weight: 4 },
  { code: 'C03', weight: 3 },
  { code: 'L01', weight: 2 },
  { code: 'G01', weight: 1 },
  { code: 'E01', weight: 8 },
  { code: 'E02', weight: 4 },
  { code: 'E03', weight: 3 },
  { code: 'E04', weight: 4 },
];

export interface DemoCode extends CodeValidity {
  code: string;
  baseCode: string;
  description: string;
  family: ExemptionFamily;
  weight: number;
  diagnoses: { code: string; description: string; sex?: 'F' | 'M' }[];
}

export async function loadDemoCodes(tx: Tx, today: string): Promise<DemoCode[]> {
  const codes = await exemptionCodesIn(
    tx,
    WANTED.map((w) => w.code),
  );
  const byCode = new Map(codes.map((c) => [c.code, c]));
  const icdWanted = new Set<string>();
  for (const w of WANTED) {
    for (const d of w.diagnoses ?? []) icdWanted.add(typeof d === 'string' ? d : d[0]);
    const own = byCode.get(w.code)?.icd9Code;
    if (own) icdWanted.add(own);
  }
  const icd = await diagnosesIn(tx, [...icdWanted]);
  const icdText = new Map(icd.map((d) => [d.code, d.description]));
  const durations = await listDurations(tx);
  const out: DemoCode[] = [];
  for (const w of WANTED) {
    const c = byCode.get(w.code);
    if (!c || !c.assignable || c.status !== 'active' || (c.validUntil !== null && c.validUntil < today))
      continue;
    const wanted = w.diagnoses ?? (c.icd9Code ? [c.icd9Code] : []);
    const diagnoses = wanted.flatMap((d) => {
      const [code, sex] = typeof d === 'string' ? [d, undefined] : d;
      const description = icdText.get(code);
      return description === undefined ? [] : [{ code, description, ...(sex ? { sex } : {}) }];
    });
    out.push({
      code: c.code,
      baseCode: c.baseCode,
      description: c.description,
      family: c.family,
      validUntil: c.validUntil,
      // the lookup of the product: the code's own duration, else its base code's (durations.ts)
      duration: pickDuration(c.code, c.baseCode, durations),
      weight: w.weight,
      diagnoses,
    });
  }
  if (!out.some((c) => c.family === 'CHRONIC')) {
    throw new Error(
      'Catalogo delle esenzioni incompleto: importare i cataloghi prima dei dati dimostrativi.',
    );
  }
  return out;
}
