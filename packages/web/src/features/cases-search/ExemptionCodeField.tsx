/** "Codice esenzione patologia/malattia rara": free text with suggestions from the catalogue (searchable). */
import type { CatalogExemption } from '@esenzioni/domain';
import { useEffect, useState } from 'react';
import { searchCatalog } from '../../api/registry';
import { TextField } from '../../ui/TextField';

interface Props {
  value: string;
  onValueChange: (v: string) => void;
  error?: string;
}

export function ExemptionCodeField({ value, onValueChange, error }: Props) {
  const [options, setOptions] = useState<CatalogExemption[]>([]);
  const q = value.trim().toUpperCase() === 'TUTTE' ? '' : value.trim();

  useEffect(() => {
    const ctrl = new AbortController();
    const id = window.setTimeout(
      () => {
        searchCatalog(q, ctrl.signal)
          .then(setOptions)
          .catch(() => undefined); // suggestions only: the field works without them
      },
      q ? 250 : 0,
    );
    return () => {
      window.clearTimeout(id);
      ctrl.abort();
    };
  }, [q]);

  return (
    <>
      <TextField
        id="filtro-codice"
        label="Codice esenzione patologia/malattia rara"
        value={value}
        onValueChange={onValueChange}
        placeholder="TUTTE"
        list="filtro-codice-elenco"
        autoComplete="off"
        error={error}
        hint="Scrivere il codice o parte della descrizione e scegliere dall'elenco; vuoto = TUTTE."
      />
      <datalist id="filtro-codice-elenco">
        <option value="TUTTE">Tutti i codici</option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>{`${o.code} – ${o.description}`}</option>
        ))}
      </datalist>
    </>
  );
}
