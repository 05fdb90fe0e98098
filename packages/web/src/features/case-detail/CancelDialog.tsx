/**
 * "Sei sicuro di voler annullare la pratica N?": the sender's cancel (specialist, counter) asks for a
 * confirmation like «Respingi» does; an annulled case is closed and no exemption is issued.
 */
import { Button, Modal, ModalBody, ModalFooter, ModalHeader } from 'design-react-kit';
import { useId } from 'react';

interface Props {
  caseNumber: string;
  isOpen: boolean;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  /** Give focus back to the button that opened the dialog (default) when it closes. */
  returnFocus?: boolean;
  /** After the dialog has closed. */
  onClosed?: () => void;
}

export function CancelDialog({
  caseNumber,
  isOpen,
  busy,
  onCancel,
  onConfirm,
  returnFocus = true,
  onClosed,
}: Props) {
  const titleId = useId();
  return (
    <Modal
      isOpen={isOpen}
      toggle={busy ? undefined : onCancel}
      labelledBy={titleId}
      returnFocusAfterClose={returnFocus}
      fade={false}
      onClosed={onClosed}
    >
      <ModalHeader toggle={busy ? undefined : onCancel} closeAriaLabel="Chiudi senza annullare">
        <span id={titleId}>ANNULLA PRATICA</span>
      </ModalHeader>
      <ModalBody>
        <p className="mb-0">
          Sei sicuro di voler annullare la pratica {caseNumber}? La pratica sarà chiusa come «Annullata» e
          l’esenzione non sarà rilasciata.
        </p>
      </ModalBody>
      <ModalFooter>
        <Button color="primary" outline onClick={onCancel} disabled={busy}>
          No
        </Button>
        <Button color="danger" onClick={onConfirm} disabled={busy}>
          {busy ? 'Annullamento…' : 'Sì, annulla'}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
