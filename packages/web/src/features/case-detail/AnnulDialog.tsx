/**
 * «Annulla esenzione» (issue 11 §4): the correction of an exemption validated by mistake; it is then
 * treated as never held (no registry answer for any date). A confirmation like «Respingi», with the notes.
 */
import type { CaseCommandBody, CaseDetail } from '@esenzioni/domain';
import { useState } from 'react';
import { ConfirmDialog, NoteArea } from './ConfirmDialog';
import type { Notes } from './NotesFields';
import { annulmentBody } from './revocation';

interface Props {
  c: CaseDetail;
  isOpen: boolean;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (body: CaseCommandBody<'annul'>) => void;
  returnFocus?: boolean;
  onClosed?: () => void;
}

const NO_NOTES: Notes = { beneficiaryNote: '', internalNote: '' };

export function AnnulDialog({ c, isOpen, busy, onCancel, onConfirm, returnFocus = true, onClosed }: Props) {
  const [notes, setNotes] = useState<Notes>(NO_NOTES);
  return (
    <ConfirmDialog
      title="ANNULLA ESENZIONE"
      closeLabel="Chiudi senza annullare l’esenzione"
      confirmLabel="Sì, annulla l’esenzione"
      busyLabel="Annullamento…"
      isOpen={isOpen}
      busy={busy}
      onCancel={onCancel}
      onConfirm={() => onConfirm(annulmentBody(notes))}
      returnFocus={returnFocus}
      onOpened={() => document.getElementById('annulla-nota-interna')?.focus()}
      onClosed={() => {
        setNotes(NO_NOTES);
        onClosed?.();
      }}
    >
      <p>
        Sei sicuro di voler annullare l’esenzione {c.exemption.code} della pratica {c.caseNumber}? È una
        correzione di un errore: l’esenzione sarà considerata mai rilasciata e l’anagrafe non la mostrerà per
        nessuna data.
      </p>
      <NoteArea
        id="annulla-nota-interna"
        kind="internal"
        value={notes.internalNote}
        onChange={(v) => setNotes((n) => ({ ...n, internalNote: v }))}
      />
      <NoteArea
        id="annulla-nota-beneficiario"
        kind="beneficiary"
        value={notes.beneficiaryNote}
        onChange={(v) => setNotes((n) => ({ ...n, beneficiaryNote: v }))}
      />
    </ConfirmDialog>
  );
}
