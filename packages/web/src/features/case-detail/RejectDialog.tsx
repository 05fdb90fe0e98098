/** "Sei sicuro di voler respingere la pratica N?" with the mandatory Motivazione (manual §6). */
import type { RejectionReason } from '@esenzioni/domain';
import { REJECTION_REASON_LABELS, REJECTION_REASONS } from '@esenzioni/domain/enums';
import { Button, Modal, ModalBody, ModalFooter, ModalHeader, Select } from 'design-react-kit';
import { useId, useState } from 'react';

interface Props {
  caseNumber: string;
  isOpen: boolean;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (reason: RejectionReason) => void;
  /** Give focus back to the button that opened the dialog (default) when it closes. */
  returnFocus?: boolean;
  /** After the dialog has closed. */
  onClosed?: () => void;
}

export function RejectDialog({
  caseNumber,
  isOpen,
  busy,
  onCancel,
  onConfirm,
  returnFocus = true,
  onClosed,
}: Props) {
  const titleId = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const confirm = () => {
    const chosen = REJECTION_REASONS.find((r) => r === reason);
    if (!chosen) {
      setError('Scegliere una motivazione per respingere la pratica.');
      document.getElementById('motivazione')?.focus();
      return;
    }
    onConfirm(chosen);
  };

  return (
    <Modal
      isOpen={isOpen}
      toggle={busy ? undefined : onCancel}
      labelledBy={titleId}
      returnFocusAfterClose={returnFocus}
      fade={false}
      onOpened={() => document.getElementById('motivazione')?.focus()}
      onClosed={() => {
        setReason('');
        setError(null);
        onClosed?.();
      }}
    >
      <ModalHeader toggle={busy ? undefined : onCancel} closeAriaLabel="Chiudi senza respingere">
        <span id={titleId}>RESPINGI</span>
      </ModalHeader>
      <ModalBody>
        <p>Sei sicuro di voler respingere la pratica {caseNumber}?</p>
        <Select
          id="motivazione"
          label="Motivazione (obbligatoria)"
          value={reason}
          required
          aria-required="true"
          aria-invalid={error ? true : undefined}
          aria-describedby={`motivazione-aiuto${error ? ' motivazione-errore' : ''}`}
          onChange={(v: string) => {
            setReason(v);
            if (v) setError(null);
          }}
        >
          {[
            <option key="" value="">
              Seleziona motivazione
            </option>,
            ...REJECTION_REASONS.map((r) => (
              <option key={r} value={r}>
                {REJECTION_REASON_LABELS[r]}
              </option>
            )),
          ]}
        </Select>
        {error && (
          <p id="motivazione-errore" className="text-danger small mt-1 mb-0" role="alert">
            {error}
          </p>
        )}
        <p id="motivazione-aiuto" className="note-help mt-2 mb-0">
          La motivazione rimane interna al sistema: per comunicarla al cittadino compilare la Nota
          Beneficiario.
        </p>
      </ModalBody>
      <ModalFooter>
        <Button color="primary" outline onClick={onCancel} disabled={busy}>
          No
        </Button>
        <Button color="danger" onClick={confirm} disabled={busy}>
          {busy ? 'Respingimento…' : 'Sì, respingi'}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
