/**
 * "Sei sicuro di voler annullare la pratica N?": the sender's cancel (specialist, counter) asks for a
 * confirmation like «Respingi» does; an annulled case is closed and no exemption is issued.
 */
import { ConfirmDialog, type DialogControls } from './ConfirmDialog';

export function CancelDialog({ caseNumber, ...controls }: DialogControls & { caseNumber: string }) {
  return (
    <ConfirmDialog
      title="ANNULLA PRATICA"
      closeLabel="Chiudi senza annullare"
      confirmLabel="Sì, annulla"
      busyLabel="Annullamento…"
      {...controls}
    >
      <p className="mb-0">
        Sei sicuro di voler annullare la pratica {caseNumber}? La pratica sarà chiusa come «Annullata» e
        l’esenzione non sarà rilasciata.
      </p>
    </ConfirmDialog>
  );
}
