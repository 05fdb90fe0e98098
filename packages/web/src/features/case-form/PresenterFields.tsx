/**
 * «Chi presenta la richiesta» (issue 17 §3), at the counter: the beneficiary in person, a delegate with
 * the signed written delegation (attached here, a document of its own kind), a parent of a minor, or the
 * guardian / support administrator; anyone but the beneficiary named with fiscal code, name and surname.
 */
import { PRESENTER_KIND_LABELS, PRESENTER_KINDS } from '@esenzioni/domain/enums';
import { Radio } from '../../ui/Radio';
import { FiscalCodeField, TextField } from '../../ui/TextField';
import { FileField } from './FileField';
import type { FieldErrors } from './issues';
import { PRESENTER_FIELD_IDS, type PresenterForm } from './presenterForm';
import { UPLOAD_HINT } from './uploads';

interface Props {
  value: PresenterForm;
  onChange: (v: PresenterForm) => void;
  errors: FieldErrors;
  clearError: (field: string) => void;
}

export function PresenterFields({ value, onChange, errors, clearError }: Props) {
  const set = (patch: Partial<PresenterForm>, ...fields: string[]) => {
    onChange({ ...value, ...patch });
    for (const f of fields) clearError(f);
  };
  return (
    <fieldset className="mb-3" aria-describedby={errors.presentedBy ? 'presentata-da-errore' : undefined}>
      <legend className="h5 px-0">Chi presenta la richiesta</legend>
      {PRESENTER_KINDS.map((k) => (
        <Radio
          key={k}
          name="presentata-da"
          id={`presentata-da-${k}`}
          checked={value.kind === k}
          onChange={() =>
            set({ kind: k }, 'presentedBy', 'delegation', 'presenterFiscalCode', 'presenterName')
          }
          className="my-1"
        >
          {PRESENTER_KIND_LABELS[k]}
        </Radio>
      ))}
      {errors.presentedBy && (
        <p
          id="presentata-da-errore"
          className="text-danger small mb-2"
          role="alert"
          data-field-id={PRESENTER_FIELD_IDS.presentedBy}
          data-field-label="Chi presenta la richiesta"
        >
          {errors.presentedBy}
        </p>
      )}
      {value.kind !== 'BENEFICIARY' && (
        <div className="row mt-3">
          <div className="col-12 col-md-6">
            <FiscalCodeField
              id={PRESENTER_FIELD_IDS.presenterFiscalCode}
              label="Codice fiscale di chi presenta"
              value={value.fiscalCode}
              onValueChange={(v) => set({ fiscalCode: v.toUpperCase() }, 'presenterFiscalCode')}
              error={errors.presenterFiscalCode}
              required
              aria-required="true"
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              id={PRESENTER_FIELD_IDS.presenterName}
              label="Nome e cognome di chi presenta"
              value={value.name}
              onValueChange={(v) => set({ name: v }, 'presenterName')}
              error={errors.presenterName}
              autoComplete="off"
              required
              aria-required="true"
            />
          </div>
        </div>
      )}
      {value.kind === 'DELEGATE' && (
        <FileField
          id={PRESENTER_FIELD_IDS.delegation}
          label="Delega scritta firmata dal beneficiario"
          files={value.delegation}
          onFiles={(f) => set({ delegation: f }, 'delegation')}
          required
          error={errors.delegation}
          hint={`Con la copia del documento d'identità del beneficiario tra gli altri documenti. ${UPLOAD_HINT}`}
        />
      )}
    </fieldset>
  );
}
