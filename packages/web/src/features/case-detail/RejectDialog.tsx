/** "Sei sicuro di voler respingere la pratica N?" with the mandatory Motivazione (manual §6). */
import type { RejectionReason } from '@esenzioni/domain';
import { REJECTION_REASON_LABELS, REJECTION_REASONS } from '@esenzioni/domain/enums';
import { Select } from 'design-react-kit';
import { useState } from 'react';
import { ConfirmDialog } from './ConfirmDialog';

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
    <ConfirmDialog
      title="RESPINGI"
      closeLabel="Chiudi senza respingere"
      confirmLabel="Sì, respingi"
      busyLabel="Respingimento…"
      isOpen={isOpen}
      busy={busy}
      onCancel={onCancel}
      onConfirm={confirm}
      returnFocus={returnFocus}
      onOpened={() => document.getElementById('motivazione')?.focus()}
      onClosed={() => {
        setReason('');
        setError(null);
        onClosed?.();
      }}
    >
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
        La motivazione rimane interna al sistema: per comunicarla al cittadino compilare la Nota Beneficiario.
      </p>
    </ConfirmDialog>
  );
}
