/**
 * "Diagnosi (ICD-9-CM)": search by code or words (GET /api/catalog/diagnoses?q=), then pick one in
 * the list of results (radio buttons: keyboard and screen-reader friendly).
 */
import { useEffect, useState } from 'react';
import { searchDiagnoses, type Diagnosis } from '../../api/portal';
import { errorMessage } from '../../ui/errorMessage';
import { Radio } from '../../ui/Radio';
import { TextField } from '../../ui/TextField';

interface Props {
  selected: Diagnosis | null;
  onSelect: (d: Diagnosis | null) => void;
  error?: string | null;
  /** true when the diagnosis is optional (citizen's request) */
  optional?: boolean;
  /** a line under the legend (e.g. why the citizen may leave it empty) */
  hint?: string;
}

export const DIAGNOSIS_FIELD_ID = 'diagnosi-ricerca';

export function DiagnosisField({ selected, onSelect, error, optional, hint }: Props) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ q: string; items: Diagnosis[]; error: string | null } | null>(null);
  const query = q.trim();

  useEffect(() => {
    if (query.length < 2) return;
    const ctrl = new AbortController();
    const id = window.setTimeout(() => {
      searchDiagnoses(query, ctrl.signal)
        .then((items) => setFound({ q: query, items, error: null }))
        .catch(
          (e: unknown) => !ctrl.signal.aborted && setFound({ q: query, items: [], error: errorMessage(e) }),
        );
    }, 250);
    return () => {
      window.clearTimeout(id);
      ctrl.abort();
    };
  }, [query]);

  const current = found && found.q === query && query.length >= 2 ? found : null;
  const items = current?.items ?? [];
  // the chosen one stays in the list even when the search changes
  const list = selected && !items.some((d) => d.code === selected.code) ? [selected, ...items] : items;

  return (
    <fieldset className="mb-3" aria-describedby={error ? 'diagnosi-errore' : undefined}>
      <legend className="h5 px-0">
        {optional ? 'Diagnosi ICD-9-CM (facoltativa)' : 'Diagnosi ICD-9-CM'}
      </legend>
      {hint && <p className="small mb-2">{hint}</p>}
      <TextField
        id={DIAGNOSIS_FIELD_ID}
        type="search"
        label="Cerca la diagnosi per codice o parole"
        value={q}
        onValueChange={setQ}
        hint="Almeno 2 caratteri, per esempio 714.0 oppure artrite reumatoide; poi scegliere dall'elenco."
        autoComplete="off"
        onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
      />
      <div aria-live="polite" className="small mb-2">
        {current?.error && <p className="text-danger mb-1">{current.error}</p>}
        {current && !current.error && `Diagnosi trovate: ${current.items.length}`}
      </div>
      {list.length > 0 && (
        <div
          role="radiogroup"
          aria-label="Diagnosi trovate"
          className="diagnosis-list border rounded p-2 mb-2"
        >
          {list.map((d) => (
            <Radio
              key={d.code}
              name="diagnosi"
              id={`diagnosi-${d.code}`}
              value={d.code}
              checked={selected?.code === d.code}
              onChange={() => onSelect(d)}
              className="my-1"
            >
              <span className="fw-semibold">{d.code}</span> {d.description}
            </Radio>
          ))}
        </div>
      )}
      {selected && (
        <p className="mb-1" data-testid="diagnosi-scelta">
          <span className="fw-semibold">Diagnosi scelta: </span>
          {`${selected.code} – ${selected.description}`}{' '}
          {optional && (
            <button type="button" className="btn btn-link p-0 align-baseline" onClick={() => onSelect(null)}>
              Togli la diagnosi
            </button>
          )}
        </p>
      )}
      {error && (
        <p
          id="diagnosi-errore"
          className="text-danger small mb-0"
          role="alert"
          data-field-id={DIAGNOSIS_FIELD_ID}
          data-field-label="Diagnosi ICD-9-CM"
        >
          {error}
        </p>
      )}
    </fieldset>
  );
}
