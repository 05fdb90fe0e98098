/**
 * The confirmation every irreversible action of the detail asks for («Valida», «Respingi», «Annulla», «Revoca»,
 * «Annulla esenzione»): a modal titled in capitals, its question and fields, «No» and «Sì, …». While the
 * command runs nothing can close it; focus goes back to the button that opened it, unless told otherwise.
 */
import { Button, Modal, ModalBody, ModalFooter, ModalHeader } from 'design-react-kit';
import { useId, type ReactNode } from 'react';
import { BENEFICIARY_NOTE_HELP, INTERNAL_NOTE_HELP, NoteTextArea } from './NotesFields';

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
  /** danger for what takes something away (the default); success for «Valida» */
  confirmColor?: 'danger' | 'success';
  size?: 'lg';
  returnFocus?: boolean;
  onOpened?: () => void;
  onClosed?: () => void;
  children: ReactNode;
}

/**
 * What the page controls of a confirmation built on this one (cancel, validate): open, busy, the two
 * answers and where the focus goes afterwards. Each dialog adds its own words.
 */
export type DialogControls = Pick<
  Props,
  'isOpen' | 'busy' | 'onCancel' | 'onConfirm' | 'returnFocus' | 'onClosed'
>;

export function ConfirmDialog({
  title,
  closeLabel,
  confirmLabel,
  busyLabel,
  isOpen,
  busy,
  onCancel,
  onConfirm,
  confirmColor = 'danger',
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
        <Button color={confirmColor} onClick={onConfirm} disabled={busy}>
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
    <NoteTextArea
      id={id}
      label={kind === 'beneficiary' ? 'Nota Beneficiario' : 'Nota Interna'}
      rows={2}
      value={value}
      help={kind === 'beneficiary' ? BENEFICIARY_NOTE_HELP : INTERNAL_NOTE_HELP}
      onChange={onChange}
    />
  );
}
