/** Nota Beneficiario and Nota Interna, with who can read each (manual §4). */
import type { CaseDetail } from '@esenzioni/domain';
import { NOTE_MAX_LENGTH } from '@esenzioni/domain/enums';

export interface Notes {
  beneficiaryNote: string;
  internalNote: string;
}

export const BENEFICIARY_NOTE_HELP =
  "Visibile al cittadino se la pratica è stata richiesta dal cittadino tramite il portale Salute Piemonte, al medico che ha inviato la pratica e agli operatori/medici di distretto dell'ASL che gestiscono la pratica.";
export const INTERNAL_NOTE_HELP =
  "Visibile al medico che ha inviato la pratica e agli operatori/medici di distretto dell'ASL che gestiscono la pratica; non è mai visibile al cittadino.";

interface Props {
  c: CaseDetail;
  notes: Notes;
  onChange: (n: Notes) => void;
  editable: boolean;
  error?: string | null;
}

function Saved({ label, text }: { label: string; text: string | null }) {
  if (!text) return null;
  return (
    <p className="mb-2">
      <span className="fw-semibold">{label}: </span>
      {text}
    </p>
  );
}

/**
 * A note's text area with its label above it in the flow of the page, then its help, its error and the
 * note saved so far: nothing floats over anything else at any width (issue 17 §4), and the two areas of
 * the detail start at the same height.
 */
export function NoteTextArea({
  id,
  label,
  help,
  value,
  onChange,
  rows = 3,
  current,
  error,
}: {
  id: string;
  label: string;
  help: string;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  /** the note saved on the case, shown under the field as «<label> attuale» */
  current?: string | null;
  error?: string | null;
}) {
  const describedBy = [`${id}-aiuto`, error ? `${id}-errore` : null].filter(Boolean).join(' ');
  return (
    <div className="note-field mb-3">
      <label htmlFor={id} className="note-label">
        {label}
      </label>
      <textarea
        id={id}
        className={`form-control note-input${error ? ' is-invalid' : ''}`}
        rows={rows}
        maxLength={NOTE_MAX_LENGTH}
        value={value}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <small id={`${id}-aiuto`} className="note-help d-block mt-1">
        {help}
      </small>
      {error && (
        <div id={`${id}-errore`} className="invalid-feedback d-block">
          {error}
        </div>
      )}
      {current && (
        <p className="note-current mt-2 mb-0">
          <span className="fw-semibold">{label} attuale: </span>
          {current}
        </p>
      )}
    </div>
  );
}

export function NotesFields({ c, notes, onChange, editable, error }: Props) {
  if (!editable) {
    if (!c.beneficiaryNote && !c.internalNote) return null;
    return (
      <section aria-labelledby="note-titolo" className="mb-4">
        <h2 id="note-titolo" className="h5">
          Note
        </h2>
        <Saved label="Nota Beneficiario" text={c.beneficiaryNote} />
        <Saved label="Nota Interna" text={c.internalNote} />
      </section>
    );
  }
  return (
    <section aria-labelledby="note-titolo" className="mb-2 notes-area">
      <h2 id="note-titolo" className="h5">
        Note
      </h2>
      <div className="row">
        <div className="col-12 col-lg-6">
          <NoteTextArea
            id="nota-beneficiario"
            label="Nota Beneficiario"
            help={BENEFICIARY_NOTE_HELP}
            value={notes.beneficiaryNote}
            current={c.beneficiaryNote}
            error={error}
            onChange={(v) => onChange({ ...notes, beneficiaryNote: v })}
          />
        </div>
        <div className="col-12 col-lg-6">
          <NoteTextArea
            id="nota-interna"
            label="Nota Interna"
            help={INTERNAL_NOTE_HELP}
            value={notes.internalNote}
            current={c.internalNote}
            onChange={(v) => onChange({ ...notes, internalNote: v })}
          />
        </div>
      </div>
    </section>
  );
}
