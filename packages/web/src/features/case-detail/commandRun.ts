/**
 * What running a case command does, without React: the body sent (notes trimmed, the rejection
 * reason), the message on success, and on failure either the conflict message with the reloaded state
 * (409/412: someone acted first) or the error. The hook (useCaseCommands) only keeps the state.
 */
import type { CaseCommand, CaseCommandBody, CaseDetail, RejectionReason } from '@esenzioni/domain';
import { COMMAND_LABELS } from '@esenzioni/domain/lifecycle';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../ui/errorMessage';
import { conflictMessage, isConflict } from './conflict';
import type { Notes } from './NotesFields';

export type Feedback = { kind: 'success' | 'danger'; title?: string; text: string } | null;

/** The commands of the district's detail page (the cancel is the sender's and the citizen's). */
export type DistrictCommand = Exclude<CaseCommand, 'cancel'>;

export const SUCCESS: Record<DistrictCommand, (n: string) => string> = {
  takeCharge: (n) => `Pratica ${n} presa in carico con successo`,
  validate: (n) => `Pratica ${n} validata con successo`,
  reject: (n) => `Pratica ${n} respinta con successo`,
  addNote: (n) => `Note della pratica ${n} salvate con successo`,
  revoke: (n) => `Esenzione della pratica ${n} revocata con successo`,
  annul: (n) => `Esenzione della pratica ${n} annullata con successo`,
  correctDiagnosis: (n) => `Diagnosi della pratica ${n} corretta con successo`,
};

const noteBody = (n: Notes) => ({
  ...(n.beneficiaryNote.trim() ? { beneficiaryNote: n.beneficiaryNote.trim() } : {}),
  ...(n.internalNote.trim() ? { internalNote: n.internalNote.trim() } : {}),
});

/** The body of `command` from the notes written (and, for a rejection, the reason chosen). */
export function commandBody<C extends DistrictCommand>(
  command: C,
  notes: Notes,
  reason?: RejectionReason,
): CaseCommandBody<C> {
  const body = noteBody(notes);
  // a revocation's body comes from its dialog (revocation.ts: revocationBody)
  if (command === 'revoke') throw new Error('a revocation needs its dialog');
  if (command === 'correctDiagnosis') throw new Error('a correction needs its dialog');
  if (command !== 'reject') return body as CaseCommandBody<C>;
  if (!reason) throw new Error('a rejection needs its reason');
  return { reason, ...body } as CaseCommandBody<C>;
}

export interface CommandIo {
  /** sends the command (If-Match: the version shown) and returns the updated case */
  send: <C extends DistrictCommand>(command: C, body: CaseCommandBody<C>) => Promise<CaseDetail>;
  /** reloads the case after a conflict, so the page shows what the other user did */
  reload: () => Promise<CaseDetail | null>;
}

export type CommandOutcome =
  | { ok: true; updated: CaseDetail; feedback: NonNullable<Feedback> }
  | { ok: false; feedback: NonNullable<Feedback> };

/** Runs `command` on the case shown and says what to tell the user. */
export async function executeCommand<C extends DistrictCommand>(
  command: C,
  caseNumber: string,
  body: CaseCommandBody<C>,
  io: CommandIo,
): Promise<CommandOutcome> {
  try {
    const updated = await io.send(command, body);
    return { ok: true, updated, feedback: { kind: 'success', text: SUCCESS[command](caseNumber) } };
  } catch (e) {
    if (isConflict(e)) {
      const current = await io.reload();
      const msg = conflictMessage(COMMAND_LABELS[command], isApiError(e) ? e.problem : null, current);
      return { ok: false, feedback: { kind: 'danger', ...msg } };
    }
    return {
      ok: false,
      feedback: {
        kind: 'danger',
        title: `Operazione «${COMMAND_LABELS[command]}» non riuscita`,
        text: errorMessage(e),
      },
    };
  }
}
