/**
 * Demo people: visibly fictitious names, valid fiscal codes computed from their data (birth places
 * are real Piemonte comuni), resident in the Piemonte ASLs with Torino and CN2/Bra over-represented
 * so the manual's screens (Torino worklist, district Bra) have enough rows.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { omocodicLevel } from '@esenzioni/domain';
import { parseCsvRecords } from '../catalog/csv.js';
import { computeFiscalCode } from './fiscal-code.js';
import { ASL_CN2, ASL_TORINO, DISTRICT_BRA, type DemoDistrict } from './districts.js';
import { FEMALE_NAMES, MALE_NAMES, SURNAMES } from './names.js';
import type { Rng } from './prng.js';

export interface DemoPerson {
  fiscalCode: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  birthPlaceCode: string;
  sex: 'M' | 'F';
  residenceAslId: string;
  residenceDistrictId: string;
  email: string | null;
}

type Fixed = Omit<DemoPerson, 'fiscalCode' | 'residenceDistrictId'> & { districtIndex: number };

/** People the manual shows, with the data its screenshots give (Bra B111 for Mario Rossi). */
// prettier-ignore
export const MANUAL_PEOPLE: readonly Fixed[] = [
  // the demo citizen account ("cittadino")
  { firstName: 'NELLO', lastName: 'TRENTASEI', birthDate: '1953-06-10', birthPlaceCode: 'L219', sex: 'M',
    residenceAslId: ASL_TORINO, districtIndex: 0, email: 'cittadino@esenzioni-demo.invalid' },
  { firstName: 'AUREL', lastName: 'VENTIDUE', birthDate: '1992-02-26', birthPlaceCode: 'L219', sex: 'M',
    residenceAslId: '010203', districtIndex: 0, email: null },
  { firstName: 'BENEDETTO', lastName: 'TRENTAQUATTRO', birthDate: '1947-03-09', birthPlaceCode: 'L219',
    sex: 'M', residenceAslId: ASL_TORINO, districtIndex: 1, email: null },
  { firstName: 'MARIO', lastName: 'ROSSI', birthDate: '1948-10-11', birthPlaceCode: 'B111', sex: 'M',
    residenceAslId: ASL_CN2, districtIndex: 1, email: null },
];

/** Belfiore codes of the Piemonte comuni, and of each ASL's seat comune. */
export async function loadPiemonteComuni(
  dataDir: string,
  seats: Map<string, string | null>,
): Promise<{ all: string[]; seatOf: Map<string, string> }> {
  const text = await fs.readFile(path.join(dataDir, 'comuni_istat_belfiore.csv'), 'utf8');
  const piemonte = parseCsvRecords(text).filter((c) => c.cod_regione === '01');
  const byIstat = new Map(piemonte.map((c) => [c.codice_istat ?? '', c.codice_catastale ?? '']));
  const seatOf = new Map<string, string>();
  for (const [aslId, istat] of seats) {
    const belfiore = istat ? byIstat.get(istat) : undefined;
    if (belfiore) seatOf.set(aslId, belfiore);
  }
  return { all: piemonte.map((c) => c.codice_catastale ?? '').filter(Boolean), seatOf };
}

/** Residence of the i-th generated person: 40 % Torino, 10 % Bra, 4 % Alba, the rest round-robin. */
function residence(i: number, districts: readonly DemoDistrict[], rng: Rng): DemoDistrict {
  const slot = i % 50;
  const inAsl = (aslId: string) => districts.filter((d) => d.aslId === aslId);
  if (slot < 20) return rng.pick(inAsl(ASL_TORINO));
  if (slot < 25) return districts.find((d) => d.id === DISTRICT_BRA) ?? rng.pick(districts);
  if (slot < 27) return rng.pick(inAsl(ASL_CN2).filter((d) => d.id !== DISTRICT_BRA));
  const others = [...new Set(districts.map((d) => d.aslId))].filter((a) => a !== ASL_TORINO && a !== ASL_CN2);
  return rng.pick(inAsl(others[(slot - 27) % others.length] ?? ASL_TORINO));
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** Hands out codes once: a colliding one gets the next omocodia level, as the Agenzia would assign. */
export function uniqueFiscalCodes(): (base: string) => string {
  const taken = new Set<string>();
  return (base) => {
    for (let level = 0; level <= 7; level++) {
      const code = level === 0 ? base : omocodicLevel(base, level);
      if (!taken.has(code)) {
        taken.add(code);
        return code;
      }
    }
    throw new Error(`codice fiscale non univoco: ${base}`);
  };
}

export function generatePeople(
  count: number,
  rng: Rng,
  districts: readonly DemoDistrict[],
  comuni: { all: string[]; seatOf: Map<string, string> },
): DemoPerson[] {
  const unique = uniqueFiscalCodes();
  const people: DemoPerson[] = MANUAL_PEOPLE.slice(0, count).map(({ districtIndex, ...p }) => {
    const own = districts.filter((d) => d.aslId === p.residenceAslId);
    const d = own[districtIndex] ?? own[0];
    if (!d) throw new Error(`nessun distretto per l'ASL ${p.residenceAslId}`);
    return { ...p, fiscalCode: unique(computeFiscalCode(p)), residenceDistrictId: d.id };
  });
  const from = Date.UTC(1935, 0, 1);
  const to = Date.UTC(2015, 11, 31);
  for (let i = 0; people.length < count; i++) {
    const d = residence(i, districts, rng);
    const sex = rng.chance(0.5) ? 'F' : 'M';
    const p = {
      firstName: rng.pick(sex === 'F' ? FEMALE_NAMES : MALE_NAMES),
      lastName: rng.pick(SURNAMES),
      birthDate: isoDate(new Date(from + Math.floor(rng.next() * (to - from)))),
      birthPlaceCode: (rng.chance(0.5) ? comuni.seatOf.get(d.aslId) : undefined) ?? rng.pick(comuni.all),
      sex,
    } as const;
    people.push({
      ...p,
      fiscalCode: unique(computeFiscalCode(p)),
      residenceAslId: d.aslId,
      residenceDistrictId: d.id,
      email: null,
    });
  }
  return people;
}
