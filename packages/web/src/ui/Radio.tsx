/** A radio button with its label (Bootstrap Italia's form-check). */
import type { ReactNode } from 'react';

interface Props {
  name: string;
  id: string;
  value?: string;
  checked: boolean;
  onChange: () => void;
  /** more classes of the wrapper, e.g. form-check-inline */
  className?: string;
  children: ReactNode;
}

export function Radio({ name, id, value, checked, onChange, className, children }: Props) {
  return (
    <div className={className ? `form-check ${className}` : 'form-check'}>
      <input
        className="form-check-input"
        type="radio"
        name={name}
        id={id}
        value={value}
        checked={checked}
        onChange={onChange}
      />
      <label className="form-check-label" htmlFor={id}>
        {children}
      </label>
    </div>
  );
}
