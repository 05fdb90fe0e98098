/** "Codice esenzione per invalidità": one of the assignable invalidity codes of the catalogue. */
import type { CatalogExemption } from '@esenzioni/domain';
import { Select } from 'design-react-kit';
import { useEffect, useState } from 'react';
import { searchAssignableCodes } from '../../api/portal';

export const INVALIDITY_CODE_ID = 'codice-invalidita';

interface Props {
  value: string;
  onChange: (code: string) => void;
  error?: string | null;
}

export function InvalidityCodeField({ value, onChange, error }: Props) {
  const [codes, setCodes] = useState<CatalogExemption[]>([]);
  useEffect(() => {
    const ctrl = new AbortController();
    searchAssignableCodes('', 'INVALIDITY', ctrl.signal)
      .then(setCodes)
      .catch(() => undefined);
    return () => ctrl.abort();
  }, []);

  const errorId = `${INVALIDITY_CODE_ID}-errore`;
  return (
    <div className="mb-3">
      <Select
        id={INVALIDITY_CODE_ID}
        label="Codice esenzione per invalidità"
        value={value}
        onChange={onChange}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      >
        {[
          <option key="" value="">
            Scegliere il codice
          </option>,
          ...codes.map((o) => <option key={o.code} value={o.code}>{`${o.code} – ${o.description}`}</option>),
        ]}
      </Select>
      {error && (
        <p id={errorId} className="text-danger small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
