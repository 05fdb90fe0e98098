/**
 * Reads the catalogue CSV files in data/ into table rows. Pure data shaping: the database work is in
 * import.ts. Every row says which file it came from.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { OPEN_END } from '@esenzioni/domain';
import { parseCsvRecords } from './csv.js';
import { familyOfMdsCode, familyOfType } from './families.js';
import type { asl, diagnosis, exemptionCode, exemptService, nomenclatorService } from '../db/schema.js';

export type AslRow = typeof asl.$inferInsert;
export type ExemptionCodeRow = typeof exemptionCode.$inferInsert;
export type DiagnosisRow = typeof diagnosis.$inferInsert;
export type ExemptServiceRow = typeof exemptService.$inferInsert;
export type NomenclatorRow = typeof nomenclatorService.$inferInsert;

export const FILES = {
  asl: 'asl_italia.csv',
  catalogue: 'esenzioni_catalogo_hl7it.csv',
  mds: 'esenzioni_mds_hl7it.csv',
  diagnoses: 'icd9cm_2007_it_diagnosi.csv',
  exemptServices: 'exempt-services-examples.csv',
  nomenclator: 'prestazioni_catalogo_nazionale.csv',
} as const;

/**
 * mds-esenzioni publishes no validity window, but `valid_from` is required: codes taken only from it
 * (today just E52) get this placeholder, which reads as "unknown", never as a legal date.
 */
export const UNKNOWN_VALID_FROM = '1900-01-01';

const read = async (dataDir: string, file: string) =>
  parseCsvRecords(await fs.readFile(path.join(dataDir, file), 'utf8'));

const field = (rec: Record<string, string>, name: string): string => {
  const v = rec[name];
  if (v === undefined) throw new Error(`colonna mancante: ${name}`);
  return v.trim();
};

export async function readAsl(dataDir: string): Promise<AslRow[]> {
  return (await read(dataDir, FILES.asl)).map((r) => ({
    id: field(r, 'id_azienda'),
    regionCode: field(r, 'cod_regione'),
    code: field(r, 'cod_asl'),
    name: field(r, 'denominazione'),
    seatIstatCode: field(r, 'cod_comune_sede_istat') || null,
  }));
}

/**
 * Which of two catalogue rows with the same code wins. Some codes appear more than once (057 and 058
 * with a "057-…" twin; P01–P03 and S04 reused in 2007 for prevention/service after the 1989 chronic
 * codes): keep the latest `inizio_validita`; on a tie an active row, then an assignable one, then the
 * first in the file, so the result never depends on anything but the file.
 */
function better(a: ExemptionCodeRow, b: ExemptionCodeRow): ExemptionCodeRow {
  if (a.validFrom !== b.validFrom) return a.validFrom > b.validFrom ? a : b;
  if (a.status !== b.status) return a.status === 'active' ? a : b;
  if (a.assignable !== b.assignable) return a.assignable ? a : b;
  return a;
}

export async function readExemptionCodes(dataDir: string): Promise<ExemptionCodeRow[]> {
  const byCode = new Map<string, ExemptionCodeRow>();
  for (const r of await read(dataDir, FILES.catalogue)) {
    const until = field(r, 'fine_validita');
    const row: ExemptionCodeRow = {
      code: field(r, 'code'),
      baseCode: field(r, 'cod_esenzione'),
      icd9Code: field(r, 'icd9cm') || null,
      description: field(r, 'descrizione'),
      family: familyOfType(field(r, 'cod_tipo')),
      typeCode: field(r, 'cod_tipo'),
      typeLabel: field(r, 'tipologia'),
      validFrom: field(r, 'inizio_validita'),
      validUntil: until === OPEN_END || until === '' ? null : until,
      assignable: field(r, 'assegnabile') === 'S',
      status: field(r, 'status'),
      source: FILES.catalogue,
    };
    const seen = byCode.get(row.code);
    byCode.set(row.code, seen ? better(seen, row) : row);
  }
  // codes only in the HL7 Italia CodeSystem; where both have a code the catalogue row is kept
  for (const r of await read(dataDir, FILES.mds)) {
    const code = field(r, 'code');
    if (byCode.has(code)) continue;
    byCode.set(code, {
      code,
      baseCode: code,
      icd9Code: null,
      description: field(r, 'descrizione'),
      family: familyOfMdsCode(code),
      typeCode: 'MDS',
      typeLabel: 'HL7 ITALIA MDS-ESENZIONI',
      validFrom: UNKNOWN_VALID_FROM,
      validUntil: null,
      assignable: true,
      status: 'active',
      source: FILES.mds,
    });
  }
  // Durations are not here: data/exemption-durations.csv (catalog/durations.ts) and the administrator.
  return [...byCode.values()];
}

export async function readDiagnoses(dataDir: string): Promise<DiagnosisRow[]> {
  return (await read(dataDir, FILES.diagnoses)).map((r) => ({
    code: field(r, 'code'),
    codeNoDot: field(r, 'code_nodot'),
    description: field(r, 'description'),
    leaf: field(r, 'is_leaf') === '1',
  }));
}

export async function readExemptServices(dataDir: string): Promise<ExemptServiceRow[]> {
  return (await read(dataDir, FILES.exemptServices)).map((r) => ({
    exemptionCode: field(r, 'exemption_code'),
    serviceCode: field(r, 'service_code') || null,
    description: field(r, 'description'),
    example: field(r, 'example') === 'true',
    source: field(r, 'source'),
    position: Number(field(r, 'position')),
  }));
}

/** The national nomenclator of specialist services (issue 12 §8): every exempt service names one. */
export async function readNomenclator(dataDir: string): Promise<NomenclatorRow[]> {
  return (await read(dataDir, FILES.nomenclator)).map((r) => ({
    code: field(r, 'code'),
    description: field(r, 'descrizione'),
    source: FILES.nomenclator,
  }));
}
