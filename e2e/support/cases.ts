/**
 * Picking cases without depending on other specs: the specs that change data each own a "slot" (the
 * case's yearly progressive modulo SLOTS), and take the first case of their slot in the wanted state.
 * Another spec never touches a case of your slot, so the choice does not depend on the order of specs.
 */
import { expect, type APIRequestContext } from '@playwright/test';
import type { CaseDetail, CaseList, CaseListItem, CaseStatus } from '../../packages/domain/src/index';

export const SLOTS = 7;
// chosen so that, with the demo seed, each slot holds several cases in the state its spec needs
export const SLOT = {
  notes: 0,
  keyboard: 1,
  takeCharge: 2,
  validateOneStep: 3,
  conflict: 4,
  validateTwoStep: 5,
  reject: 6,
} as const;

export const slotOf = (caseNumber: string) => Number(caseNumber.slice(10)) % SLOTS;

export async function searchAll(
  request: APIRequestContext,
  params: Record<string, string>,
): Promise<CaseListItem[]> {
  const items: CaseListItem[] = [];
  for (let page = 1; page < 50; page++) {
    const q = new URLSearchParams({ ...params, page: String(page), pageSize: '100', sort: 'caseNumber' });
    const res = await request.get(`/api/cases?${q}`);
    expect(res.status(), await res.text()).toBe(200);
    const list = (await res.json()) as CaseList;
    items.push(...list.items);
    if (items.length >= list.total || list.items.length === 0) break;
  }
  return items;
}

/** The first case in `status` of the slot (the caller is signed in as a district operator). */
export async function pickCase(
  request: APIRequestContext,
  slot: number,
  status: CaseStatus,
): Promise<CaseListItem> {
  const items = await searchAll(request, { view: 'todo', status });
  const found = items.find((c) => slotOf(c.caseNumber) === slot);
  if (!found) throw new Error(`no ${status} case in slot ${slot} (of ${items.length})`);
  return found;
}

export async function getCase(request: APIRequestContext, caseNumber: string): Promise<CaseDetail> {
  const res = await request.get(`/api/cases/${caseNumber}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as CaseDetail;
}

/** Today in Rome as gg/mm/aaaa. */
export function todayItalian(): string {
  return new Intl.DateTimeFormat('it-IT', {
    timeZone: 'Europe/Rome',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date());
}

/**
 * The first case whose beneficiary is a person of the demo's registry (the demo's five-year statistics
 * history has closed cases of people who are not in it) and that `accept` takes.
 */
export async function firstOfRegistryPeople(
  request: APIRequestContext,
  items: CaseListItem[],
  accept: (c: CaseDetail) => boolean = () => true,
): Promise<CaseListItem> {
  for (const i of items) {
    if ((await request.get(`/api/people/${i.beneficiary.fiscalCode}`)).status() !== 200) continue;
    if (accept(await getCase(request, i.caseNumber))) return i;
  }
  throw new Error('no case of a person of the registry');
}
