/** Nota Beneficiario and Nota Interna, with who can read each (manual §4). */
import type { CaseDetail } from '@esenzioni/domain';
import { NOTE_MAX_LENGTH } from '@esenzioni/domain/enums';
import { TextArea } from 'design-react-kit';

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
    <section aria-labelledby="note-titolo" className="mb-2">
      <h2 id="note-titolo" className="h5">
        Note
      </h2>
      <div className="row">
        <div className="col-12 col-lg-6">
          <Saved label="Nota Beneficiario attuale" text={c.beneficiaryNote} />
          <TextArea
            id="nota-beneficiario"
            label="Nota Beneficiario"
            rows={3}
            maxLength={NOTE_MAX_LENGTH}
            value={notes.beneficiaryNote}
            infoText={BENEFICIARY_NOTE_HELP}
            valid={error ? false : undefined}
            validationText={error ?? undefined}
            aria-invalid={error ? true : undefined}
            onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) =>
              onChange({ ...notes, beneficiaryNote: e.target.value })
            }
          />
        </div>
        <div className="col-12 col-lg-6">
          <Saved label="Nota Interna attuale" text={c.internalNote} />
          <TextArea
            id="nota-interna"
            label="Nota Interna"
            rows={3}
            maxLength={NOTE_MAX_LENGTH}
            value={notes.internalNote}
            infoText={INTERNAL_NOTE_HELP}
            onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) =>
              onChange({ ...notes, internalNote: e.target.value })
            }
          />
        </div>
      </div>
    </section>
  );
}
