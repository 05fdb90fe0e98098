/** A labelled text input (design-react-kit Input) with its error next to it, announced with the field. */
import { Input } from 'design-react-kit';
import type { InputHTMLAttributes, Ref } from 'react';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'size' | 'type'> {
  type?: 'text' | 'password' | 'search' | 'tel' | 'email';
  id: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  error?: string | null;
  /** A short hint read with the field (e.g. the date format). */
  hint?: string;
  inputRef?: Ref<HTMLInputElement>;
  wrapperClassName?: string;
}

export function TextField({
  id,
  label,
  value,
  onValueChange,
  error,
  hint,
  inputRef,
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
      innerRef={inputRef}
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
