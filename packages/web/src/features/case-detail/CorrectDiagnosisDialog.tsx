/**
 * «Correggi diagnosi» (issue 17 §2): the district operator sets the ICD-9-CM diagnosis a citizen did not
 * give, or corrects it, and with it the exemption code (the assignable sub-code that covers it). The
 * server checks the rules again; the cronologia records the correction with the optional internal note.
 */
import type { CaseCommandBody, CaseDetail } from '@esenzioni/domain';
import type { Diagnosis } from '../../api/portal';
import { useState } from 'react';
import { DiagnosisField } from '../case-form/DiagnosisField';
import { ExemptionCodeField } from '../case-form/ExemptionCodeField';
import { ConfirmDialog, NoteArea } from './ConfirmDialog';

interface Props {
  c: CaseDetail;
  isOpen: boolean;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (body: CaseCommandBody<'correctDiagnosis'>) => void;
  returnFocus?: boolean;
  onClosed?: () => void;
}

export function CorrectDiagnosisDialog({
  c,
  isOpen,
  busy,
  onCancel,
  onConfirm,
  returnFocus,
  onClosed,
}: Props) {
  const [diagnosis, setDiagnosis] = useState<Diagnosis | null>(null);
  const [code, setCode] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const confirm = () => {
    if (!diagnosis) {
      setError("Scegliere la diagnosi dall'elenco.");
      document.getElementById('diagnosi-ricerca')?.focus();
      return;
    }
    onConfirm({
      diagnosisCode: diagnosis.code,
      ...(code.trim() ? { exemptionCode: code.trim() } : {}),
      ...(note.trim() ? { internalNote: note.trim() } : {}),
    });
  };
  return (
    <ConfirmDialog
      title="CORREGGI DIAGNOSI"
      closeLabel="Chiudi senza correggere"
      confirmLabel="Sì, correggi"
      confirmColor="success"
      busyLabel="Correzione…"
      size="lg"
      isOpen={isOpen}
      busy={busy}
      onCancel={onCancel}
      onConfirm={confirm}
      returnFocus={returnFocus}
      onClosed={() => {
        setDiagnosis(null);
        setCode('');
        setNote('');
        setError(null);
        onClosed?.();
      }}
    >
      <p>
        {`Diagnosi attuale: ${c.diagnosis ? `${c.diagnosis.code} – ${c.diagnosis.description}` : 'non indicata'}; codice ${c.exemption.code}. `}
        La correzione resta nella cronologia.
      </p>
      <DiagnosisField
        selected={diagnosis}
        onSelect={(d) => {
          setDiagnosis(d);
          setError(null);
        }}
        error={error}
      />
      <ExemptionCodeField
        use="form"
        diagnosisCode={diagnosis?.code ?? null}
        value={code}
        onChange={setCode}
      />
      <NoteArea id="correzione-nota-interna" kind="internal" value={note} onChange={setNote} />
    </ConfirmDialog>
  );
}
