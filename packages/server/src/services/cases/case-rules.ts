/**
 * The rules a new case must satisfy, whoever sends it (docs/domain.md §1.3, §2.3): certificate date,
 * person known to the region, exemption code assignable and in force on the certificate date and
 * consistent with the diagnosis, no other open case for the same person and code.
 */
import {
  caseAlreadyOpen,
  exemptionBlocked,
  caseNotFound,
  CASE_STATUS_LABELS,
  certificateDateInFuture,
  exemptionAlreadyActive,
  RENEWABLE_FROM,
  renewalNotAllowed,
  certificateTooOld,
  decodeFiscalCode,
  diagnosisUnknown,
  exemptionAgeLimitPassed,
  exemptionCodeNotAssignable,
  SUB_CODES_SHOWN,
  regionalCodeNotIssuable,
  exemptionCodeNotInForce,
  exemptionCodeUnknown,
  incomeCodeByDeclaration,
  exemptionDiagnosisMismatch,
  exemptionDiagnosisOutOfRange,
  diagnosisRangeOf,
  icdCovers,
  admitsDiagnosis,
  isInForceOn,
  pastBirthLimit,
  personUnknown,
  segregationOfDuties,
  validationFailed,
  type CaseCommand,
  type ExemptionFamily,
  personNotAssisted,
} from '@esenzioni/domain';
import type { Tx } from '../../db/client.js';
import { REGIONAL_TYPE_CODE } from '../../catalog/regional.js';
import { lockAndFindOpenCase } from '../../db/repositories/cases.js';
import {
  findDiagnosis,
  assignableSubCodes,
  resolveExemptionCode,
  type CodeRow,
  type DiagnosisRow,
} from '../../db/repositories/catalogue.js';
import { findPerson, type PersonRow } from '../../db/repositories/people.js';
import { isBlocked } from '../../db/repositories/blocks.js';
import { findDurationFor } from '../../db/repositories/durations.js';
import { parameterValue } from '../../db/repositories/administration.js';
import { activeExemptionOfBase, liveRenewalOf, lockCaseToRenew } from '../../db/repositories/renewals.js';
import type { CaseScope } from '../../db/repositories/scope.js';

export type { CodeRow, DiagnosisRow, PersonRow };

/** Pathology certificates (chronic and rare diseases). */
export const PATHOLOGY_FAMILIES: readonly ExemptionFamily[] = ['CHRONIC', 'RARE'];
/** What the counter and the citizen portal may request: pathology or invalidity. */
export const PORTAL_FAMILIES: readonly ExemptionFamily[] = ['CHRONIC', 'RARE', 'INVALIDITY'];

/** `YYYY-MM-DD` minus whole months, clamped to the month's last day (31/08 − 6 months = 28/02 or 29/02). */
export function minusMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 - months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

/** Not in the future; when `maxAgeMonths` is given, not older than that many months. */
export function checkCertificateDate(issuedOn: string, today: string, maxAgeMonths: number | null): void {
  if (issuedOn > today) throw certificateDateInFuture(issuedOn);
  if (maxAgeMonths !== null) {
    const oldest = minusMonths(today, maxAgeMonths);
    if (issuedOn < oldest) throw certificateTooOld(issuedOn, maxAgeMonths, oldest);
  }
}

export async function loadPerson(
  tx: Tx,
  fiscalCode: string,
  aslId?: string | null,
  field = 'beneficiaryFiscalCode',
): Promise<PersonRow> {
  const who = await findPerson(tx, fiscalCode);
  if (!who || !who.residenceAslId || (aslId !== undefined && who.residenceAslId !== aslId)) {
    throw personUnknown(
      fiscalCode,
      aslId !== undefined ? "dell'ASL del profilo attivo" : 'della Regione',
      field,
    );
  }
  // issue 13 §4: known to the registry of assistiti, but no longer assisted by the region
  if (who.assistanceStatus === 'CEASED') throw personNotAssisted(fiscalCode, field);
  return who;
}

/**
 * The code exists, is of an allowed family, is assignable and in force on `onDate`. An alias (0B02,
 * issue 12 §7) is resolved to its catalogue code, with the diagnosis to pick a group's sub-code.
 */
