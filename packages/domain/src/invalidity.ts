/**
 * Invalidity exemptions (issue 12 §4, docs/domain.md §1.5): the structured data of the verbale that
 * every invalidity case carries, and the rule that the exemption code fits it.
 *
 * The rules come from the codes' own descriptions (data/esenzioni_mds_hl7it.csv and
 * data/esenzioni_catalogo_hl7it.csv) and DM 1/2/1991 art. 6:
 * - C01 civil 100 % without, C02 civil 100 % with indennità di accompagnamento; C03 civil 67–99 %;
 *   C04 civil, under 18 with indennità di frequenza; C05 civil blind, C06 civil deaf-mute (no
 *   percentage: the verbale states the condition);
 * - G01 war categories I–V, G02 war VI–VIII;
 * - L01 work 80–100 %, L02 work 67–79 %, L03 work 1–66 %, L04 work accident or occupational disease;
 * - S01 service category I, S02 II–V, S03 VI–VIII;
 * - V01 terrorism/duty victims and their families (percentage, when given, below 80 %), V02 terrorism
 *   victims with invalidity above 80 %;
 * - N01 L. 210/1992 (damage from compulsory vaccinations, transfusions, blood products).
 * War and service invalidity are graded by category (tabella A, I–VIII), the others by percentage.
 */
import type { FieldIssue } from './errors.js';

export const INVALIDITY_KINDS = ['CIVIL', 'WORK', 'WAR', 'SERVICE', 'TERRORISM_DUTY', 'L210'] as const;
export type InvalidityKind = (typeof INVALIDITY_KINDS)[number];

export const INVALIDITY_KIND_LABELS: Record<InvalidityKind, string> = {
  CIVIL: 'Invalidità civile',
  WORK: 'Invalidità per lavoro',
  WAR: 'Invalidità di guerra',
  SERVICE: 'Invalidità per servizio',
  TERRORISM_DUTY: 'Vittime del terrorismo o del dovere',
  L210: 'Danno da vaccinazioni, trasfusioni o emoderivati (L. 210/1992)',
};

/** Categories of war and service pensions (tabella A), 1 = I … 8 = VIII. */
export const INVALIDITY_CATEGORIES = [1, 2, 3, 4, 5, 6, 7, 8] as const;
const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'] as const;
export const categoryLabel = (c: number): string => ROMAN[c] ?? String(c);

/** What the verbale says: the fields of an invalidity request, as stored with the case. */
export interface InvalidityData {
  kind: InvalidityKind;
  /** 1–100, for civil, work and terrorism invalidity; null when graded by category or not graded */
  percentage: number | null;
  /** 1–8 (I–VIII), for war and service invalidity */
  category: number | null;
  /** indennità di accompagnamento */
  accompaniment: boolean;
  verbaleNumber: string;
  verbaleDate: string;
  /** the commission or body that issued the verbale (e.g. "Commissione medica ASL TO3", "INAIL") */
  issuingBody: string;
}

/** What a code asks of the verbale. */
export interface InvalidityRule {
  kind: InvalidityKind;
  /** inclusive range; null: no percentage asked (one may still be given when `percentageAllowed`) */
  percentage: { min: number; max: number } | null;
  percentageAllowed: boolean;
  /** inclusive range of categories (1–8); null: not graded by category */
  category: { min: number; max: number } | null;
  /** true/false: the verbale must (not) grant the indennità di accompagnamento; null: either */
  accompaniment: boolean | null;
  /** under 18 on the verbale's date (C04) */
  minor?: boolean;
  /** the condition, in words, for the messages */
  text: string;
}

const pct = (kind: InvalidityKind, min: number, max: number, text: string, acc: boolean | null = null) => ({
  kind,
  percentage: { min, max },
  percentageAllowed: true,
  category: null,
  accompaniment: acc,
  text,
});
const cat = (kind: InvalidityKind, min: number, max: number, text: string) => ({
  kind,
  percentage: null,
  percentageAllowed: false,
  category: { min, max },
  accompaniment: null,
  text,
});
const plain = (kind: InvalidityKind, text: string, percentageAllowed = false, extra = {}) => ({
  kind,
  percentage: null,
  percentageAllowed,
  category: null,
  accompaniment: null,
  text,
  ...extra,
});

