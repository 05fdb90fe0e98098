/**
 * The confirmation every irreversible action of the detail asks for («Respingi», «Annulla», «Revoca»,
 * «Annulla esenzione»): a modal titled in capitals, its question and fields, «No» and «Sì, …». While the
 * command runs nothing can close it; focus goes back to the button that opened it, unless told otherwise.
 */
import { Button, Modal, ModalBody, ModalFooter, ModalHeader, TextArea } from 'design-react-kit';
import { NOTE_MAX_LENGTH } from '@esenzioni/domain/enums';
import { useId, type ReactNode } from 'react';
import { BENEFICIARY_NOTE_HELP, INTERNAL_NOTE_HELP } from './NotesFields';

interface Props {
  title: string;
  /** accessible name of the header's close button ("Chiudi senza respingere") */
  closeLabel: string;
  confirmLabel: string;
  busyLabel: string;
  isOpen: boolean;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  size?: 'lg';
  returnFocus?: boolean;
  onOpened?: () => void;
  onClosed?: () => void;
  children: ReactNode;
}

export function ConfirmDialog({
  title,
  closeLabel,
  confirmLabel,
  busyLabel,
  isOpen,
  busy,
  onCancel,
  onConfirm,
  size,
  returnFocus = true,
  onOpened,
  onClosed,
  children,
}: Props) {
  const titleId = useId();
  const close = busy ? undefined : onCancel;
  return (
    <Modal
      isOpen={isOpen}
      toggle={close}
      labelledBy={titleId}
      returnFocusAfterClose={returnFocus}
      fade={false}
      size={size}
      onOpened={onOpened}
      onClosed={onClosed}
    >
      <ModalHeader toggle={close} closeAriaLabel={closeLabel}>
        <span id={titleId}>{title}</span>
      </ModalHeader>
      <ModalBody>{children}</ModalBody>
      <ModalFooter>
        <Button color="primary" outline onClick={onCancel} disabled={busy}>
          No
        </Button>
        <Button color="danger" onClick={onConfirm} disabled={busy}>
          {busy ? busyLabel : confirmLabel}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

/** The Nota Beneficiario or Nota Interna of a confirmation, with the help text of the detail's notes. */
export function NoteArea({
  id,
  kind,
  value,
  onChange,
}: {
  id: string;
  kind: 'beneficiary' | 'internal';
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextArea
      id={id}
      label={kind === 'beneficiary' ? 'Nota Beneficiario' : 'Nota Interna'}
      rows={2}
      maxLength={NOTE_MAX_LENGTH}
      value={value}
      infoText={kind === 'beneficiary' ? BENEFICIARY_NOTE_HELP : INTERNAL_NOTE_HELP}
      onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => onChange(e.target.value)}
    />
  );
}
