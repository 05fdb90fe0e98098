/** A labelled text input (design-react-kit Input) with its error next to it, announced with the field. */
import { Input } from 'design-react-kit';
import type { InputHTMLAttributes } from 'react';
import { formatItalianDate, parseItalianDate } from '@esenzioni/domain/validity';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'size' | 'type'> {
  type?: 'text' | 'password' | 'search' | 'tel' | 'email';
  id: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  error?: string | null;
  /** A short hint read with the field (e.g. the date format). */
  hint?: string;
  wrapperClassName?: string;
}

export function TextField({
  id,
  label,
  value,
  onValueChange,
  error,
  hint,
  wrapperClassName,
  ...rest
}: Props) {
  const errorId = `${id}-errore`;
  const hintId = `${id}-suggerimento`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <Input
      {...rest}
      id={id}
      label={label}
      value={value}
      onChange={(e: React.ChangeEvent<HTMLInputElement>) => onValueChange(e.target.value)}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy}
      valid={error ? false : undefined}
      wrapperClassName={wrapperClassName}
      // design-react-kit types validationText as string but renders any node: we need ids in it
      validationText={
        (error || hint ? (
          <>
            {hint && !error && <span id={hintId}>{hint}</span>}
            {hint && error && (
              <span id={hintId} className="visually-hidden">
                {hint}
              </span>
            )}
            {error && <span id={errorId}>{error}</span>}
          </>
        ) : undefined) as unknown as string
      }
    />
  );
}

/** A fiscal code: typed in capitals, without spelling check or the browser's suggestions. */
export function FiscalCodeField(props: Props) {
  return <TextField autoComplete="off" autoCapitalize="characters" spellCheck={false} {...props} />;
}

/** A date typed as gg/mm/aaaa (numeric keyboard, without the browser's suggestions), normalised on leaving the field. */
export function DateTextField(props: Props) {
  const { onBlur, onValueChange, value } = props;
  return (
    <TextField
      placeholder="gg/mm/aaaa"
      inputMode="numeric"
      autoComplete="off"
      {...props}
      // 1/1/2022 or 01-01-2022 becomes 01/01/2022 when the field is left (a wrong date stays as typed)
      onBlur={(e) => {
        const iso = parseItalianDate(value);
        if (iso && formatItalianDate(iso) !== value) onValueChange(formatItalianDate(iso));
        onBlur?.(e);
      }}
    />
  );
}