export const INVALIDITY_RULES: Readonly<Record<string, InvalidityRule>> = {
  C01: pct('CIVIL', 100, 100, 'invalidi civili al 100% senza indennità di accompagnamento', false),
  C02: pct('CIVIL', 100, 100, 'invalidi civili al 100% con indennità di accompagnamento', true),
  C03: pct('CIVIL', 67, 99, 'invalidi civili dal 67% al 99%'),
  C04: plain('CIVIL', 'invalidi civili minori di 18 anni con indennità di frequenza', true, { minor: true }),
  C05: plain('CIVIL', 'ciechi civili assoluti o con residuo visivo non superiore a 1/10'),
  C06: plain('CIVIL', 'sordomuti'),
  G01: cat('WAR', 1, 5, 'invalidi di guerra dalla I alla V categoria'),
  G02: cat('WAR', 6, 8, 'invalidi di guerra dalla VI alla VIII categoria'),
  L01: pct('WORK', 80, 100, 'grandi invalidi del lavoro dall’80% al 100%'),
  L02: pct('WORK', 67, 79, 'invalidi del lavoro dal 67% al 79%'),
  L03: pct('WORK', 1, 66, 'invalidi del lavoro dall’1% al 66%'),
  L04: plain('WORK', 'infortunati sul lavoro o affetti da malattie professionali', true),
  S01: cat('SERVICE', 1, 1, 'grandi invalidi per servizio di I categoria'),
  S02: cat('SERVICE', 2, 5, 'invalidi per servizio dalla II alla V categoria'),
  S03: cat('SERVICE', 6, 8, 'invalidi per servizio dalla VI alla VIII categoria'),
  V01: plain(
    'TERRORISM_DUTY',
    'vittime del terrorismo con invalidità inferiore all’80%, vittime del dovere e loro familiari',
    true,
  ),
  V02: pct('TERRORISM_DUTY', 81, 100, 'vittime del terrorismo con invalidità superiore all’80%'),
  N01: plain('L210', 'danneggiati da vaccinazioni obbligatorie, trasfusioni o emoderivati (L. 210/1992)'),
};

/** V01: a percentage, when given, stays below 80 % (the code's description). */
const V01_MAX = 79;

/** The rule of an invalidity code (C03, or a dotted form C03.x), or null when it is not one. */
export function invalidityRuleOf(code: string): InvalidityRule | null {
  return INVALIDITY_RULES[code.trim().toUpperCase().split('.')[0] ?? ''] ?? null;
}

export const isInvalidityCode = (code: string): boolean => invalidityRuleOf(code) !== null;

/**
 * Exemptions limited to the services related to the invalidity (DM 1/2/1991 art. 6 comma 2); every
 * other invalidity code is total. C04 (D.lgs 124/1998 art. 5) is total: the sources of docs/domain.md
 * §1.5 list it apart from the comma-2 codes and give it no limitation (decision recorded there).
 */
export const PARTIAL_INVALIDITY_CODES = ['G02', 'L03', 'L04', 'S03'] as const;

/** The raw fields of a request (strings from a form, or already typed). */
export interface InvalidityInput {
  invalidityKind?: string | undefined;
  invalidityPercentage?: number | undefined;
  invalidityCategory?: number | undefined;
  invalidityAccompaniment?: boolean | undefined;
  verbaleNumber?: string | undefined;
  verbaleDate?: string | undefined;
  verbaleIssuer?: string | undefined;
}

/** «dall’1%», «dall’80%» but «dal 67%»: the article elides before a number read with a vowel. */
const elided = (n: number) => n === 1 || n === 8 || n === 11 || n === 18 || (n >= 80 && n <= 89);
const pctText = (r: { min: number; max: number }) =>
  r.min === r.max ? `${r.min}%` : `${elided(r.min) ? 'dall’' : 'dal '}${r.min}% al ${r.max}%`;
const catText = (r: { min: number; max: number }) =>
  r.min === r.max
    ? `categoria ${categoryLabel(r.min)}`
    : `categoria dalla ${categoryLabel(r.min)} alla ${categoryLabel(r.max)}`;

/**
 * Checks that the verbale's data fit the code. Returns the data to store and the problems, each on
 * its form field with an Italian message (empty when everything fits). `today` bounds the verbale's
 * date; `birthDate` (when known) checks the age rule of C04.
 */
