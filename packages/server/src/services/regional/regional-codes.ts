/**
 * The Region's codes with their rules (issue 12 §6), for the counter form and the catalogue: what the
 * file says, in words. Public reference data (no person): no access-log row.
 */
import {
  describeAgeRule,
  describeIncomeRange,
  formatEuroCents,
  INCOME_MEASURE_LABELS,
  parseRegionalCode,
  REGIONAL_CATEGORY_LABELS,
  type RegionalCode,
  type RegionalCodeView,
  type RegionalCodesResponse,
} from '@esenzioni/domain';
import type { Db, Tx } from '../../db/client.js';
import { listRegionalCodes, type RegionalCodeRecord } from '../../db/repositories/regional.js';

/** The stored row read with the domain's notations (checked when the file was loaded). */
export const parsedRegionalCode = (r: RegionalCodeRecord): RegionalCode =>
  parseRegionalCode({
    ...r,
    incomeOverCents: r.incomeOverCents ?? null,
    incomeMaxCents: r.incomeMaxCents ?? null,
    copayCapCents: r.copayCapCents ?? null,
    discountPercent: r.discountPercent ?? null,
  });

const FROM = {
  ISSUE: 'dal rilascio',
  PERMIT: 'dal rilascio del permesso di soggiorno',
  CARD: 'dal rilascio del tesserino',
};

export function durationInWords(rc: RegionalCode): string {
  const d = rc.duration;
  if (d.kind === 'CUTOFF') return 'fino al 31 marzo dell’anno successivo';
  if (d.kind === 'MONTHS') return `${d.months} mesi ${FROM[d.from]}`;
  return `fino al giorno prima del ${d.years}° compleanno`;
}

export function regionalCodeView(r: RegionalCodeRecord): RegionalCodeView {
  const rc = parsedRegionalCode(r);
  const income = rc.incomeMeasure
    ? `${INCOME_MEASURE_LABELS[rc.incomeMeasure]} ${
        rc.householdLimits
          ? rc.householdLimits
              .map(
                (l) =>
                  `${l.maxSize === null ? `${l.minSize} o più` : l.minSize === l.maxSize ? l.minSize : `${l.minSize}–${l.maxSize}`} componenti fino a ${formatEuroCents(l.maxCents)}`,
              )
              .join('; ')
          : describeIncomeRange(rc)
      }`
    : null;
  return {
    code: rc.code,
    family: rc.family,
    category: rc.category,
    categoryLabel: REGIONAL_CATEGORY_LABELS[rc.category],
    description: r.description,
    issuedBy: rc.issuedBy,
    identifiers: rc.identifiers,
    documents: rc.documents,
    duration: durationInWords(rc),
    needs: {
      birthDate: rc.age !== null || rc.duration.kind === 'BIRTHDAY',
      income: rc.incomeMeasure,
      householdSize: rc.householdLimits !== null,
      permitIssuedOn: rc.duration.kind === 'MONTHS' && rc.duration.from === 'PERMIT',
      cardIssuedOn: rc.duration.kind === 'MONTHS' && rc.duration.from === 'CARD',
    },
    age: rc.age ? describeAgeRule(rc.age) : null,
    income,
    conditions: rc.conditions,
    copayCapCents: rc.copayCapCents,
    discountPercent: rc.discountPercent,
    notes: rc.notes,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    source: r.source,
  };
}

export async function regionalCodes(db: Db | Tx, region: string): Promise<RegionalCodesResponse> {
  return { region, codes: (await listRegionalCodes(db, region)).map(regionalCodeView) };
}
