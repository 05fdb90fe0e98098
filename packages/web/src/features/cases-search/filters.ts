/**
 * The search filters of the home page. They live in the URL (so back, refresh and a shared link keep
 * them); they are checked here, next to their fields, before any request.
 */
import type { CaseView } from '@esenzioni/domain';
import { EXEMPTION_FAMILIES, VIEW_STATUSES } from '@esenzioni/domain/enums';
import { normalizeFiscalCode } from '@esenzioni/domain/fiscal-code';
import { parsePersonIdentifier } from '@esenzioni/domain/person-identifier';
import { formatItalianDate, parseItalianDate } from '@esenzioni/domain/validity';
import { isApiError } from '../../api/client';

export interface Filters {
  view: CaseView;
  status: string;
  /** an ExemptionFamily, or '' for every family */
  family: string;
  exemptionCode: string;
  createdFrom: string; // gg/mm/aaaa as typed
  createdTo: string;
  lastName: string;
  firstName: string;
  fiscalCode: string;
}
export type FilterField = Exclude<keyof Filters, 'view'>;
export type FilterErrors = Partial<Record<FilterField, string>>;

export const TEXT_FIELDS: FilterField[] = [
  'status',
  'family',
  'exemptionCode',
  'createdFrom',
  'createdTo',
  'lastName',
  'firstName',
  'fiscalCode',
];

/** The id of each filter's control, to move focus to the first wrong one. */
export const FIELD_IDS: Record<FilterField, string> = {
  status: 'filtro-stato',
  family: 'filtro-tipo',
  exemptionCode: 'filtro-codice',
  createdFrom: 'filtro-da',
  createdTo: 'filtro-a',
  lastName: 'filtro-cognome',
  firstName: 'filtro-nome',
  fiscalCode: 'filtro-cf',
};

export const emptyFilters = (view: CaseView): Filters => ({
  view,
  status: '',
  family: '',
  exemptionCode: '',
  createdFrom: '',
  createdTo: '',
  lastName: '',
  firstName: '',
  fiscalCode: '',
});

/** A date from the URL: gg/mm/aaaa, or YYYY-MM-DD in a hand-made link. */
const dateFromUrl = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? formatItalianDate(v) : v);

export function filtersFromUrl(sp: URLSearchParams): Filters {
  const view: CaseView = sp.get('view') === 'closed' ? 'closed' : 'todo';
  const f = emptyFilters(view);
  for (const k of TEXT_FIELDS) f[k] = sp.get(k) ?? '';
  f.createdFrom = dateFromUrl(f.createdFrom);
  f.createdTo = dateFromUrl(f.createdTo);
  if (f.status && !VIEW_STATUSES[view].some((s) => s === f.status)) f.status = '';
  if (f.family && !EXEMPTION_FAMILIES.some((x) => x === f.family)) f.family = '';
  return f;
}

export function pageFromUrl(sp: URLSearchParams): number {
  const n = Number(sp.get('page') ?? '1');
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** The URL of a search: only the filters that are set. */
export function filtersToUrl(f: Filters, page = 1): URLSearchParams {
  const sp = new URLSearchParams({ view: f.view });
  for (const k of TEXT_FIELDS) {
    const v = f[k].trim();
    if (v) sp.set(k, k === 'fiscalCode' ? normalizeFiscalCode(v) : v);
  }
  if (page > 1) sp.set('page', String(page));
  return sp;
}

const DATE_MESSAGE = 'Data non valida: usare il formato gg/mm/aaaa (per esempio 05/03/2024).';

export function validateFilters(f: Filters): FilterErrors {
  const errors: FilterErrors = {};
  const from = f.createdFrom.trim() ? parseItalianDate(f.createdFrom) : '';
  const to = f.createdTo.trim() ? parseItalianDate(f.createdTo) : '';
  if (from === null) errors.createdFrom = DATE_MESSAGE;
  if (to === null) errors.createdTo = DATE_MESSAGE;
  if (from && to && from > to) errors.createdFrom = 'La data "da" non può essere successiva alla data "a".';
  if (f.fiscalCode.trim()) {
    // an STP/ENI code too: the holder of a regional code is found by it (issue 12 §6)
    const parsed = parsePersonIdentifier(f.fiscalCode);
    if ('problem' in parsed) errors.fiscalCode = parsed.problem;
  }
  if (f.exemptionCode.trim().length > 20)
    errors.exemptionCode = 'Il codice esenzione ha al massimo 20 caratteri.';
  if (f.lastName.trim().length > 100) errors.lastName = 'Il cognome ha al massimo 100 caratteri.';
  if (f.firstName.trim().length > 100) errors.firstName = 'Il nome ha al massimo 100 caratteri.';
  return errors;
}

/** The query of GET /api/cases (and of the CSV export) for valid filters. */
export function apiParams(f: Filters, page: number, pageSize?: number): Record<string, string | undefined> {
  const code = f.exemptionCode.trim().toUpperCase();
  return {
    view: f.view,
    status: f.status || undefined,
    family: f.family || undefined,
    exemptionCode: code && code !== 'TUTTE' ? code : undefined,
    createdFrom: parseItalianDate(f.createdFrom) ?? undefined,
    createdTo: parseItalianDate(f.createdTo) ?? undefined,
    lastName: f.lastName.trim() || undefined,
    firstName: f.firstName.trim() || undefined,
    fiscalCode: f.fiscalCode.trim() ? normalizeFiscalCode(f.fiscalCode) : undefined,
    page: String(page),
    pageSize: pageSize ? String(pageSize) : undefined,
  };
}

export const hasFilters = (f: Filters) => TEXT_FIELDS.some((k) => f[k].trim() !== '');

/** Field messages from a 400 of the API (e.g. an exemption code the catalogue does not know). */
export function fieldIssues(e: unknown): FilterErrors {
  const out: FilterErrors = {};
  if (!isApiError(e) || e.status !== 400) return out;
  for (const i of e.problem?.issues ?? []) {
    const field = i.field.replace(/^query\./, '') as FilterField;
    if ((TEXT_FIELDS as string[]).includes(field) && !out[field]) out[field] = i.message;
  }
  return out;
}
