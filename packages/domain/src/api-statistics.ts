/**
 * Issue 15: the statistics dashboard of the ASL managers and the Region (aggregates only). A count is
 * `null` when it is 1–4 («< 5»: a small cell could identify someone), `withheld` («riservato») when the
 * other cells and a total would give a small one back; 0 stays 0. No name, fiscal code or
 * case number is ever part of these answers.
 */
import { z } from 'zod';
import { EXEMPTION_FAMILIES, REJECTION_REASONS } from './enums.js';
import { AGE_BANDS, STAT_EXPORT_FORMATS, STAT_TABLES, WITHHELD } from './statistics.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Mese nel formato AAAA-MM');

export const statisticsQuery = z.object({
  /** first and last month of the period (YYYY-MM); default the last 12 months */
  from: month.optional(),
  to: month.optional(),
  asl: z
    .string()
    .regex(/^\d{6}$/, 'Codice ASL di 6 cifre')
    .optional(),
  district: z
    .string()
    .regex(/^[0-9A-Za-z-]{1,16}$/, 'Distretto non valido')
    .optional(),
  family: z.enum(EXEMPTION_FAMILIES).optional(),
  /** the condition part of a code (048, 031, C02) */
  code: z
    .string()
    .regex(/^[0-9A-Za-z]{1,20}$/, 'Codice di esenzione non valido (es. 048)')
    .optional(),
});
export type StatisticsQuery = z.infer<typeof statisticsQuery>;

export const statisticsExportQuery = statisticsQuery.extend({
  table: z.enum(STAT_TABLES),
  format: z.enum(STAT_EXPORT_FORMATS),
});
export type StatisticsExportQuery = z.infer<typeof statisticsExportQuery>;

/** a count of people: null when 1–4 («< 5»), `withheld` when it would give a small cell back (statistics.ts) */
const count = z.union([z.number().int(), z.literal(WITHHELD)]).nullable();
const place = z.object({
  aslId: z.string(),
  aslName: z.string(),
  districtId: z.string(),
  districtName: z.string(),
});

export const statisticsDashboard = z.object({
  /** when the figures were computed (null: never yet) and the day backlog and in-force figures refer to */
  refreshedAt: z.string().nullable(),
  snapshotDate: z.string().nullable(),
  /** the filters as applied (a manager's ASL is always theirs) */
  filters: z.object({
    from: z.string(),
    to: z.string(),
    asl: z.string().nullable(),
    aslName: z.string().nullable(),
    district: z.string().nullable(),
    districtName: z.string().nullable(),
    family: z.enum(EXEMPTION_FAMILIES).nullable(),
    code: z.string().nullable(),
  }),
  options: z.object({
    asls: z.array(z.object({ id: z.string(), name: z.string() })),
    districts: z.array(z.object({ id: z.string(), aslId: z.string(), name: z.string() })),
  }),
  flow: z.array(
    z.object({ month: z.string(), received: count, validated: count, rejected: count, cancelled: count }),
  ),
  inForceByFamily: z.array(z.object({ family: z.enum(EXEMPTION_FAMILIES), count })),
  inForceByCode: z.array(z.object({ code: z.string(), description: z.string().nullable(), count })),
  leadTimeByMonth: z.array(
    z.object({ month: z.string(), cases: count, median: z.number().nullable(), p90: z.number().nullable() }),
  ),
  leadTimeByDistrict: z.array(
    place.extend({ cases: count, median: z.number().nullable(), p90: z.number().nullable() }),
  ),
  backlogByAge: z.array(z.object({ band: z.enum(AGE_BANDS), count })),
  backlogByDistrict: z.array(place.extend({ count })),
  rejectionReasons: z.array(z.object({ reason: z.enum(REJECTION_REASONS), count })),
  expiring: z.array(z.object({ withinDays: z.number().int(), count })),
});
export type StatisticsDashboard = z.infer<typeof statisticsDashboard>;
