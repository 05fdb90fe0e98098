/**
 * Issue 15: the vocabulary of the statistics (Zod-free, so the web's dashboard chunk imports it without
 * the schemas). Small cells: a count of 1–4 people is shown as «< 5», and a cell that would give one back
 * by subtraction as «riservato» (suppressPartition, suppressCumulative).
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

/**
 * A cell withheld (secondary suppression): shown, it would give back a «< 5» cell by subtraction. Usually 5
 * or more people; its label is not «< 5», which would be false.
 */
export const WITHHELD = 'withheld';
export const WITHHELD_LABEL = 'riservato';
/** A count of people as the dashboard answers it: a number, null («< 5») or withheld. */
export type StatCount = number | null | typeof WITHHELD;

/**
 * Whether an observer who knows the breakdown's total could compute a «< 5» cell exactly. The hidden cells
 * sum to the total minus the cells shown; each «< 5» is 1–4, each withheld cell at least 5 and less than
 * every non-zero cell shown (withholdSmallest takes all the cells of the smallest value at once), or at most
 * the hidden sum if none is shown. A «< 5» is pinned when those bounds leave it one value.
 */
function smallCellPinned(counts: readonly number[], cells: readonly StatCount[]): boolean {
  let hiddenSum = 0;
  let smallestShown = Infinity;
  cells.forEach((c, i) => {
    const n = counts[i] ?? 0;
    if (typeof c !== 'number') hiddenSum += n;
    else if (n > 0) smallestShown = Math.min(smallestShown, n);
  });
  const withheldMax = Math.min(smallestShown - 1, hiddenSum);
  const low = (c: StatCount) => (c === null ? 1 : SMALL_CELL_LIMIT);
  const high = (c: StatCount) => (c === null ? SMALL_CELL_LIMIT - 1 : withheldMax);
  let lowSum = 0;
  let highSum = 0;
  for (const c of cells)
    if (typeof c !== 'number') {
      lowSum += low(c);
      highSum += high(c);
    }
  return cells.some((c) => {
    if (c !== null) return false;
    const lo = Math.max(1, hiddenSum - (highSum - high(c)));
    const hi = Math.min(SMALL_CELL_LIMIT - 1, hiddenSum - (lowSum - low(c)));
    return lo >= hi;
  });
}

/** Withholds every shown cell of the smallest non-zero value (ties together); false when none is left. */
function withholdSmallest(counts: readonly number[], cells: StatCount[]): boolean {
  let min = Infinity;
  cells.forEach((c, i) => {
    const n = counts[i] ?? 0;
    if (typeof c === 'number' && n > 0) min = Math.min(min, n);
  });
  if (min === Infinity) return false;
  cells.forEach((c, i) => {
    if (typeof c === 'number' && counts[i] === min) cells[i] = WITHHELD;
  });
  return true;
}

/** A breakdown after suppression; `exposed`: even with every cell hidden, its total gives a small cell away. */
export interface ProtectedBreakdown {
  cells: StatCount[];
  exposed: boolean;
}

/**
 * The cells of a breakdown whose total is published or can be derived (the months of a period, age bands,
 * districts, families, reasons: the page shows the same total in more than one breakdown). Counts 1–4 are
 * suppressed. Then, whatever the values (so that the choice itself tells nothing), the smallest non-zero
 * cells shown are withheld; and while the total and the cells shown would still give a «< 5» back exactly
 * (smallCellPinned), the next smallest. Zeros stay. When nothing is left to withhold and a small cell is still
 * pinned (4 and 4 of a total of 8), the breakdown is `exposed`: the caller must hide the total where the
 * page shows it (protectPair).
 */
export function protectBreakdown(counts: readonly number[]): ProtectedBreakdown {
  const cells: StatCount[] = counts.map(suppressSmall);
  if (!cells.includes(null)) return { cells, exposed: false };
  withholdSmallest(counts, cells);
  while (smallCellPinned(counts, cells))
    if (!withholdSmallest(counts, cells)) return { cells, exposed: true };
  return { cells, exposed: false };
}

/** protectBreakdown's cells. */
export const suppressPartition = (counts: readonly number[]): StatCount[] => protectBreakdown(counts).cells;

/** Every non-zero cell shown is withheld: the breakdown no longer tells its total. «< 5» cells stay. */
export const withholdAll = (cells: readonly StatCount[]): StatCount[] =>
  cells.map((c) => (c === null || c === 0 ? c : WITHHELD));

/** Every non-zero cell withheld, «< 5» ones too: nothing of the breakdown but its zeros is shown. */
export const hideAll = (cells: readonly StatCount[]): StatCount[] =>
  cells.map((c) => (c === 0 ? 0 : WITHHELD));

/**
 * Two breakdowns of the same total (open cases by age and by district): if one is exposed, the other
 * withholds every cell, so the total is nowhere on the page; if both are, the second hides even its «< 5»
 * cells (their bounds would still pin the total).
 */
export function protectPair(a: readonly number[], b: readonly number[]): [StatCount[], StatCount[]] {
  const pa = protectBreakdown(a);
  const pb = protectBreakdown(b);
  if (pa.exposed && pb.exposed) return [pa.cells, hideAll(pb.cells)];
  return [pb.exposed ? withholdAll(pa.cells) : pa.cells, pa.exposed ? withholdAll(pb.cells) : pb.cells];
}

/**
 * Running totals (exemptions ending within 30, 60, 90 days): a total 1–4 is suppressed, and one whose
 * difference from a total shown before it is 1–4 is withheld (the difference counts the people of a band).
 */
export function suppressCumulative(totals: readonly number[]): StatCount[] {
  const shown: number[] = [];
  return totals.map((n) => {
    if (suppressSmall(n) === null) return null;
    if (shown.some((s) => suppressSmall(n - s) === null)) return WITHHELD;
    shown.push(n);
    return n;
  });
}

/** What the page and the files say of the two marks. */
export const SUPPRESSION_NOTE = `«${SUPPRESSED_LABEL}»: da 1 a 4 persone, non mostrate; «${WITHHELD_LABEL}»: valore non mostrato perché, con gli altri, permetterebbe di ricavarne uno inferiore a 5`;

/**
 * Rows ranked by count (the codes with most exemptions): by the count shown, then the hidden ones by code,
 * so that their order does not rank what the page hides (Z99 listed before A01 would say it is larger).
 */
export function orderByShownCount<T extends { code: string; count: StatCount }>(rows: readonly T[]): T[] {
  const byCode = (a: T, b: T) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  return [...rows].sort((a, b) =>
    typeof a.count === 'number'
      ? typeof b.count === 'number'
        ? b.count - a.count || byCode(a, b)
        : -1
      : typeof b.count === 'number'
        ? 1
        : byCode(a, b),
  );
}

/** The value a chart draws: suppressed and withheld cells are not drawn. */
export const chartValue = (c: StatCount): number | null => (typeof c === 'number' ? c : null);

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
