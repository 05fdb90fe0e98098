/**
 * Computes the codice fiscale of a (demo) person from name, surname, birth date, sex and Belfiore code
 * (DM 23/12/1976, docs/domain.md §3), with the check character from the domain package. Omocodia is handled
 * by the caller (omocodicLevel) when two demo people collide.
 */
import { checkCharacter } from '@esenzioni/domain';
import { searchKey } from '../catalog/search-key.js';

const MONTHS = 'ABCDEHLMPRST';

function letters(s: string): { consonants: string; vowels: string } {
  const plain = searchKey(s).replace(/[^A-Z]/g, '');
  return { consonants: plain.replace(/[AEIOU]/g, ''), vowels: plain.replace(/[^AEIOU]/g, '') };
}

const surnamePart = (lastName: string): string => {
  const { consonants, vowels } = letters(lastName);
  return `${consonants}${vowels}XXX`.slice(0, 3);
};

const namePart = (firstName: string): string => {
  const { consonants, vowels } = letters(firstName);
  if (consonants.length >= 4) return `${consonants[0]}${consonants[2]}${consonants[3]}`;
  return `${consonants}${vowels}XXX`.slice(0, 3);
};

export interface FiscalCodeInput {
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'M' | 'F';
  /** Belfiore code of the comune (or Z… for a foreign state) */
  birthPlaceCode: string;
}

export function computeFiscalCode(p: FiscalCodeInput): string {
  const [y, m, d] = p.birthDate.split('-').map(Number) as [number, number, number];
  const day = p.sex === 'F' ? d + 40 : d;
  const first15 =
    surnamePart(p.lastName) +
    namePart(p.firstName) +
    String(y % 100).padStart(2, '0') +
    MONTHS[m - 1] +
    String(day).padStart(2, '0') +
    p.birthPlaceCode.toUpperCase();
  return first15 + checkCharacter(first15);
}
