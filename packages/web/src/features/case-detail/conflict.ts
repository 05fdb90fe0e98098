/** What to tell the operator when someone else acted on the case first (HTTP 409 / 412). */
import type { CaseDetail, CaseStatus, Problem } from '@esenzioni/domain';
import { CASE_STATUS_LABELS, ROLE_LABELS } from '@esenzioni/domain/enums';
import { isApiError } from '../../api/client';
import { formatDate, formatTime } from '../../ui/format';

/** Someone acted first: not a 409 that names another rule of the case (e.g. CERTIFICATE_MISSING). */
export const isConflict = (e: unknown): boolean =>
  isApiError(e) &&
  ((e.status === 409 && !e.problem) ||
    e.status === 412 ||
    e.code === 'VERSION_CONFLICT' ||
    e.code === 'TRANSITION_NOT_ALLOWED');

export interface ConflictInfo {
  title: string;
  text: string;
}

export function conflictMessage(
  action: string,
  problem: Problem | null,
  current: CaseDetail | null,
): ConflictInfo {
  const last = problem?.lastChange ?? current?.lastChange ?? null;
  const status: CaseStatus | undefined = current?.status ?? problem?.currentStatus;
  const who = last
    ? `${last.actorFiscalCode} (${ROLE_LABELS[last.actorRole]}) ha modificato la pratica il ${formatDate(last.at)} alle ${formatTime(last.at)}`
    : 'Un altro utente ha modificato la pratica';
  const now = status ? ` Stato attuale: ${CASE_STATUS_LABELS[status]}.` : '';
  return {
    title: `Operazione «${action}» non eseguita: la pratica è stata modificata da un altro utente`,
    text: `${who}.${now} La pratica mostrata è aggiornata: verificarla prima di procedere. Le note scritte non sono state salvate.`,
  };
}
