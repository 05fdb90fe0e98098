/**
 * Who a person is to the health service: the codice fiscale (docs/domain.md §3) or, for foreigners
 * without one, the regional STP code (straniero temporaneamente presente: non-EU citizens without a
 * regular permit) or ENI code (europeo non iscritto: EU citizens not registrable with the SSR). Both are
 * the three letters followed by 13 digits — the ISTAT code of the Region (3), the code of the ASL that
 * issued it (3), a progressive (7) — 16 characters like a fiscal code (docs/domain.md §3.1).
 *
 * An STP or ENI code is accepted only where a code of the Region's file allows it (its `identifiers`
 * column, data/regional-codes-<region>.csv); everywhere else the fiscal-code check applies unchanged.
 */
import { FISCAL_CODE_MESSAGES, fiscalCodeProblem, normalizeFiscalCode } from './fiscal-code.js';

export const PERSON_IDENTIFIER_KINDS = ['CF', 'STP', 'ENI'] as const;
export type PersonIdentifierKind = (typeof PERSON_IDENTIFIER_KINDS)[number];
export const PERSON_IDENTIFIER_LABELS: Record<PersonIdentifierKind, string> = {
  CF: 'codice fiscale',
  STP: 'codice STP (straniero temporaneamente presente)',
  ENI: 'codice ENI (europeo non iscritto)',
};

export type PersonIdentifier =
  { kind: 'CF'; value: string } | { kind: 'STP' | 'ENI'; value: string; regionCode: string; aslCode: string };

const TEMPORARY = /^(STP|ENI)(\d{3})(\d{3})(\d{7})$/;

/** Upper case, no spaces: the form stored (a fiscal code's and an STP/ENI code's alike). */
export const normalizePersonIdentifier = normalizeFiscalCode;

/**
 * Parses an identifier: STP/ENI + 13 digits, else a valid fiscal code. Returns the problem in Italian
 * when it is neither (the fiscal code's own message when it looks like one).
 */
export function parsePersonIdentifier(raw: string): PersonIdentifier | { problem: string } {
  const value = normalizePersonIdentifier(raw);
  const temp = TEMPORARY.exec(value);
  if (temp) {
    return {
      kind: temp[1] as 'STP' | 'ENI',
      value,
      regionCode: temp[2] ?? '',
      aslCode: temp[3] ?? '',
    };
  }
  if (/^(STP|ENI)/.test(value)) {
    return { problem: `Il codice ${value.slice(0, 3)} è formato da ${value.slice(0, 3)} e 13 cifre.` };
  }
  const problem = fiscalCodeProblem(value);
  if (problem) return { problem: FISCAL_CODE_MESSAGES[problem] };
  return { kind: 'CF', value };
}

/** The kind of an identifier, or null when it is not a valid one. */
export function personIdentifierKind(raw: string): PersonIdentifierKind | null {
  const p = parsePersonIdentifier(raw);
  return 'kind' in p ? p.kind : null;
}

/**
 * The problem with `raw` where only `allowed` kinds are accepted (null: accepted). A valid STP or ENI
 * code where it is not allowed is refused by name, so nobody reads it as a bad fiscal code.
 */
export function identifierProblem(
  raw: string,
  allowed: readonly PersonIdentifierKind[],
  code?: string,
): string | null {
  const p = parsePersonIdentifier(raw);
  if ('problem' in p) return p.problem;
  if (allowed.includes(p.kind)) return null;
  const where = code ? `Il codice ${code}` : 'Questa procedura';
  return `${where} non ammette il ${PERSON_IDENTIFIER_LABELS[p.kind]}: ammessi ${allowed
    .map((k) => PERSON_IDENTIFIER_LABELS[k].split(' (')[0])
    .join(', ')}.`;
}
