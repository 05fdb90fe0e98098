/** Shared words of the public pages (issue 13 §5): the families' addresses and the hours in words. */
import type { ExemptionFamily } from '@esenzioni/domain';
import { OFFICE_SERVICE_LABELS, WEEKDAY_NAMES, type OfficeService } from '@esenzioni/domain/offices';

export type PublicFamilyCode = Exclude<ExemptionFamily, 'OTHER'>;

/** /esenzioni/:famiglia */
export const FAMILY_SLUGS: Record<PublicFamilyCode, string> = {
  CHRONIC: 'malattie-croniche',
  RARE: 'malattie-rare',
  INVALIDITY: 'invalidita',
  INCOME: 'reddito',
  DENTAL: 'cure-odontoiatriche',
  PREGNANCY: 'gravidanza',
};

export const familyOfSlug = (slug: string | undefined): PublicFamilyCode | undefined =>
  (Object.keys(FAMILY_SLUGS) as PublicFamilyCode[]).find((f) => FAMILY_SLUGS[f] === slug);

export const serviceLabel = (s: string): string => OFFICE_SERVICE_LABELS[s as OfficeService] ?? s;

export interface HoursLike {
  weekday: number;
  opens: string;
  closes: string;
  note?: string | undefined;
}

/** One line per open weekday, in week order: «lunedì» and «08:30–11:30, 14:30–16:00», notes after. */
export function hoursByDay(hours: readonly HoursLike[]): { day: string; times: string }[] {
  const out: { day: string; times: string }[] = [];
  for (let d = 1; d <= 7; d++) {
    const slots = hours
      .filter((h) => h.weekday === d)
      .sort((a, b) => a.opens.localeCompare(b.opens))
      .map((h) => `${h.opens}–${h.closes}${h.note ? ` (${h.note})` : ''}`);
    if (slots.length > 0) out.push({ day: WEEKDAY_NAMES[d - 1]!, times: slots.join(', ') });
  }
  return out;
}
