/**
 * The statistics dashboard (issue 15): every table of the page in one answer, read from the
 * pre-aggregated tables (refresh-statistics.ts), small cells suppressed. Aggregates name no person, so
 * these reads write no access-log rows (docs/statistics.md).
 */
import {
  AGE_BANDS,
  EXEMPTION_FAMILIES,
  EXPIRY_WINDOWS,
  REJECTION_REASONS,
  STAT_TOP_CODES,
  suppressCumulative,
  orderByShownCount,
  protectBreakdown,
  SMALL_CELL_LIMIT,
  protectPair,
  suppressPartition,
  withholdAll,
  WITHHELD,
  suppressSmall,
  type ExemptionFamily,
  type StatisticsDashboard,
  type StatCount,
  type StatisticsQuery,
} from '@esenzioni/domain';
import {
  dashboardFigures,
  statPlaces,
  type LeadTimeRow,
  type StatFilter,
} from '../../db/repositories/statistics.js';
import { nowOf, type UseCaseContext } from '../context.js';
import { monthsOf, statFilterOf } from './statistics-filter.js';

const NO_DISTRICT = 'Senza distretto';

/** Lead-time rows with their suppressed cases; a median of fewer than 5 cases is not shown. */
function leadRows<T extends { r: LeadTimeRow | undefined }>(
  rows: T[],
  cases: StatCount[],
): Array<Omit<T, 'r'> & { cases: StatCount; median: number | null; p90: number | null }> {
  return rows.map(({ r, ...rest }, i) => {
    const small = !r || r.cases < SMALL_CELL_LIMIT;
    return { ...rest, cases: cases[i] ?? null, median: small ? null : r.median, p90: small ? null : r.p90 };
  });
}

export async function statisticsDashboard(
  ctx: UseCaseContext,
  query: StatisticsQuery,
): Promise<StatisticsDashboard> {
  const { db, actor } = ctx;
  const all = await statPlaces(db, null);
  const districtAsl = new Map(all.districts.map((d) => [d.id, d.aslId]));
  const f = statFilterOf(actor, query, nowOf(ctx), (id) => districtAsl.get(id) ?? null);
  // a manager's choices are their ASL's
  const own = actor.role === 'ASL_MANAGER' ? actor.aslId : null;
  const places = own
    ? { asls: all.asls.filter((a) => a.id === own), districts: all.districts.filter((d) => d.aslId === own) }
    : all;
  return buildDashboard(db, f, places);
}

