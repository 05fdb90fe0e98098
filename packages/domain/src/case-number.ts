/**
 * Case number: year (4) + ASL id (6 = region 3 + ASL 3) + yearly progressive per ASL (8).
 * `202401021100000023` = 2024, ASL CN2 `010211`, 23rd case (docs/domain.md §2.4).
 */
export const CASE_NUMBER_PATTERN = /^(\d{4})(\d{6})(\d{8})$/;
export const MAX_PROGRESSIVE = 99_999_999;

export function formatCaseNumber(year: number, aslId: string, progressive: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`anno non valido: ${year}`);
  if (!/^\d{6}$/.test(aslId)) throw new RangeError(`ASL non valida: ${aslId}`);
  if (!Number.isInteger(progressive) || progressive < 1 || progressive > MAX_PROGRESSIVE) {
    throw new RangeError(`progressivo non valido: ${progressive}`);
  }
  return `${year}${aslId}${String(progressive).padStart(8, '0')}`;
}

export interface ParsedCaseNumber {
  year: number;
  aslId: string;
  progressive: number;
}

export function parseCaseNumber(caseNumber: string): ParsedCaseNumber | null {
  const m = CASE_NUMBER_PATTERN.exec(caseNumber);
  if (!m) return null;
  const year = Number(m[1]);
  const progressive = Number(m[3]);
  // only what formatCaseNumber can produce: year 1000–9999, progressive ≥ 1
  if (year < 1000 || progressive < 1) return null;
  return { year, aslId: m[2] ?? '', progressive };
}
