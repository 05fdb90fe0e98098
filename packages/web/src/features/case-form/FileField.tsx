/** A labelled file input with the files chosen and its error announced next to it. */
import { ACCEPT } from './uploads';

interface Props {
  id: string;
  label: string;
  files: File[];
  onFiles: (files: File[]) => void;
  multiple?: boolean;
  required?: boolean;
  error?: string | null;
  hint: string;
}

const size = (n: number) =>
  n >= 1024 * 1024
    ? `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`
    : `${Math.max(1, Math.round(n / 1024))} KB`;

export function FileField({ id, label, files, onFiles, multiple, required, error, hint }: Props) {
  const hintId = `${id}-suggerimento`;
  const errorId = `${id}-errore`;
  return (
    <div className="mb-4 file-field">
      <label htmlFor={id} className="form-label fw-semibold d-block">
        {label}
        {required ? '' : ' (facoltativo)'}
      </label>
      <input
        id={id}
        type="file"
        className={`form-control${error ? ' is-invalid' : ''}`}
        accept={ACCEPT}
        multiple={multiple}
        required={required}
        aria-required={required ? true : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${hintId}${error ? ` ${errorId}` : ''}`}
        onChange={(e) => onFiles(Array.from(e.target.files ?? []))}
      />
      <p id={hintId} className="small mb-1 mt-1">
        {hint}
      </p>
      {files.length > 0 && (
        <ul className="small mb-1" aria-label={`File scelti per ${label}`}>
          {files.map((f) => (
            <li key={`${f.name}-${f.size}`}>{`${f.name} (${size(f.size)})`}</li>
          ))}
        </ul>
      )}
      {error && (
        <p id={errorId} className="text-danger small fw-semibold mb-0" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
