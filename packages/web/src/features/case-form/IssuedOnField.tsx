/** A date typed as gg/mm/aaaa (the way the backoffice asks dates). */
import { TextField } from '../../ui/TextField';

interface Props {
  id: string;
  label: string;
  value: string;
  onValueChange: (v: string) => void;
  error?: string | null;
}

export function DateField({ id, label, value, onValueChange, error }: Props) {
  return (
    <TextField
      id={id}
      label={label}
      value={value}
      onValueChange={onValueChange}
      error={error}
      hint="Formato gg/mm/aaaa"
      placeholder="gg/mm/aaaa"
      inputMode="numeric"
      autoComplete="off"
      required
      aria-required="true"
    />
  );
}
