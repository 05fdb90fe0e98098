/**
 * Who may read the statistics and with which filters (issue 15): the Region's analysts every ASL, an ASL
 * manager only their own — naming another ASL, or a district of another ASL, is refused (403), never
 * silently widened. The period defaults to the last 12 months (Rome) and spans at most STAT_MAX_MONTHS.
 */
import {
  forbidden,
  STAT_MAX_MONTHS,
  todayInRome,
  validationFailed,
  type Role,
  type StatisticsQuery,
} from '@esenzioni/domain';
import type { Actor } from '../../auth/actor.js';
import type { StatFilter } from '../../db/repositories/statistics.js';

export const STATISTICS_ROLES: readonly Role[] = ['ASL_MANAGER', 'REGION_ANALYST'];

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthOfIndex = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** The filters of a request as the repository reads them; throws 403 for another ASL, 400 for a bad period. */
export function statFilterOf(
  actor: Actor,
  q: StatisticsQuery,
  now: Date,
  districtAsl: (districtId: string) => string | null,
): StatFilter & { fromMonth: string; toMonth: string } {
  if (!STATISTICS_ROLES.includes(actor.role)) throw forbidden();
  let aslId = q.asl ?? null;
  if (actor.role === 'ASL_MANAGER') {
    if (!actor.aslId) throw forbidden('Il profilo non è associato a un’ASL.');
    if (aslId && aslId !== actor.aslId)
      throw forbidden('Il profilo consente le statistiche della sola ASL di appartenenza.');
    aslId = actor.aslId;
  }
  let districtId: string | null = null;
  if (q.district) {
    const ofDistrict = districtAsl(q.district);
    if (!ofDistrict) throw validationFailed([{ field: 'district', message: 'Distretto sconosciuto.' }]);
    if (aslId && ofDistrict !== aslId)
      throw forbidden('Il distretto indicato non appartiene all’ASL delle statistiche.');
    districtId = q.district;
    aslId = ofDistrict;
  }
  const current = todayInRome(now).slice(0, 7);
  const toMonth =
    q.to ??
    (q.from && monthIndex(q.from) + 11 < monthIndex(current)
      ? monthOfIndex(monthIndex(q.from) + 11)
      : current);
  const fromMonth = q.from ?? monthOfIndex(monthIndex(toMonth) - 11);
  if (monthIndex(fromMonth) > monthIndex(toMonth))
    throw validationFailed([{ field: 'from', message: 'Il mese iniziale è successivo al mese finale.' }]);
  if (monthIndex(toMonth) - monthIndex(fromMonth) + 1 > STAT_MAX_MONTHS)
    throw validationFailed([
      { field: 'from', message: `Il periodo può comprendere al massimo ${STAT_MAX_MONTHS} mesi.` },
    ]);
  return {
    from: `${fromMonth}-01`,
    to: `${toMonth}-01`,
    fromMonth,
    toMonth,
    aslId,
    districtId,
    family: q.family ?? null,
    code: q.code ? q.code.toUpperCase() : null,
  };
}

/** Every month of the period, in order (the chart shows the empty ones as 0). */
export function monthsOf(fromMonth: string, toMonth: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(fromMonth); i <= monthIndex(toMonth); i++) out.push(monthOfIndex(i));
  return out;
}
