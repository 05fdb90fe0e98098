/** Italian labels of the portal's states (the domain keeps them with zod, out of the bundle). */
import type { CaseStatus, Delegation, MyExemption } from '@esenzioni/domain';

export const STATUS_COLORS: Record<CaseStatus, string> = {
  SUBMITTED: 'primary',
  IN_PROGRESS: 'secondary',
  VALIDATED: 'success',
  REJECTED: 'danger',
  CANCELLED: 'dark',
};

export const EXEMPTION_STATE_LABELS: Record<MyExemption['state'], string> = {
  ACTIVE: 'Valida',
  NOT_YET_VALID: 'Non ancora valida',
  EXPIRED: 'Scaduta',
  REVOKED: 'Revocata',
};
export const EXEMPTION_STATE_COLORS: Record<MyExemption['state'], string> = {
  ACTIVE: 'success',
  NOT_YET_VALID: 'primary',
  EXPIRED: 'dark',
  REVOKED: 'danger',
};

export const DELEGATION_STATE_LABELS: Record<Delegation['state'], string> = {
  ACTIVE: 'Attiva',
  NOT_YET_VALID: 'Non ancora attiva',
  EXPIRED: 'Scaduta',
  REVOKED: 'Revocata',
};

export const personName = (p: { fiscalCode: string; firstName: string | null; lastName: string | null }) =>
  [p.firstName, p.lastName].filter(Boolean).join(' ') || p.fiscalCode;
