/**
 * Rules the operators' manual states about a case (docs/manual.md §4, §5), shared by the server, which
 * enforces them, and the web, which explains them before the user tries.
 */
import type { CaseStatus, ExemptionFamily, SubmitterType } from './enums.js';

/** Pathology and rare-disease exemptions rest on a specialist's certificate: no validation without it. */
export const CERTIFICATE_FAMILIES: readonly ExemptionFamily[] = ['CHRONIC', 'RARE'];

export const needsCertificate = (family: ExemptionFamily): boolean => CERTIFICATE_FAMILIES.includes(family);

/** Why «Valida» is not possible on the case, in Italian, or null when nothing in the case blocks it. */
export function validationBlocker(c: {
  family: ExemptionFamily;
  certificate: { available: boolean };
}): string | null {
  return needsCertificate(c.family) && !c.certificate.available
    ? 'Non è possibile validare: la pratica è per una patologia o malattia rara e non ha il certificato della malattia tra i documenti. Chiedere a chi l’ha inviata di allegarlo, oppure respingerla per documentazione insufficiente.'
    : null;
}

/**
 * The Nota Beneficiario reaches the citizen only on a case the citizen or a delegate sent from the
 * portal (manual §4); on a case sent by a doctor or the counter it is read by the sender and the ASL.
 */
export const beneficiaryNoteReachesCitizen = (submitter: SubmitterType): boolean =>
  submitter === 'CITIZEN' || submitter === 'DELEGATE';

/**
 * The sender (specialist, counter) cancels a case only while it is still INVIATA: once the district
 * has taken it in charge, the case is the district's to validate or reject. The beneficiary (or a
 * delegate) may withdraw it while it is open (catalogue: SUBMITTED and IN_PROGRESS).
 */
export const SENDER_CANCEL_FROM: readonly CaseStatus[] = ['SUBMITTED'];
