/**
 * Which ICD-9-CM diagnoses fit an exemption code (docs/domain.md §1.3, §1.4 and "Diagnosis ranges"):
 * - a code with an ICD part (013.250) covers that code and its sub-codes (250, 250.xx);
 * - 048 (patologie neoplastiche maligne), which has no ICD part, covers the neoplasms 140–239;
 * - a rare-disease code (R + sector letter + 0/G + progressive; sector N overflowed into RN1nnn) covers the ICD-9-CM chapter of its
 *   sector letter: the chapters in ICD-9-CM order lettered A…Q without O (RF0100 → chapter 6,
 *   "Malattie del sistema nervoso e degli organi di senso", 320–389).
 * Pure functions, used by the server on every request (case-rules.ts checkConsistency).
 */

/** 013.250 (ICD part 250) covers 250 and 250.xx; 026.252.0 (ICD part 252.0) covers 252.0 and 252.0x. */
export function icdCovers(icdPart: string, diagnosisCode: string): boolean {
  if (diagnosisCode === icdPart) return true;
  return diagnosisCode.startsWith(icdPart.includes('.') ? icdPart : `${icdPart}.`);
}

/** A range of ICD-9-CM three-digit categories (numeric chapters only: no V or E codes). */
export interface DiagnosisRange {
  from: number;
  to: number;
  /** the chapter or group name, in Italian */
  label: string;
}

/** The ICD-9-CM 2007 chapters, by the letter rare-disease codes use for their sector. */
export const RARE_SECTOR_CHAPTERS: Readonly<Record<string, DiagnosisRange>> = {
  A: { from: 1, to: 139, label: 'Malattie infettive e parassitarie' },
  B: { from: 140, to: 239, label: 'Tumori' },
  C: {
    from: 240,
    to: 279,
    label: 'Malattie delle ghiandole endocrine, della nutrizione e del metabolismo e disturbi immunitari',
  },
  D: { from: 280, to: 289, label: 'Malattie del sangue e degli organi emopoietici' },
  E: { from: 290, to: 319, label: 'Disturbi psichici' },
  F: { from: 320, to: 389, label: 'Malattie del sistema nervoso e degli organi di senso' },
  G: { from: 390, to: 459, label: 'Malattie del sistema circolatorio' },
  H: { from: 460, to: 519, label: "Malattie dell'apparato respiratorio" },
  I: { from: 520, to: 579, label: "Malattie dell'apparato digerente" },
  J: { from: 580, to: 629, label: "Malattie dell'apparato genito-urinario" },
  K: { from: 630, to: 679, label: 'Complicazioni della gravidanza, del parto e del puerperio' },
  L: { from: 680, to: 709, label: 'Malattie della pelle e del tessuto sottocutaneo' },
  M: { from: 710, to: 739, label: 'Malattie del sistema osteomuscolare e del tessuto connettivo' },
  N: { from: 740, to: 759, label: 'Malformazioni congenite' },
  P: { from: 760, to: 779, label: 'Alcune condizioni morbose di origine perinatale' },
  Q: { from: 780, to: 799, label: 'Sintomi, segni e stati morbosi mal definiti' },
};

/** Codes without an ICD part whose diagnoses lie in a fixed range. */
export const CODE_DIAGNOSIS_RANGES: Readonly<Record<string, DiagnosisRange>> = {
  '048': { from: 140, to: 239, label: 'Tumori' },
};

const RARE_CODE = /^R([A-Z])[0-9G]\d{3}$/;

/**
 * The range of diagnoses a code without an ICD part admits: 048 → 140–239; a rare-disease code → the
 * chapter of its sector letter; null when the code has no range (R99, the suspicion of a rare disease,
 * and every other code: then any diagnosis is accepted).
 */
export function diagnosisRangeOf(code: { code: string; baseCode?: string | null }): DiagnosisRange | null {
  const own = CODE_DIAGNOSIS_RANGES[code.code] ?? CODE_DIAGNOSIS_RANGES[code.baseCode ?? ''];
  if (own) return own;
  const rare = RARE_CODE.exec(code.code);
  return rare ? (RARE_SECTOR_CHAPTERS[rare[1]!] ?? null) : null;
}

/** The numeric three-digit category of a diagnosis (250.00 → 250); null for V and E codes. */
export function diagnosisCategory(diagnosisCode: string): number | null {
  const m = /^(\d{3})(\.|$)/.exec(diagnosisCode.trim());
  return m ? Number(m[1]) : null;
}

/** True when the diagnosis lies in the range (a V or E code never does). */
export function inDiagnosisRange(range: DiagnosisRange, diagnosisCode: string): boolean {
  const cat = diagnosisCategory(diagnosisCode);
  return cat !== null && cat >= range.from && cat <= range.to;
}

/**
 * Rare diseases the ICD-9-CM 2007 files in a chapter other than their sector's (the DPCM 2017 list kept
 * the letters): these diagnoses are accepted too. Each is the ICD-9-CM 2007 code whose description
 * names the disease or its group (data/icd9cm_2007_it_diagnosi.csv), docs/domain.md §1.4.1.
 */
export const RARE_OTHER_CHAPTER_DIAGNOSES: Readonly<Record<string, readonly string[]>> = {
  // mastocitosi sistemica: 202.6 «Tumori maligni dei mastociti» (neoplasms)
  RD0081: ['202.6'],
  // sindrome di Kearns-Sayre, a mitochondrial disease: 277.87 «Disordini del metabolismo mitocondriale»
  RF0020: ['277.87'],
  // fibrosi epatica congenita: 751.6 «Anomalie della colecisti, dei dotti biliari e del fegato»
  RP0070: ['751.6'],
};

/**
 * Whether a code without an ICD part admits the diagnosis: no range → any; else inside the range, or
 * one of the code's diagnoses filed in another chapter (RARE_OTHER_CHAPTER_DIAGNOSES).
 */
export function admitsDiagnosis(
  code: { code: string; baseCode?: string | null },
  diagnosisCode: string,
): boolean {
  const range = diagnosisRangeOf(code);
  if (!range || inDiagnosisRange(range, diagnosisCode)) return true;
  return (RARE_OTHER_CHAPTER_DIAGNOSES[code.code] ?? []).some((d) => icdCovers(d, diagnosisCode));
}

/** "140–239", "001–139": the range as the ICD-9-CM writes its categories. */
export const formatDiagnosisRange = (r: DiagnosisRange): string =>
  `${String(r.from).padStart(3, '0')}–${String(r.to).padStart(3, '0')}`;
