import type { CaseDetail, CaseStatus } from '@esenzioni/domain';
import { CASE_STATUS_LABELS, REJECTION_REASON_LABELS } from '@esenzioni/domain/enums';

export const STATUS_BADGE_COLORS: Record<CaseStatus, string> = {
  SUBMITTED: 'primary',
  IN_PROGRESS: 'secondary',
  VALIDATED: 'success',
  REJECTED: 'danger',
  CANCELLED: 'dark',
  EXPIRING: 'warning',
  EXPIRED: 'dark',
  REVOKED: 'danger',
};

/** "IN LAVORAZIONE", "RESPINTA - REQUISITI NON SUFFICIENTI". */
export function statusBadgeText(c: Pick<CaseDetail, 'status' | 'rejection'>): string {
  const label = CASE_STATUS_LABELS[c.status].toUpperCase();
  if (c.status === 'REJECTED' && c.rejection) {
    return `${label} - ${REJECTION_REASON_LABELS[c.rejection.reason].toUpperCase()}`;
  }
  return label;
}
