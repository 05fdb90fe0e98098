/**
 * The documents of a request, one file field per kind, as the specialist's counter form and the
 * citizen's request both show them: choosing files clears that field's error.
 */
import { FileField } from './FileField';
import type { FieldErrors } from './issues';
import { UPLOAD_HINT } from './uploads';

/** The file field of each kind of document, by the field the server names in its issues. */
export const DOCUMENT_FIELD_IDS = {
  certificate: 'certificato-file',
  identityDocument: 'identita-file',
  documents: 'documenti-file',
} as const;

export interface DocumentSlot {
  field: keyof typeof DOCUMENT_FIELD_IDS;
  label: string;
  files: File[];
  setFiles: (files: File[]) => void;
  /** one required file (otherwise several, optional) */
  required?: boolean;
}

interface Props {
  legend: string;
  slots: DocumentSlot[];
  errors: FieldErrors;
  clearError: (field: string) => void;
}

export function DocumentsFieldset({ legend, slots, errors, clearError }: Props) {
  return (
    <fieldset className="mb-2">
      <legend className="h5 px-0">{legend}</legend>
      {slots.map((s) => (
        <FileField
          key={s.field}
          id={DOCUMENT_FIELD_IDS[s.field]}
          label={s.label}
          files={s.files}
          onFiles={(f) => {
            s.setFiles(f);
            clearError(s.field);
          }}
          required={s.required}
          multiple={!s.required}
          error={errors[s.field]}
          hint={UPLOAD_HINT}
        />
      ))}
    </fieldset>
  );
}
