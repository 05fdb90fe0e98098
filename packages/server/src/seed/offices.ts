/**
 * The offices (sportelli) of the demo: those printed on the ASL's public page on exemptions
 * (docs/asl-page-offices.md), copied as the page prints them — addresses, days, hours — and marked with
 * that source. The page lists "Orario sportelli" for its districts 4 to 9; the districts and the ASL
 * they belong to (ASL ROMA 2 in data/asl_italia.csv) are created here when missing. Nothing else is
 * added: no phone numbers, no closed days (the page prints none).
 */
import type { Tx } from '../db/client.js';
import { aslById, districtById, insertDistrict, insertOffice } from '../db/repositories/administration.js';

export const PAGE_ASL = '120202';
export const PAGE_SOURCE =
  'Pagina informativa dell’ASL «Esenzioni» (sezione «Orario sportelli»), come stampata sulla pagina';

type H = [weekday: number, opens: string, closes: string, note?: string];

interface PageOffice {
  district: number;
  address: string;
  hours: H[];
  note?: string;
}

const days = (list: number[], opens: string, closes: string, note?: string): H[] =>
  list.map((d) => (note ? [d, opens, closes, note] : [d, opens, closes]));

/** The six blocks of the page, in the order of its district tabs (4 … 9). */
export const PAGE_OFFICES: PageOffice[] = [
  {
    district: 4,
    address: 'Largo D. De Dominicis, 7',
    hours: [...days([1, 2, 4], '08:30', '11:30'), [3, '08:30', '10:00'], [2, '14:30', '16:00']],
  },
  {
    district: 5,
    address: 'Via G. Bresadola, 56 – piano terra',
    hours: days([1, 3, 4, 5], '08:30', '11:00'),
  },
  {
    district: 6,
    address: 'Via della Tenuta di Torrenova, 138',
    hours: [...days([1, 2, 3, 4], '08:00', '12:00'), [4, '14:00', '16:45']],
  },
  {
    district: 7,
    address: 'Via Cartagine, 85',
    hours: [...days([1, 2, 3, 4, 5], '08:30', '12:00'), [1, '14:30', '17:00'], [3, '13:30', '17:00']],
  },
  {
    district: 8,
    address: 'Via di San Nemesio, 28',
    hours: [
      ...days([2, 4], '08:00', '12:00', 'Esenzioni ticket per patologia e invalidità civile'),
      ...days([2, 4], '14:30', '16:30', 'Esenzioni ticket per patologia e invalidità civile'),
      [3, '15:00', '17:00', 'Esenzioni ticket per patologia e invalidità civile'],
      ...days(
        [1, 5],
        '08:00',
        '12:00',
        'Esenzione ticket invalidità civile; accettazione certificazione esenzioni per patologia',
      ),
    ],
  },
  {
    district: 9,
    address: 'Via G. Lipparini, 13 (3° ponte Laurentino)',
    // the page prints "Dal al venerdì ore 9.00 - 13.00": the first day is missing; read as Monday
    hours: [...days([1, 2, 3, 4, 5], '09:00', '13:00'), ...days([2, 4], '14:00', '16:00')],
    note: 'La pagina riporta «Dal al venerdì ore 9.00 - 13.00» senza il giorno iniziale: qui inteso dal lunedì.',
  },
];

/** Creates the page's districts and offices once (nothing when the ASL is not in the catalogue or they exist). */
export async function seedPageOffices(tx: Tx, at: Date): Promise<number> {
  if (!(await aslById(tx, PAGE_ASL))) return 0;
  let created = 0;
  for (const o of PAGE_OFFICES) {
    const districtId = `${PAGE_ASL}-${String(o.district).padStart(2, '0')}`;
    if (await districtById(tx, districtId)) continue;
    await insertDistrict(tx, { id: districtId, aslId: PAGE_ASL, name: `Distretto ${o.district}` });
    await insertOffice(tx, {
      districtId,
      name: `Sportello esenzioni – Distretto ${o.district}`,
      address: o.address,
      services: ['PATHOLOGY', 'INVALIDITY'],
      hours: o.hours.map(([weekday, opens, closes, note]) => ({
        weekday,
        opens,
        closes,
        ...(note ? { note } : {}),
      })),
      closures: [],
      note: o.note ?? null,
      source: PAGE_SOURCE,
      active: true,
      updatedAt: at,
    });
    created++;
  }
  return created;
}