export async function loadAssignableCode(
  tx: Tx,
  code: string,
  onDate: string,
  families: readonly ExemptionFamily[],
  diagnosisCode?: string | null,
): Promise<CodeRow> {
  const row = await resolveExemptionCode(tx, code, { diagnosisCode });
  if (!row) throw exemptionCodeUnknown(code);
  // issue 12 §1: income codes E01–E04 are self-declarations («Esenzione per reddito»), not cases
  if (!families.includes(row.family) && /^E0[1-4]$/.test(row.code)) throw incomeCodeByDeclaration(code);
  if (!families.includes(row.family))
    // a code of the Region's file is issued at the counter on a declaration (issue 12 §6)
    throw row.typeCode === REGIONAL_TYPE_CODE
      ? regionalCodeNotIssuable(code, 'REGIONAL_ELSEWHERE')
      : exemptionCodeNotAssignable(code, families);
  if (!row.assignable)
    throw exemptionCodeNotAssignable(
      code,
      undefined,
      await assignableSubCodes(tx, row.baseCode, onDate, SUB_CODES_SHOWN),
    );
  if (!isInForceOn(onDate, row)) {
    throw exemptionCodeNotInForce(code, onDate, row.validFrom, row.validUntil);
  }
  return row;
}

/** The birth date of a person: the registry's, else the one the fiscal code encodes; null when neither. */
export const birthDateOf = (p: { fiscalCode: string; birthDate: string | null }, at: Date): string | null =>
  p.birthDate ?? decodeFiscalCode(p.fiscalCode, at)?.birthDate ?? null;

/**
 * A code whose duration counts from birth (040: the first three years of life) is refused once its
 * last day is before `today`, at submission and at validation. Returns the birth date used (null when
 * the code's duration does not count from birth).
 */
export async function assertWithinAgeLimit(
  tx: Tx,
  who: { fiscalCode: string; birthDate: string | null },
  code: { code: string; baseCode: string },
  today: string,
  at: Date,
): Promise<string | null> {
  const duration = await findDurationFor(tx, code.code, code.baseCode);
  if (!duration?.fromBirth) return null;
  const birthDate = birthDateOf(who, at);
  if (!birthDate) {
    throw validationFailed(
      [{ field: 'beneficiaryFiscalCode', message: 'Data di nascita non disponibile.' }],
      `La validità del codice ${code.code} si conta dalla data di nascita, che non risulta per questo assistito.`,
    );
  }
  const last = pastBirthLimit(duration, birthDate, today);
  if (last) throw exemptionAgeLimitPassed(code.code, last);
  return birthDate;
}

export async function loadDiagnosis(tx: Tx, code: string): Promise<DiagnosisRow> {
  const row = await findDiagnosis(tx, code);
  if (!row) throw diagnosisUnknown(code);
  return row;
}

/** 013.250 (ICD part 250) covers 250 and 250.xx (the rule lives in the domain: diagnosis-ranges.ts). */
export { icdCovers };

/**
 * The diagnosis fits the code: its ICD part when it has one, else the range of a code without one
 * (048 ↔ 140–239, a rare-disease code ↔ the ICD-9-CM chapter of its sector letter; issue 12 §7).
 */
export function checkConsistency(code: CodeRow, diag: DiagnosisRow): void {
  if (code.icd9Code) {
    if (!icdCovers(code.icd9Code, diag.code))
      throw exemptionDiagnosisMismatch(code.code, code.icd9Code, diag.code);
    return;
  }
  const range = diagnosisRangeOf(code);
  if (range && !admitsDiagnosis(code, diag.code))
    throw exemptionDiagnosisOutOfRange(code.code, range, diag.code);
}

/**
 * "Pratica già presente": one open case per person and code. The advisory lock serialises two
 * submissions for the same pair until commit, so both cannot pass the check.
 */
export async function assertNoOpenCase(tx: Tx, fiscalCode: string, code: string): Promise<void> {
  if (await lockAndFindOpenCase(tx, fiscalCode, code)) throw caseAlreadyOpen();
  // «revoca con blocco»: refused until an operator of the ASL lifts the block (issue 11 §4)
  if (await isBlocked(tx, fiscalCode, code)) throw exemptionBlocked(code);
}

/**
 * No duplicates (issue 11 §3): refused when the person holds, valid on `today`, an exemption of the
 * same code or of a code of the same base (013.250 ~ 013) — other than the one a renewal renews
 * (`renewsCaseId`). At submission and at validation, so the registry never answers two rows of one
 * code for one date.
 */
export async function assertNotAlreadyActive(
  tx: Tx,
  fiscalCode: string,
  code: string,
  today: string,
  renewsCaseId: number | null,
): Promise<void> {
  const held = await activeExemptionOfBase(tx, fiscalCode, code, today, renewsCaseId);
  if (held) throw exemptionAlreadyActive(held.code, held.validUntil);
}

/** What a new case renews: the case number and the scope in which its sender may see it. */
export interface RenewalOf {
  caseNumber: string;
  scope: CaseScope;
}

/**
 * The case a renewal renews, checked in the new case's transaction: in the sender's scope (else not
 * found), of the same person and code base, «In scadenza» or «Scaduta», not already renewed by a
 * case open or validated. Returns its id, which the new case links to.
 */
