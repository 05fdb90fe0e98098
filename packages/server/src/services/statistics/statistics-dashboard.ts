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
  suppressSmall,
  type ExemptionFamily,
  type StatisticsDashboard,
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

const leadOf = (r: LeadTimeRow | undefined) => {
  const shown = suppressSmall(r?.cases ?? 0);
  // a median of fewer than 5 cases is itself a small cell
  return {
    cases: shown,
    median: shown === null || !r ? null : r.median,
    p90: shown === null || !r ? null : r.p90,
  };
};

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
  } = await dashboardFigures(db, f, STAT_TOP_CODES);

  const flowByMonthMap = new Map(flow.map((r) => [r.month, r]));
  const leadByMonth = new Map(leadMonth.map((r) => [r.month, r]));
  const bandCount = (band: number) => age.find((r) => r.band === band)?.cases ?? 0;
  const expiryCount = (band: number) => expiry.find((r) => r.band === band)?.n ?? 0;
  const familyCount = new Map(families.map((r) => [r.family, r.n]));

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
    flow: monthsOf(f.fromMonth, f.toMonth).map((month) => {
      const r = flowByMonthMap.get(month);
      return {
        month,
        received: suppressSmall(r?.received ?? 0),
        validated: suppressSmall(r?.validated ?? 0),
        rejected: suppressSmall(r?.rejected ?? 0),
        cancelled: suppressSmall(r?.cancelled ?? 0),
      };
    }),
    inForceByFamily: EXEMPTION_FAMILIES.filter((fam) => (f.family ? fam === f.family : true))
      .map((family) => ({ family, count: suppressSmall(familyCount.get(family) ?? 0) }))
      .filter((r) => r.count !== 0 || f.family !== null),
    inForceByCode: codes.map((c) => ({
      code: c.code,
      description: c.description,
      count: suppressSmall(c.n),
    })),
    leadTimeByMonth: monthsOf(f.fromMonth, f.toMonth).map((month) => ({
      month,
      ...leadOf(leadByMonth.get(month)),
    })),
    leadTimeByDistrict: leadDistrict.map((r) => ({ ...placeOf(r.aslId, r.districtId), ...leadOf(r) })),
    backlogByAge: AGE_BANDS.map((band, i) => ({ band, count: suppressSmall(bandCount(i)) })),
    backlogByDistrict: backlogDistricts.map((r) => ({
      ...placeOf(r.aslId, r.districtId),
      count: suppressSmall(r.n),
    })),
    rejectionReasons: REJECTION_REASONS.map((reason) => ({
      reason,
      count: suppressSmall(reasons[reason] ?? 0),
    })),
    // cumulative: within 30 days, within 60, within 90
    expiring: EXPIRY_WINDOWS.map((withinDays, i) => ({
      withinDays,
      count: suppressSmall(
        Array.from({ length: i + 1 }, (_, b) => expiryCount(b)).reduce((s, n) => s + n, 0),
      ),
    })),
  };
}
