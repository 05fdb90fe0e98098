/** Runs a case command (If-Match: the version shown), turning conflicts into a message with the current state. */
import type { CaseDetail, RejectionReason } from '@esenzioni/domain';
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

  async function run(command: DistrictCommand, reason?: RejectionReason): Promise<boolean> {
    if (!detail) return false;
    setBusy(command);
    setFeedback(null);
    try {
      const outcome = await executeCommand(command, detail.caseNumber, commandBody(command, notes, reason), {
        send: (c, body) => runCommand(detail.caseNumber, c, detail.version, body),
        reload,
      });
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
