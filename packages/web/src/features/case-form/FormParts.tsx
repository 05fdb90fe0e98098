/** The parts every case form shows the same way: the notes and the send button. */
import { NOTE_MAX_LENGTH } from '@esenzioni/domain/enums';
import { Button, TextArea } from 'design-react-kit';

export const NOTES_FIELD_ID = 'note-pratica';

export function NotesField({
  label,
  value,
  onValueChange,
  error,
  visibility,
}: {
  label: string;
  value: string;
  onValueChange: (v: string) => void;
  error?: string;
  /** who reads the note (issue 17 §3: never silently internal) */
  visibility?: string;
}) {
  return (
    <TextArea
      id={NOTES_FIELD_ID}
      label={label}
      rows={3}
      maxLength={NOTE_MAX_LENGTH}
      value={value}
      infoText={`${visibility ? `${visibility} ` : ''}Al massimo ${NOTE_MAX_LENGTH} caratteri.`}
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
