/**
 * Which exemption family a catalogue row belongs to, from its `cod_tipo` (data/SOURCES.md, section on `esenzioni_catalogo_hl7it.csv`).
 * Service (S0), terrorism/duty victims (V0) and L. 210/1992 (N0) are grouped with invalidity as in
 * DM 1/2/1991 art. 6 and the AURA groups (docs/domain.md §1.5); screening, prevention and the rest are OTHER.
 */
import type { ExemptionFamily } from '@esenzioni/domain';

const BY_TYPE: Record<string, ExemptionFamily> = {
  MC: 'CHRONIC',
  RX: 'RARE',
  M: 'PREGNANCY',
  RD: 'INCOME',
  INVC: 'INVALIDITY',
  INVL: 'INVALIDITY',
  INVG: 'INVALIDITY',
  S0: 'INVALIDITY',
  V0: 'INVALIDITY',
  N0: 'INVALIDITY',
};

export const familyOfType = (codTipo: string): ExemptionFamily => BY_TYPE[codTipo] ?? 'OTHER';

/**
 * Family of a code that only the HL7 Italia mds-esenzioni CodeSystem has (it carries no type):
 * E01–E04 are the national income codes; C/G/L/S/V are invalidity and status codes (docs/domain.md §1).
 * Anything else, e.g. E52 (transplant recipients), is not income and stays OTHER.
 */
export function familyOfMdsCode(code: string): ExemptionFamily {
  if (/^E0[1-4]$/.test(code)) return 'INCOME';
  if (/^[CGLSV]\d{2}$/.test(code)) return 'INVALIDITY';
  return 'OTHER';
}
