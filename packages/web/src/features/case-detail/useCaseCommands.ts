/** Runs a case command (If-Match: the version shown), turning conflicts into a message with the current state. */
import type { CaseCommand, CaseDetail, RejectionReason } from '@esenzioni/domain';
import { COMMAND_LABELS } from '@esenzioni/domain/lifecycle';
import { useState } from 'react';
import { rejectCase, saveNotes, takeCharge, validateCase } from '../../api/cases';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../ui/ErrorAlert';
import { conflictMessage, isConflict } from './conflict';
import type { Notes } from './NotesFields';

export type Feedback = { kind: 'success' | 'danger'; title?: string; text: string } | null;

const SUCCESS: Record<Exclude<CaseCommand, 'cancel'>, (n: string) => string> = {
  takeCharge: (n) => `Pratica ${n} presa in carico con successo`,
  validate: (n) => `Pratica ${n} validata con successo`,
  reject: (n) => `Pratica ${n} respinta con successo`,
  addNote: (n) => `Note della pratica ${n} salvate con successo`,
};

const noteBody = (n: Notes) => ({
  ...(n.beneficiaryNote.trim() ? { beneficiaryNote: n.beneficiaryNote.trim() } : {}),
  ...(n.internalNote.trim() ? { internalNote: n.internalNote.trim() } : {}),
});

interface Deps {
  detail: CaseDetail | null;
  setDetail: (c: CaseDetail) => void;
  reload: () => Promise<CaseDetail | null>;
  notes: Notes;
  clearNotes: () => void;
}

export function useCaseCommands({ detail, setDetail, reload, notes, clearNotes }: Deps) {
  const [busy, setBusy] = useState<CaseCommand | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);

  async function run(command: Exclude<CaseCommand, 'cancel'>, reason?: RejectionReason): Promise<boolean> {
    if (!detail) return false;
    setBusy(command);
    setFeedback(null);
    const body = noteBody(notes);
    try {
      const updated =
        command === 'takeCharge'
          ? await takeCharge(detail, body)
          : command === 'validate'
            ? await validateCase(detail, body)
            : command === 'reject'
              ? await rejectCase(detail, { reason: reason as RejectionReason, ...body })
              : await saveNotes(detail, body);
      setDetail(updated);
      clearNotes();
      setFeedback({ kind: 'success', text: SUCCESS[command](detail.caseNumber) });
      return true;
    } catch (e) {
      if (isConflict(e)) {
        const current = await reload();
        const msg = conflictMessage(COMMAND_LABELS[command], isApiError(e) ? e.problem : null, current);
        setFeedback({ kind: 'danger', ...msg });
      } else {
        setFeedback({
          kind: 'danger',
          title: `Operazione «${COMMAND_LABELS[command]}» non riuscita`,
          text: errorMessage(e),
        });
      }
      return false;
    } finally {
      setBusy(null);
    }
  }

  return { busy, feedback, setFeedback, run };
}
