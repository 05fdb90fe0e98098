/** The parts every case form shows the same way: the sentence above it, the notes, the send button. */
import { NOTE_MAX_LENGTH } from '@esenzioni/domain/enums';
import { Alert, Button, TextArea } from 'design-react-kit';
import type { RefObject } from 'react';

/** Where the sentence after a refused submission appears (and is focused and announced). */
export function SubmitSummary({
  summaryRef,
  title,
  text,
}: {
  summaryRef: RefObject<HTMLDivElement | null>;
  title: string;
  text: string | null;
}) {
  return (
    <div ref={summaryRef} tabIndex={-1} aria-live="assertive">
      {text && (
        <Alert fade={false} color="danger">
          <strong className="d-block">{title}</strong>
          {text}
        </Alert>
      )}
    </div>
  );
}

export const NOTES_FIELD_ID = 'note-pratica';

export function NotesField({
  label,
  value,
  onValueChange,
  error,
}: {
  label: string;
  value: string;
  onValueChange: (v: string) => void;
  error?: string;
}) {
  return (
    <TextArea
      id={NOTES_FIELD_ID}
      label={label}
      rows={3}
      maxLength={NOTE_MAX_LENGTH}
      value={value}
      infoText={`Al massimo ${NOTE_MAX_LENGTH} caratteri.`}
      valid={error ? false : undefined}
      validationText={error}
      aria-invalid={error ? true : undefined}
      onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => onValueChange(e.target.value)}
    />
  );
}

export function SubmitButton({ busy, label }: { busy: boolean; label: string }) {
  return (
    <Button type="submit" color="primary" disabled={busy}>
      {busy ? 'Invio in corso…' : label}
    </Button>
  );
}
