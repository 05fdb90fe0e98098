/** Runs a case command (If-Match: the version shown), turning conflicts into a message with the current state. */
import type { CaseCommandBody, CaseDetail, RejectionReason } from '@esenzioni/domain';
import { useState } from 'react';
import { runCommand } from '../../api/cases';
import { commandBody, executeCommand, type DistrictCommand, type Feedback } from './commandRun';
import type { Notes } from './NotesFields';

export type { Feedback };

interface Deps {
  detail: CaseDetail | null;
  setDetail: (c: CaseDetail) => void;
  reload: () => Promise<CaseDetail | null>;
  notes: Notes;
  clearNotes: () => void;
}

export function useCaseCommands({ detail, setDetail, reload, notes, clearNotes }: Deps) {
  const [busy, setBusy] = useState<DistrictCommand | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);

  /** `body`: the body a dialog built (revoke, annul); otherwise it comes from the notes and `reason`. */
  async function run<C extends DistrictCommand>(
    command: C,
    reason?: RejectionReason,
    body?: CaseCommandBody<C>,
  ): Promise<boolean> {
    if (!detail) return false;
    setBusy(command);
    setFeedback(null);
    try {
      const outcome = await executeCommand(
        command,
        detail.caseNumber,
        body ?? commandBody(command, notes, reason),
        {
          send: (c, body) => runCommand(detail.caseNumber, c, detail.version, body),
          reload,
        },
      );
      if (outcome.ok) {
        setDetail(outcome.updated);
        clearNotes();
      }
      setFeedback(outcome.feedback);
      return outcome.ok;
    } finally {
      setBusy(null);
    }
  }

  return { busy, feedback, setFeedback, run };
}
