/**
 * Issue 15: the vocabulary of the statistics (Zod-free, so the web's dashboard chunk imports it without
 * the schemas). Small cells: a count of 1–4 people is shown as «< 5».
 */
/** Counts from 1 to SMALL_CELL_LIMIT - 1 are suppressed. */
export const SMALL_CELL_LIMIT = 5;
/** The label of a suppressed cell, in tables and files. */
export const SUPPRESSED_LABEL = '< 5';
/** The longest period the dashboard shows, in months. */
export const STAT_MAX_MONTHS = 120;
/** How many codes the «esenzioni in vigore per codice» chart shows. */
export const STAT_TOP_CODES = 20;

/** 1–4 → null («< 5»), anything else as it is. */
export const suppressSmall = (n: number): number | null => (n > 0 && n < SMALL_CELL_LIMIT ? null : n);

export const AGE_BANDS = ['0-7', '8-30', '31-90', '90+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  '0-7': '0–7 giorni',
  '8-30': '8–30 giorni',
  '31-90': '31–90 giorni',
  '90+': 'oltre 90 giorni',
};

export const EXPIRY_WINDOWS = [30, 60, 90] as const;

/** The tables of the dashboard, each exported as CSV and XLSX. */
export const STAT_TABLES = [
  'flow',
  'inForceByFamily',
  'inForceByCode',
  'leadTimeByMonth',
  'leadTimeByDistrict',
  'backlogByAge',
  'backlogByDistrict',
  'rejectionReasons',
  'expiring',
] as const;
export type StatTable = (typeof STAT_TABLES)[number];
export const STAT_TABLE_TITLES: Record<StatTable, string> = {
  flow: 'Pratiche ricevute, validate, respinte e annullate per mese',
  inForceByFamily: 'Esenzioni in vigore per famiglia',
  inForceByCode: `Esenzioni in vigore: i ${STAT_TOP_CODES} codici più frequenti`,
  leadTimeByMonth: 'Giorni dalla richiesta alla decisione, per mese',
  leadTimeByDistrict: 'Giorni dalla richiesta alla decisione, per distretto',
  backlogByAge: 'Pratiche aperte per anzianità',
  backlogByDistrict: 'Pratiche aperte per distretto',
  rejectionReasons: 'Motivi di rifiuto',
  expiring: 'Esenzioni in scadenza',
};
export const STAT_EXPORT_FORMATS = ['csv', 'xlsx'] as const;

const MONTHS_IT = [
  'gennaio',
  'febbraio',
  'marzo',
  'aprile',
  'maggio',
  'giugno',
  'luglio',
  'agosto',
  'settembre',
  'ottobre',
  'novembre',
  'dicembre',
];
/** `2025-01` → «gennaio 2025». */
export const statMonthLabel = (month: string): string =>
  `${MONTHS_IT[Number(month.slice(5, 7)) - 1] ?? month.slice(5, 7)} ${month.slice(0, 4)}`;
