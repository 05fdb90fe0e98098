/**
 * «Annulla esenzione» (issue 11 §4): the correction of an exemption validated by mistake; it is then
 * treated as never held (no registry answer for any date). A confirmation like «Respingi», with the notes.
 */
import type { CaseCommandBody, CaseDetail } from '@esenzioni/domain';
import { NOTE_MAX_LENGTH } from '@esenzioni/domain/enums';
import { Button, Modal, ModalBody, ModalFooter, ModalHeader, TextArea } from 'design-react-kit';
import { useId, useState } from 'react';
import { BENEFICIARY_NOTE_HELP, INTERNAL_NOTE_HELP, type Notes } from './NotesFields';
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
  const titleId = useId();
  const [notes, setNotes] = useState<Notes>(NO_NOTES);
  return (
    <Modal
      isOpen={isOpen}
      toggle={busy ? undefined : onCancel}
      labelledBy={titleId}
      returnFocusAfterClose={returnFocus}
      fade={false}
      onOpened={() => document.getElementById('annulla-nota-interna')?.focus()}
      onClosed={() => {
        setNotes(NO_NOTES);
        onClosed?.();
      }}
    >
      <ModalHeader toggle={busy ? undefined : onCancel} closeAriaLabel="Chiudi senza annullare l’esenzione">
        <span id={titleId}>ANNULLA ESENZIONE</span>
      </ModalHeader>
      <ModalBody>
        <p>
          Sei sicuro di voler annullare l’esenzione {c.exemption.code} della pratica {c.caseNumber}? È una
          correzione di un errore: l’esenzione sarà considerata mai rilasciata e l’anagrafe non la mostrerà
          per nessuna data.
        </p>
        <TextArea
          id="annulla-nota-interna"
          label="Nota Interna"
          rows={2}
          maxLength={NOTE_MAX_LENGTH}
          value={notes.internalNote}
          infoText={INTERNAL_NOTE_HELP}
          onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) =>
            setNotes((n) => ({ ...n, internalNote: e.target.value }))
          }
        />
        <TextArea
          id="annulla-nota-beneficiario"
          label="Nota Beneficiario"
          rows={2}
          maxLength={NOTE_MAX_LENGTH}
          value={notes.beneficiaryNote}
          infoText={BENEFICIARY_NOTE_HELP}
          onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) =>
            setNotes((n) => ({ ...n, beneficiaryNote: e.target.value }))
          }
        />
      </ModalBody>
      <ModalFooter>
        <Button color="primary" outline onClick={onCancel} disabled={busy}>
          No
        </Button>
        <Button color="danger" onClick={() => onConfirm(annulmentBody(notes))} disabled={busy}>
          {busy ? 'Annullamento…' : 'Sì, annulla l’esenzione'}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
