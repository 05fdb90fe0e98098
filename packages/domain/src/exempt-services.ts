/**
 * What an exemption covers (issue 12 §4 and §8): its scope — all services (ALL), only those related
 * to the invalidity (RELATED) or the list of its condition (LIST) — and the sentence or list the
 * detail, the attestato and GET /api/catalog/exemptions/{code}/services show.
 *
 * - ALL: 048 (neoplasms), rare diseases (R…), total invalidity (every invalidity code but the partial
 *   ones), income and dental/regional codes, and any other code without a per-condition list;
 * - RELATED: G02, L03, L04, S03 (DM 1/2/1991 art. 6 comma 2, docs/domain.md §1.5);
 * - LIST: chronic conditions (DPCM 12/1/2017 Allegato 8) other than 048, pregnancy (per week), and the
 *   dental codes of the Region's file (only dental care, under the code's conditions: E09 exempt, OD1
 *   with a capped co-payment, OD2 a discount — they are not "all services").
 *
 * A list is loaded by the administrator (docs/exempt-services.md); a code whose list is not loaded says
 * so ("elenco non ancora caricato"), never "nessuna prestazione".
 */
import type { ExemptionFamily } from './enums.js';
import { PARTIAL_INVALIDITY_CODES } from './invalidity.js';

export const EXEMPTION_SCOPES = ['ALL', 'RELATED', 'LIST'] as const;
export type ExemptionScope = (typeof EXEMPTION_SCOPES)[number];

export const EXEMPTION_SCOPE_LABELS: Record<ExemptionScope, string> = {
  ALL: 'Esenzione totale: tutte le prestazioni',
  RELATED: 'Esenzione parziale: solo le prestazioni correlate all’invalidità',
  LIST: 'Le prestazioni dell’elenco della patologia',
};

const baseOf = (code: string) => code.trim().toUpperCase().split('.')[0] ?? '';

export function exemptionScopeOf(code: string, family: ExemptionFamily): ExemptionScope {
  const base = baseOf(code);
  if ((PARTIAL_INVALIDITY_CODES as readonly string[]).includes(base)) return 'RELATED';
  if (family === 'CHRONIC') return base === '048' ? 'ALL' : 'LIST';
  if (family === 'PREGNANCY' || family === 'DENTAL') return 'LIST';
  return 'ALL';
}

/** The standard sentence of 048 and the rare diseases (DPCM 12/1/2017, art. 52 and Allegato 8). */
export const STANDARD_SERVICES_SENTENCE =
  'Tutte le prestazioni appropriate per il monitoraggio della patologia e delle relative complicanze, per la riabilitazione e per la prevenzione degli ulteriori aggravamenti, secondo le condizioni cliniche individuali.';
/** Total invalidity (DM 1/2/1991 art. 6 comma 1). */
export const TOTAL_INVALIDITY_SENTENCE =
  'Tutte le prestazioni appropriate di specialistica ambulatoriale, diagnostica strumentale e di laboratorio, senza limitazione alle prestazioni correlate all’invalidità.';
/** Partial invalidity (DM 1/2/1991 art. 6 comma 2). */
export const RELATED_SERVICES_SENTENCE =
  'Solo le prestazioni appropriate correlate alla patologia invalidante riconosciuta nel verbale (art. 6 comma 2 DM 1/2/1991).';
/** Income and the other total codes. */
export const ALL_SERVICES_SENTENCE =
  'Tutte le prestazioni appropriate di specialistica ambulatoriale, diagnostica strumentale e di laboratorio previste per la condizione.';
/** Dental codes of the Region (docs/asl-page.md): dental care only, at the conditions of the code. */
export const DENTAL_SERVICES_SENTENCE =
  'Solo le cure odontoiatriche, alle condizioni del codice stabilite dalla Regione (esenzione, partecipazione ridotta o sconto sulla tariffa); escluso il costo del manufatto, dell’impianto e del materiale ortodontico.';
export const LIST_NOT_LOADED_SENTENCE =
  'Elenco non ancora caricato: le prestazioni esenti per questo codice non sono ancora state inserite. Rivolgersi al distretto dell’ASL.';

/**
 * How the services of a code are told: STANDARD (a sentence, no list), RELATED (the sentence of
 * partial invalidity), LIST (the loaded list) or NOT_LOADED.
 */
export const SERVICES_KINDS = ['STANDARD', 'RELATED', 'LIST', 'NOT_LOADED'] as const;
export type ServicesKind = (typeof SERVICES_KINDS)[number];

/** The sentence of a code with no list to show, or null when its list decides (LIST / NOT_LOADED). */
export function servicesSentence(code: string, family: ExemptionFamily): string | null {
  const scope = exemptionScopeOf(code, family);
  if (scope === 'RELATED') return RELATED_SERVICES_SENTENCE;
  if (family === 'DENTAL') return DENTAL_SERVICES_SENTENCE;
  if (scope === 'LIST') return null;
  if (family === 'INVALIDITY') return TOTAL_INVALIDITY_SENTENCE;
  if (family === 'RARE' || baseOf(code) === '048') return STANDARD_SERVICES_SENTENCE;
  return ALL_SERVICES_SENTENCE;
}

/**
 * From the scope and the rows found for the code (most specific first): what kind of answer, and the
 * sentence shown with it.
 */
export function servicesAnswer(
  code: string,
  family: ExemptionFamily,
  loadedRows: number,
): { kind: ServicesKind; scope: ExemptionScope; sentence: string | null } {
  const scope = exemptionScopeOf(code, family);
  const sentence = servicesSentence(code, family);
  if (scope === 'RELATED') return { kind: 'RELATED', scope, sentence };
  if (sentence !== null) return { kind: 'STANDARD', scope, sentence };
  if (loadedRows > 0) return { kind: 'LIST', scope, sentence: null };
  return { kind: 'NOT_LOADED', scope, sentence: LIST_NOT_LOADED_SENTENCE };
}

/**
 * The codes whose list a row of the file applies to, most specific first: 013.250 → 013.250, 013.
 */
export const serviceLookupCodes = (code: string): string[] => {
  const c = code.trim().toUpperCase();
  const base = baseOf(c);
  return c === base ? [c] : [c, base];
};
