/**
 * The sender's cancel (specialist, counter operator), without React: whether the case shown may be
 * cancelled by the signed-in user, and what running it tells them. The server decides again
 * (cancel-case.ts: only the sender, only while INVIATA).
 */
import type { CaseDetail, Role } from '@esenzioni/domain';
import { CASE_COMMAND_CATALOGUE } from '@esenzioni/domain/commands';
import { SENDER_CANCEL_FROM } from '@esenzioni/domain/manual-rules';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../ui/errorMessage';
import type { CommandOutcome } from './commandRun';
import { conflictMessage, isConflict } from './conflict';

const SENDER_ROLES: readonly Role[] = ['SPECIALIST', 'ADMIN_OPERATOR'];

/** A case the signed-in specialist or counter operator sent, still INVIATA. */
export const canCancelAsSender = (
  c: Pick<CaseDetail, 'status' | 'submitter'>,
  role: Role | undefined,
  userFiscalCode: string | undefined,
): boolean =>
  !!role &&
  SENDER_ROLES.includes(role) &&
  SENDER_CANCEL_FROM.includes(c.status) &&
  !!userFiscalCode &&
  c.submitter.fiscalCode === userFiscalCode;

export const cancelledText = (caseNumber: string) => `Pratica ${caseNumber} annullata con successo`;

/** Sends the cancel (If-Match: the version shown) and says what to tell the user. */
export async function executeSenderCancel(
  caseNumber: string,
  io: { send: () => Promise<CaseDetail>; reload: () => Promise<CaseDetail | null> },
): Promise<CommandOutcome> {
  const label = CASE_COMMAND_CATALOGUE.cancel.label;
  try {
    const updated = await io.send();
    return { ok: true, updated, feedback: { kind: 'success', text: cancelledText(caseNumber) } };
  } catch (e) {
    if (isConflict(e)) {
      const current = await io.reload();
      return {
        ok: false,
        feedback: { kind: 'danger', ...conflictMessage(label, isApiError(e) ? e.problem : null, current) },
      };
    }
    return {
      ok: false,
      feedback: { kind: 'danger', title: `Operazione «${label}» non riuscita`, text: errorMessage(e) },
    };
  }
}
