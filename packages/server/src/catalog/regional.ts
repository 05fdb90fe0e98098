/**
 * Reads the Region's codes, data/regional-codes-<REGION>.csv (issue 12 §6): regional configuration
 * taken from the ASL page and docs/domain.md, not national data (data/SOURCES.md). Every row is checked
 * with the domain's notations (domain/regional.ts) before anything is written; a code the national
 * catalogue already has is refused, so a regional file never rewrites national data. Each row becomes an
 * exemption_code row (type REG) and a regional_code row with its rules.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseRegionalCode, type RegionalCodeText } from '@esenzioni/domain';
import { parseCsvRecords } from './csv.js';
import type { ExemptionCodeRow } from './sources.js';
import type { regionalCode } from '../db/schema.js';

export type RegionalCodeRow = typeof regionalCode.$inferInsert;

/** The REGION setting names the file: `piemonte` → data/regional-codes-piemonte.csv. */
export const regionalCodesFile = (region: string) => `regional-codes-${region}.csv`;

export const DEFAULT_REGION = 'piemonte';

/** The type of a regional code in exemption_code (the national types are the catalogue's cod_tipo). */
export const REGIONAL_TYPE_CODE = 'REG';

const cents = (text: string | undefined, where: string): number | null => {
  const t = (text ?? '').trim();
  if (t === '') return null;
  if (!/^\d+$/.test(t)) throw new Error(`${where}: importo in centesimi non valido "${t}"`);
  return Number(t);
};

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export async function readRegionalCodes(
  dataDir: string,
  region: string,
  nationalCodes: ReadonlySet<string>,
): Promise<{ codes: ExemptionCodeRow[]; rules: RegionalCodeRow[] }> {
  if (!/^[a-z][a-z-]{1,38}$/.test(region)) throw new Error(`REGION non valida: "${region}"`);
  const file = regionalCodesFile(region);
  let text: string;
  try {
    text = await fs.readFile(path.join(dataDir, file), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`REGION=${region}: manca il file dei codici regionali data/${file}`);
    throw e;
  }
  const codes: ExemptionCodeRow[] = [];
  const rules: RegionalCodeRow[] = [];
  const seen = new Set<string>();
  parseCsvRecords(text).forEach((r, i) => {
    const where = `${file} riga ${i + 2}`;
    const col = (name: string) => (r[name] ?? '').trim();
    const source = col('source');
    if (!source) throw new Error(`${where}: manca la fonte`);
    const t: RegionalCodeText = {
      code: col('code'),
      family: col('family'),
      category: col('category'),
      description: col('description'),
      issuedBy: col('issued_by'),
      identifiers: col('identifiers'),
      documents: col('documents'),
      duration: col('duration'),
      age: col('age') || null,
      incomeMeasure: col('income_measure') || null,
      incomeOverCents: cents(r.income_over_cents, where),
      incomeMaxCents: cents(r.income_max_cents, where),
      incomeMaxInclusive: col('income_max_inclusive') !== 'false',
      householdLimits: col('household_limits') || null,
      conditions: col('conditions') || null,
      copayCapCents: cents(r.copay_cap_cents, where),
      discountPercent: cents(r.discount_percent, where),
      notes: col('notes'),
    };
    let parsed;
    try {
      parsed = parseRegionalCode(t);
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message}`);
    }
    if (!t.description) throw new Error(`${where}: manca la descrizione`);
    if (nationalCodes.has(t.code))
      throw new Error(`${where}: ${t.code} è un codice del catalogo nazionale, non regionale`);
    if (seen.has(t.code)) throw new Error(`${where}: codice ${t.code} ripetuto`);
    seen.add(t.code);
    const validFrom = col('valid_from');
    const validUntil = col('valid_until') || null;
    if (!ISO.test(validFrom) || (validUntil !== null && (!ISO.test(validUntil) || validUntil < validFrom)))
      throw new Error(`${where}: date di validità non valide`);
    codes.push({
      code: t.code,
      baseCode: t.code,
      icd9Code: null,
      description: t.description,
      family: parsed.family,
      typeCode: REGIONAL_TYPE_CODE,
      typeLabel: `CODICE REGIONALE (${region.toUpperCase()})`,
      validFrom,
      validUntil,
      assignable: true,
      status: validUntil === null ? 'active' : 'retired',
      source: `${file}: ${source}`,
    });
    rules.push({
      ...t,
      category: parsed.category,
      incomeMeasure: parsed.incomeMeasure,
      region,
      source: `${file}: ${source}`,
    });
  });
  return { codes, rules };
}
