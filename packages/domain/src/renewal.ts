/**
 * Renewal of an exemption (issue 11 §3): from «In scadenza» or «Scaduta» only, as a new case linked to
 * the old one; a pathology or rare disease needs a new certificate, as a new submission.
 */
import type { CaseStatus, ExemptionFamily } from './enums.js';
import { needsCertificate } from './manual-rules.js';

/** The states from which an exemption may be renewed. */
export const RENEWABLE_FROM: readonly CaseStatus[] = ['EXPIRING', 'EXPIRED'];

export const isRenewable = (status: CaseStatus): boolean => RENEWABLE_FROM.includes(status);

/**
 * A renewal of this family is sent with a new certificate (the new-request form, or the specialist's
 * certificate): CHRONIC and RARE. The others are renewed by a direct request.
 */
export const renewalNeedsCertificate = (family: ExemptionFamily): boolean => needsCertificate(family);