export function checkInvalidityData(
  code: string,
  input: InvalidityInput,
  today: string,
  birthDate: string | null,
): { data: InvalidityData | null; issues: FieldIssue[] } {
  const rule = invalidityRuleOf(code);
  const issues: FieldIssue[] = [];
  if (!rule) return { data: null, issues };
  const c = code.trim().toUpperCase().split('.')[0]!;
  const kind = input.invalidityKind as InvalidityKind | undefined;
  if (!kind || !INVALIDITY_KINDS.includes(kind)) {
    issues.push({ field: 'invalidityKind', message: 'Indicare il tipo di invalidità del verbale.' });
  } else if (kind !== rule.kind) {
    issues.push({
      field: 'invalidityKind',
      message: `Il codice ${c} è per ${rule.text}: il verbale indicato è «${INVALIDITY_KIND_LABELS[kind]}», serve «${INVALIDITY_KIND_LABELS[rule.kind]}».`,
    });
  }
  const p = input.invalidityPercentage;
  if (rule.percentage) {
    if (p === undefined)
      issues.push({
        field: 'invalidityPercentage',
        message: `Indicare la percentuale di invalidità del verbale (per ${c}: ${pctText(rule.percentage)}).`,
      });
    else if (p < rule.percentage.min || p > rule.percentage.max)
      issues.push({
        field: 'invalidityPercentage',
        message: `Il codice ${c} è per ${rule.text}: il verbale indica il ${p}%, fuori dall’intervallo ${pctText(rule.percentage)}.`,
      });
  } else if (p !== undefined) {
    if (!rule.percentageAllowed)
      issues.push({
        field: 'invalidityPercentage',
        message: rule.category
          ? `Il codice ${c} si gradua per categoria, non per percentuale.`
          : `Il codice ${c} non prevede una percentuale di invalidità.`,
      });
    else if (c === 'V01' && p > V01_MAX)
      issues.push({
        field: 'invalidityPercentage',
        message: `Il codice V01 è per invalidità inferiore all’80% (il verbale indica il ${p}%): con invalidità superiore all’80% il codice è V02.`,
      });
  }
  const k = input.invalidityCategory;
  if (rule.category) {
    if (k === undefined)
      issues.push({
        field: 'invalidityCategory',
        message: `Indicare la categoria del verbale (per ${c}: ${catText(rule.category)}).`,
      });
    else if (k < rule.category.min || k > rule.category.max)
      issues.push({
        field: 'invalidityCategory',
        message: `Il codice ${c} è per ${rule.text}: il verbale indica la categoria ${categoryLabel(k)}.`,
      });
  } else if (k !== undefined) {
    issues.push({
      field: 'invalidityCategory',
      message: `Il codice ${c} non si gradua per categoria (solo invalidità di guerra e per servizio).`,
    });
  }
  const acc = input.invalidityAccompaniment ?? false;
  if (rule.accompaniment !== null && acc !== rule.accompaniment)
    issues.push({
      field: 'invalidityAccompaniment',
      message: rule.accompaniment
        ? `Il codice ${c} è per invalidi civili al 100% con indennità di accompagnamento: senza indennità il codice è C01.`
        : `Il codice ${c} è senza indennità di accompagnamento: con l’indennità il codice è C02.`,
    });
  const number = input.verbaleNumber?.trim() ?? '';
  if (!number) issues.push({ field: 'verbaleNumber', message: 'Indicare il numero del verbale.' });
  const date = input.verbaleDate;
  if (!date) issues.push({ field: 'verbaleDate', message: 'Indicare la data del verbale.' });
  else if (date > today)
    issues.push({ field: 'verbaleDate', message: 'La data del verbale non può essere successiva a oggi.' });
  const issuer = input.verbaleIssuer?.trim() ?? '';
  if (!issuer)
    issues.push({
      field: 'verbaleIssuer',
      message: 'Indicare chi ha rilasciato il verbale (commissione medica, INAIL, ministero…).',
    });
  if (rule.minor && birthDate && date && !underEighteenOn(birthDate, date))
    issues.push({
      field: 'verbaleDate',
      message: `Il codice ${c} è per minori di 18 anni: alla data del verbale l’assistito era maggiorenne.`,
    });
  if (issues.length > 0) return { data: null, issues };
  return {
    data: {
      kind: rule.kind,
      percentage: p ?? null,
      category: k ?? null,
      accompaniment: acc,
      verbaleNumber: number,
      verbaleDate: date!,
      issuingBody: issuer,
    },
    issues,
  };
}

/** Under 18 on `on` (both `YYYY-MM-DD`): the 18th birthday is after `on`. */
export function underEighteenOn(birthDate: string, on: string): boolean {
  const y = Number(birthDate.slice(0, 4)) + 18;
  return `${y}${birthDate.slice(4)}` > on;
}

/** "67%", "categoria III", "—": the grade of the verbale as the detail and the attestato print it. */
export function invalidityGradeText(d: Pick<InvalidityData, 'percentage' | 'category'>): string {
  if (d.percentage !== null) return `${d.percentage}%`;
  if (d.category !== null) return `categoria ${categoryLabel(d.category)}`;
  return 'non graduata';
}