export async function buildDashboard(
  db: UseCaseContext['db'],
  f: StatFilter & { fromMonth: string; toMonth: string },
  places: Awaited<ReturnType<typeof statPlaces>>,
): Promise<StatisticsDashboard> {
  const aslName = new Map(places.asls.map((a) => [a.id, a.name]));
  const districtName = new Map(places.districts.map((d) => [d.id, d.name]));
  const placeOf = (aslId: string, districtId: string) => ({
    aslId,
    aslName: aslName.get(aslId) ?? aslId,
    districtId,
    districtName: districtId ? (districtName.get(districtId) ?? districtId) : NO_DISTRICT,
  });

  const {
    refresh,
    flow,
    reasons,
    leadByMonth: leadMonth,
    leadByDistrict: leadDistrict,
    backlogByAge: age,
    backlogByDistrict: backlogDistricts,
    expiryBands: expiry,
    inForceByFamily: families,
    inForceByCode: codes,
  } = await dashboardFigures(db, f, STAT_TOP_CODES + 1);

  const flowByMonthMap = new Map(flow.map((r) => [r.month, r]));
  const leadByMonth = new Map(leadMonth.map((r) => [r.month, r]));
  const bandCount = (band: number) => age.find((r) => r.band === band)?.cases ?? 0;
  const expiryCount = (band: number) => expiry.find((r) => r.band === band)?.n ?? 0;
  const familyCount = new Map(families.map((r) => [r.family, r.n]));

  // every breakdown of the page is suppressed as a whole (protectBreakdown); two breakdowns of the same
  // total are protected as a pair (docs/statistics.md «Small cells»)
  const months = monthsOf(f.fromMonth, f.toMonth);
  const flowOf = (m: string) => flowByMonthMap.get(m);
  const received = suppressPartition(months.map((m) => flowOf(m)?.received ?? 0));
  let validated = suppressPartition(months.map((m) => flowOf(m)?.validated ?? 0));
  const cancelled = suppressPartition(months.map((m) => flowOf(m)?.cancelled ?? 0));
  // the rejections of the period, by month and by reason
  let [rejected, reasonCounts] = protectPair(
    months.map((m) => flowOf(m)?.rejected ?? 0),
    REJECTION_REASONS.map((reason) => reasons[reason] ?? 0),
  );
  // every family (a family filter shows its own row, even at 0)
  const familyRows = EXEMPTION_FAMILIES.filter((fam) => (f.family ? fam === f.family : true)).filter(
    (fam) => (familyCount.get(fam) ?? 0) !== 0 || f.family !== null,
  );
  const familyRaw = familyRows.map((fam) => familyCount.get(fam) ?? 0);
  // the codes: the top 20, or every code in force when no more than 20 (then they add up to the families'
  // total; the query reads one more to know)
  const allCodes = codes.length <= STAT_TOP_CODES;
  const topCodes = codes.slice(0, STAT_TOP_CODES);
  const [familyCounts, codeCounts] = allCodes
    ? protectPair(
        familyRaw,
        topCodes.map((c) => c.n),
      )
    : [suppressPartition(familyRaw), topCodes.map((c) => suppressSmall(c.n))];
  const codeRows = orderByShownCount(
    topCodes.map((c, i) => ({ code: c.code, description: c.description, count: codeCounts[i] ?? null })),
  );
  // the open cases, by age and by district
  const [ageCounts, districtCounts] = protectPair(
    AGE_BANDS.map((_, i) => bandCount(i)),
    backlogDistricts.map((r) => r.n),
  );
  // the decisions of the period by district; their total is also the validated plus the rejected of the
  // flows, which are hidden in full when the districts would give a small cell away through it
  const leadDistrictSide = protectBreakdown(leadDistrict.map((r) => r.cases));
  const leadDistrictCases = leadDistrictSide.cells;
  if (leadDistrictSide.exposed) {
    validated = withholdAll(validated);
    rejected = withholdAll(rejected);
    reasonCounts = withholdAll(reasonCounts);
  }
  // a month's decisions are its validated plus its rejected: shown only when both are, so that they tell
  // nothing the flows do not
  const leadMonthRows = months.map((month) => ({ month, r: leadByMonth.get(month) }));
  const leadMonthCases: StatCount[] = leadMonthRows.map(({ r }, i) => {
    const v = validated[i];
    const x = rejected[i];
    const n = r?.cases ?? 0;
    return n === 0 ? 0 : typeof v === 'number' && typeof x === 'number' ? n : WITHHELD;
  });
  const expiryTotals = suppressCumulative(
    EXPIRY_WINDOWS.map((_, i) =>
      Array.from({ length: i + 1 }, (_, b) => expiryCount(b)).reduce((s, n) => s + n, 0),
    ),
  );

  return {
    refreshedAt: refresh ? new Date(refresh.refreshedAt).toISOString() : null,
    snapshotDate: refresh?.snapshotDate ?? null,
    filters: {
      from: f.fromMonth,
      to: f.toMonth,
      asl: f.aslId,
      aslName: f.aslId ? (aslName.get(f.aslId) ?? f.aslId) : null,
      district: f.districtId,
      districtName: f.districtId ? (districtName.get(f.districtId) ?? f.districtId) : null,
      family: f.family as ExemptionFamily | null,
      code: f.code,
    },
    options: places,
    flow: months.map((month, i) => ({
      month,
      received: received[i] ?? null,
      validated: validated[i] ?? null,
      rejected: rejected[i] ?? null,
      cancelled: cancelled[i] ?? null,
    })),
    inForceByFamily: familyRows.map((family, i) => ({ family, count: familyCounts[i] ?? null })),
    inForceByCode: codeRows,
    leadTimeByMonth: leadRows(leadMonthRows, leadMonthCases),
    leadTimeByDistrict: leadRows(
      leadDistrict.map((r) => ({ ...placeOf(r.aslId, r.districtId), r })),
      leadDistrictCases,
    ),
    backlogByAge: AGE_BANDS.map((band, i) => ({ band, count: ageCounts[i] ?? null })),
    backlogByDistrict: backlogDistricts.map((r, i) => ({
      ...placeOf(r.aslId, r.districtId),
      count: districtCounts[i] ?? null,
    })),
    rejectionReasons: REJECTION_REASONS.map((reason, i) => ({ reason, count: reasonCounts[i] ?? null })),
    // running totals: within 30 days, within 60, within 90
    expiring: EXPIRY_WINDOWS.map((withinDays, i) => ({ withinDays, count: expiryTotals[i] ?? null })),
  };
}
