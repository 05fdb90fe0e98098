/** Italian labels of the portal's states (the domain keeps them with zod, out of the bundle). */
import type { CaseStatus, Delegation, MyExemption } from '@esenzioni/domain';

export const STATUS_COLORS: Record<CaseStatus, string> = {
  SUBMITTED: 'primary',
  IN_PROGRESS: 'secondary',
  VALIDATED: 'success',
  REJECTED: 'danger',
  CANCELLED: 'dark',
  EXPIRING: 'warning',
  EXPIRED: 'dark',
  REVOKED: 'danger',
};

export const EXEMPTION_STATE_LABELS: Record<MyExemption['state'], string> = {
  ACTIVE: 'Valida',
  EXPIRING: 'In scadenza',
  NOT_YET_VALID: 'Non ancora valida',
  EXPIRED: 'Scaduta',
  REVOKED: 'Revocata',
};
export const EXEMPTION_STATE_COLORS: Record<MyExemption['state'], string> = {
  ACTIVE: 'success',
  EXPIRING: 'warning',
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

type NamedCode = { fiscalCode: string; firstName: string | null; lastName: string | null };

/** The name, or the fiscal code when the server does not give the name (issue 9: a delegate is named to the delegator never). */
export const personName = (p: NamedCode) =>
  [p.firstName, p.lastName].filter(Boolean).join(' ') || p.fiscalCode;

/** "NOME COGNOME (CODICE)", or the code alone when there is no name. */
export const personWithCode = (p: NamedCode) =>
  p.firstName || p.lastName ? `${personName(p)} (${p.fiscalCode})` : p.fiscalCode;
