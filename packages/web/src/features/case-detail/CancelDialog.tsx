/**
 * "Sei sicuro di voler annullare la pratica N?": the sender's cancel (specialist, counter) asks for a
 * confirmation like «Respingi» does; an annulled case is closed and no exemption is issued.
 */
import { ConfirmDialog } from './ConfirmDialog';

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
  return (
    <ConfirmDialog
      title="ANNULLA PRATICA"
      closeLabel="Chiudi senza annullare"
      confirmLabel="Sì, annulla"
      busyLabel="Annullamento…"
      isOpen={isOpen}
      busy={busy}
      onCancel={onCancel}
      onConfirm={onConfirm}
      returnFocus={returnFocus}
      onClosed={onClosed}
    >
      <p className="mb-0">
        Sei sicuro di voler annullare la pratica {caseNumber}? La pratica sarà chiusa come «Annullata» e
        l’esenzione non sarà rilasciata.
      </p>
    </ConfirmDialog>
  );
}
