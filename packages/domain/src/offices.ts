/** The offices (sportelli) of the districts (issue 13 §3): the services they offer and the days of the week. */

/** The services an office offers. */
export const OFFICE_SERVICES = ['PATHOLOGY', 'INVALIDITY', 'INCOME', 'DENTAL'] as const;
export type OfficeService = (typeof OFFICE_SERVICES)[number];
export const OFFICE_SERVICE_LABELS: Record<OfficeService, string> = {
  PATHOLOGY: 'Esenzioni per patologia',
  INVALIDITY: 'Esenzioni per invalidità',
  INCOME: 'Esenzioni per reddito',
  DENTAL: 'Cure odontoiatriche',
};

/** 1 = lunedì … 7 = domenica (ISO). */
export const WEEKDAY_NAMES = ['lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica'];