export async function loadRenewedCase(
  tx: Tx,
  renewal: RenewalOf,
  fiscalCode: string,
  code: string,
): Promise<number> {
  const old = await lockCaseToRenew(tx, renewal.scope, renewal.caseNumber);
  if (!old || old.beneficiaryFiscalCode !== fiscalCode) throw caseNotFound(renewal.caseNumber);
  if (!RENEWABLE_FROM.includes(old.status)) {
    throw renewalNotAllowed(
      `La pratica ${old.caseNumber} è nello stato «${CASE_STATUS_LABELS[old.status]}»: si rinnova solo un’esenzione «${CASE_STATUS_LABELS.EXPIRING}» o «${CASE_STATUS_LABELS.EXPIRED}».`,
    );
  }
  if (old.exemptionBaseCode !== code.split('.')[0]) {
    throw renewalNotAllowed(
      `Il rinnovo della pratica ${old.caseNumber} è per il codice ${old.exemptionCode} (o un codice della stessa condizione).`,
    );
  }
  const already = await liveRenewalOf(tx, old.id);
  if (already) {
    throw renewalNotAllowed(`La pratica ${old.caseNumber} è già rinnovata dalla pratica ${already}.`);
  }
  return old.id;
}

/**
 * The rules of a request brought with documents (the citizen's online, the counter's): a known person
 * (of the operator's ASL at the counter), a pathology or invalidity code in force, a clinical
 * certificate not older than the limit (an invalidity report does not age), a diagnosis consistent with
 * the code when one is given, no open case for the same code. The specialist's certificate has its own
 * order (diagnosis required first): submit-specialist-case.ts.
 */
export async function checkDocumentedRequest(
  tx: Tx,
  r: {
    fiscalCode: string;
    aslId?: string | null;
    exemptionCode: string;
    issuedOn: string;
    diagnosisCode?: string | null | undefined;
    renewal?: RenewalOf | undefined;
  },
  today: string,
  certificateMaxAgeMonths: number,
): Promise<{ who: PersonRow; code: CodeRow; diag: DiagnosisRow | null; renewsCaseId: number | null }> {
  const who = await loadPerson(tx, r.fiscalCode, r.aslId);
  const code = await loadAssignableCode(tx, r.exemptionCode, r.issuedOn, PORTAL_FAMILIES, r.diagnosisCode);
  await assertWithinAgeLimit(tx, who, code, today, new Date(`${today}T12:00:00Z`));
  if (PATHOLOGY_FAMILIES.includes(code.family))
    checkCertificateDate(
      r.issuedOn,
      today,
      await certificateMaxAgeFor(tx, r.aslId ?? who.residenceAslId, certificateMaxAgeMonths),
    );
  const diag = r.diagnosisCode ? await loadDiagnosis(tx, r.diagnosisCode) : null;
  if (diag) checkConsistency(code, diag);
  await assertNoOpenCase(tx, who.fiscalCode, code.code);
  const renewsCaseId = r.renewal ? await loadRenewedCase(tx, r.renewal, who.fiscalCode, code.code) : null;
  await assertNotAlreadyActive(tx, who.fiscalCode, code.code, today, renewsCaseId);
  return { who, code, diag, renewsCaseId };
}

/**
 * The certificate's maximum age for a request handled by `aslId` (issue 13 §3): the administrator's
 * value for the ASL, else for its Region (the id's first 3 digits), else the configuration's.
 */
export async function certificateMaxAgeFor(
  tx: Tx,
  aslId: string | null | undefined,
  configured: number,
): Promise<number> {
  if (!aslId) return (await parameterValue(tx, 'CERTIFICATE_MAX_AGE_MONTHS', [])) ?? configured;
  return (await parameterValue(tx, 'CERTIFICATE_MAX_AGE_MONTHS', [aslId, aslId.slice(0, 3)])) ?? configured;
}

/** The commands of the district's work on a case (not the beneficiary's or the sender's cancel). */
const CASE_WORK: readonly CaseCommand[] = ['takeCharge', 'validate', 'reject', 'addNote'];

/**
 * Segregation of duties (issue 9 §5), checked on the case row inside the action's transaction:
 * nobody works a case of which they are the beneficiary, and whoever entered or sent a case (the
 * counter operator, the specialist, under any of their profiles: compared by fiscal code) does not
 * validate it. The message names neither person.
 */
export function assertSegregationOfDuties(
  actorFiscalCode: string,
  command: CaseCommand,
  c: { beneficiaryFiscalCode: string; submitterFiscalCode: string },
): void {
  if (!CASE_WORK.includes(command)) return;
  if (c.beneficiaryFiscalCode === actorFiscalCode) throw segregationOfDuties('beneficiary');
  if (command === 'validate' && c.submitterFiscalCode === actorFiscalCode)
    throw segregationOfDuties('submitter');
}
