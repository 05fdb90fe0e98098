/**
 * Reads the catalogue files of issue 12 §7 and §9 (H1): the aliases of exemption codes
 * (data/exemption-code-aliases.csv), the national codes the catalogue extract lacks
 * (data/exemption-codes-added.csv: R99) and the documents each family asks for
 * (data/family-documents.csv). Every row is checked before anything is written; a data directory
 * without one of the files (a test fixture) has no rows of it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { EXEMPTION_FAMILIES, type ExemptionFamily } from '@esenzioni/domain';
import { parseCsvRecords } from './csv.js';
import type { ExemptionCodeRow } from './sources.js';

export const FIDELITY_FILES = {
  aliases: 'exemption-code-aliases.csv',
  addedCodes: 'exemption-codes-added.csv',
  familyDocuments: 'family-documents.csv',
} as const;

const CODE = /^[0-9A-Z.]{1,20}$/;

async function records(dataDir: string, file: string): Promise<Array<Record<string, string>>> {
  try {
    return parseCsvRecords(await fs.readFile(path.join(dataDir, file), 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

const cell = (r: Record<string, string>, name: string) => (r[name] ?? '').trim();

function need(value: string, where: string, what: string): string {
  if (!value) throw new Error(`${where}: manca ${what}`);
  return value;
}

const familyOf = (value: string, where: string): ExemptionFamily => {
  if (!(EXEMPTION_FAMILIES as readonly string[]).includes(value))
    throw new Error(`${where}: famiglia non valida "${value}"`);
  return value as ExemptionFamily;
};

export interface AliasInsert {
  alias: string;
  code: string;
  source: string;
}

export async function readAliases(dataDir: string): Promise<AliasInsert[]> {
  const file = FIDELITY_FILES.aliases;
  const seen = new Set<string>();
  return (await records(dataDir, file)).map((r, i) => {
    const where = `${file} riga ${i + 2}`;
    const alias = cell(r, 'alias').toUpperCase();
    const code = cell(r, 'code').toUpperCase();
    if (!CODE.test(alias) || alias.includes('.')) throw new Error(`${where}: alias non valido "${alias}"`);
    if (!CODE.test(code)) throw new Error(`${where}: codice non valido "${code}"`);
    if (seen.has(alias)) throw new Error(`${where}: alias ripetuto "${alias}"`);
    seen.add(alias);
    return { alias, code, source: `${file}: ${need(cell(r, 'source'), where, 'la fonte')}` };
  });
}

/** National codes missing from the catalogue extract, each with its source. */
export async function readAddedCodes(dataDir: string): Promise<ExemptionCodeRow[]> {
  const file = FIDELITY_FILES.addedCodes;
  return (await records(dataDir, file)).map((r, i) => {
    const where = `${file} riga ${i + 2}`;
    const code = cell(r, 'code').toUpperCase();
    if (!CODE.test(code)) throw new Error(`${where}: codice non valido "${code}"`);
    const validFrom = cell(r, 'valid_from');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(validFrom)) throw new Error(`${where}: data non valida "${validFrom}"`);
    return {
      code,
      baseCode: cell(r, 'base_code').toUpperCase() || code,
      icd9Code: null,
      description: need(cell(r, 'description'), where, 'la descrizione'),
      family: familyOf(cell(r, 'family'), where),
      typeCode: 'AGG',
      typeLabel: 'CODICE NAZIONALE AGGIUNTO',
      validFrom,
      validUntil: null,
      assignable: cell(r, 'assignable') === 'S',
      status: 'active',
      source: `${file}: ${need(cell(r, 'source'), where, 'la fonte')}`,
    };
  });
}

export interface FamilyDocumentInsert {
  family: ExemptionFamily;
  position: number;
  document: string;
  required: boolean;
  note: string | null;
  source: string;
}

export async function readFamilyDocuments(dataDir: string): Promise<FamilyDocumentInsert[]> {
  const file = FIDELITY_FILES.familyDocuments;
  return (await records(dataDir, file)).map((r, i) => {
    const where = `${file} riga ${i + 2}`;
    const position = Number(cell(r, 'position'));
    if (!Number.isInteger(position) || position < 1) throw new Error(`${where}: posizione non valida`);
    const required = cell(r, 'required');
    if (required !== 'true' && required !== 'false') throw new Error(`${where}: required è true o false`);
    return {
      family: familyOf(cell(r, 'family'), where),
      position,
      document: need(cell(r, 'document'), where, 'il documento'),
      required: required === 'true',
      note: cell(r, 'note') || null,
      source: `${file}: ${need(cell(r, 'source'), where, 'la fonte')}`,
    };
  });
}
