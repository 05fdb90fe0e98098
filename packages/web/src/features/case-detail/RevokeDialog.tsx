/**
 * «Revoca» of a validated exemption (issue 11 §4), like «Respingi»: the reason (required), the last day
 * the exemption holds (default today), the notes and «Revoca con blocco». The body is checked with the
 * domain's rule before it is sent (revocation.ts).
 */
import type { CaseCommandBody, CaseDetail } from '@esenzioni/domain';
import { REVOCATION_REASON_LABELS, REVOCATION_REASONS } from '@esenzioni/domain/enums';
import { formatItalianDate, todayInRome } from '@esenzioni/domain/validity';
import { Select } from 'design-react-kit';
import { useState } from 'react';
import { DateTextField } from '../../ui/TextField';
import { ConfirmDialog, NoteArea } from './ConfirmDialog';
import { revocationBody, revocationDefaults, type RevocationErrors, type RevocationForm } from './revocation';

interface Props {
  c: CaseDetail;
  isOpen: boolean;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (body: CaseCommandBody<'revoke'>) => void;
  returnFocus?: boolean;
  onClosed?: () => void;
}

export function RevokeDialog({ c, isOpen, busy, onCancel, onConfirm, returnFocus = true, onClosed }: Props) {
  const [form, setForm] = useState<RevocationForm>(() => revocationDefaults(c, todayInRome()));
  const [errors, setErrors] = useState<RevocationErrors>({});
  const set = (patch: Partial<RevocationForm>) => setForm((f) => ({ ...f, ...patch }));

  const confirm = () => {
    const checked = revocationBody(form, c, todayInRome());
    if (!checked.ok) {
      setErrors(checked.errors);
      document.getElementById(checked.errors.reason ? 'revoca-motivo' : 'revoca-data-fine')?.focus();
      return;
    }
    onConfirm(checked.body);
  };

  return (
    <ConfirmDialog
      title="REVOCA ESENZIONE"
      closeLabel="Chiudi senza revocare"
      confirmLabel="Sì, revoca"
      busyLabel="Revoca…"
      isOpen={isOpen}
      busy={busy}
      onCancel={onCancel}
      onConfirm={confirm}
      size="lg"
      returnFocus={returnFocus}
      onOpened={() => {
        setForm(revocationDefaults(c, todayInRome()));
        document.getElementById('revoca-motivo')?.focus();
      }}
      onClosed={() => {
        setErrors({});
        onClosed?.();
      }}
    >
      <p>
        Sei sicuro di voler revocare l’esenzione {c.exemption.code} della pratica {c.caseNumber}
        {c.validFrom ? `, valida dal ${formatItalianDate(c.validFrom)}` : ''}? In anagrafe resterà valida fino
        alla data di fine indicata, non oltre.
      </p>
      <Select
        id="revoca-motivo"
        label="Motivo della revoca (obbligatorio)"
        value={form.reason}
        required
        aria-required="true"
        aria-invalid={errors.reason ? true : undefined}
        aria-describedby={errors.reason ? 'revoca-motivo-errore' : undefined}
        onChange={(v: string) => {
          set({ reason: v });
          if (v) setErrors((e) => ({ ...e, reason: undefined }));
        }}
      >
        {[
          <option key="" value="">
            Seleziona motivo
          </option>,
          ...REVOCATION_REASONS.map((r) => (
            <option key={r} value={r}>
              {REVOCATION_REASON_LABELS[r]}
            </option>
          )),
        ]}
      </Select>
      {errors.reason && (
        <p id="revoca-motivo-errore" className="text-danger small mt-1" role="alert">
          {errors.reason}
        </p>
      )}
      <div className="mt-4">
        <DateTextField
          id="revoca-data-fine"
          label="Ultimo giorno di validità"
          value={form.endDate}
          onValueChange={(v) => set({ endDate: v })}
          error={errors.endDate}
        />
      </div>
      <div className="form-check mt-2 mb-4">
        <input
          id="revoca-blocco"
          type="checkbox"
          checked={form.block}
          aria-describedby="revoca-blocco-aiuto"
          onChange={(e) => set({ block: e.target.checked })}
        />
        <label htmlFor="revoca-blocco">Revoca con blocco</label>
        <p id="revoca-blocco-aiuto" className="note-help mb-0">
          Nuove richieste dello stesso codice per questo assistito saranno rifiutate finché un operatore
          dell’ASL non rimuove il blocco.
        </p>
      </div>
      <NoteArea
        id="revoca-nota-beneficiario"
        kind="beneficiary"
        value={form.beneficiaryNote}
        onChange={(v) => set({ beneficiaryNote: v })}
      />
      <NoteArea
        id="revoca-nota-interna"
        kind="internal"
        value={form.internalNote}
        onChange={(v) => set({ internalNote: v })}
      />
    </ConfirmDialog>
  );
}
