/**
 * Demo districts for the 12 Piemonte ASLs. No public source lists districts in machine-readable form,
 * so they are placeholders ("Distretto 1", …), except Alba and Bra for ASL CN2, which the manual shows.
 */
import type { Tx } from '../db/client.js';
import { aslIdsOfRegion, insertDistricts } from '../db/repositories/seed.js';

export const PIEMONTE_REGION = '010';
export const ASL_TORINO = '010301';
export const ASL_CN2 = '010211';
export const DISTRICT_BRA = `${ASL_CN2}-02`;

export interface DemoDistrict {
  id: string;
  aslId: string;
  name: string;
}

/** 2–4 districts per ASL, the same every time: Torino gets 4, CN2 Alba and Bra, the rest by ASL code. */
export function districtsFor(aslIds: readonly string[]): DemoDistrict[] {
  const out: DemoDistrict[] = [];
  for (const aslId of aslIds) {
    const names =
      aslId === ASL_CN2
        ? ['Alba', 'Bra']
        : Array.from(
            { length: aslId === ASL_TORINO ? 4 : 2 + (Number(aslId.slice(3)) % 3) },
            (_, i) => `Distretto ${i + 1}`,
          );
    names.forEach((name, i) => out.push({ id: `${aslId}-${String(i + 1).padStart(2, '0')}`, aslId, name }));
  }
  return out;
}

/** Creates the districts of the Piemonte ASLs present in the database (the catalogue must be loaded). */
export async function seedDistricts(tx: Tx): Promise<DemoDistrict[]> {
  const asls = await aslIdsOfRegion(tx, PIEMONTE_REGION);
  if (asls.length === 0) throw new Error('Nessuna ASL del Piemonte: importare prima i cataloghi.');
  const list = districtsFor(asls);
  await insertDistricts(tx, list);
  return list;
}
