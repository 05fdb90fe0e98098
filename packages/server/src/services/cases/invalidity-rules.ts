/**
 * The verbale of an invalidity request (issue 12 §4): required with every invalidity code that has a
 * rule in domain/invalidity.ts, and checked against the code (docs/domain.md §1.5) before the case is
 * created; refused with every problem on its field (400 INVALIDITY_DATA_MISMATCH).
 */
import {
  checkInvalidityData,
  invalidityDataMismatch,
  type InvalidityData,
  type InvalidityInput,
} from '@esenzioni/domain';
import type { CodeRow } from '../../db/repositories/catalogue.js';

/**
 * The data to store with the case, or null when the code is not an invalidity code (or has no rule).
 * The verbale's date defaults to the request's date of the document (`issuedOn`).
 */
export function checkedInvalidity(
  code: Pick<CodeRow, 'code' | 'family'>,
  input: InvalidityInput & { issuedOn: string },
  today: string,
  birthDate: string | null,
): InvalidityData | null {
  if (code.family !== 'INVALIDITY') return null;
  const { data, issues } = checkInvalidityData(
    code.code,
    { ...input, verbaleDate: input.verbaleDate ?? input.issuedOn },
    today,
    birthDate,
  );
  if (issues.length > 0) throw invalidityDataMismatch(code.code, issues);
  return data;
}
