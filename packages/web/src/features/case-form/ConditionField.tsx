/**
 * "Malattia o condizione" (issue 17 §2): the citizen finds the condition by its plain name — words of
 * the catalogue's description, within the family chosen (chronic or rare disease) — and picks it from
 * the list, the exemption code shown beside it. A patient rarely knows an ICD-9-CM diagnosis or an
 * exemption code; the specialist's certificate names the condition.
 */
import type { CatalogExemption, ExemptionFamily } from '@esenzioni/domain';
import { useEffect, useState } from 'react';
import { searchAssignableCodes } from '../../api/portal';
import { errorMessage } from '../../ui/errorMessage';
import { Radio } from '../../ui/Radio';
import { TextField } from '../../ui/TextField';

export const CONDITION_FIELD_ID = 'condizione-ricerca';

/** What the citizen must have typed before the list is searched. */
export const CONDITION_MIN_CHARS = 3;

interface Props {
  family: Extract<ExemptionFamily, 'CHRONIC' | 'RARE'>;
  /** the code chosen ('' when none) */
  value: string;
  onChange: (code: string, chosen: CatalogExemption | null) => void;
  error?: string | null;
}

export function ConditionField({ family, value, onChange, error }: Props) {
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<CatalogExemption | null>(null);
  const [found, setFound] = useState<{
    key: string;
    items: CatalogExemption[];
    error: string | null;
  } | null>(null);
  const query = q.trim();
  const key = `${family}|${query}`;

  useEffect(() => {
    if (query.length < CONDITION_MIN_CHARS) return;
    const ctrl = new AbortController();
    const timer = window.setTimeout(() => {
      searchAssignableCodes(query, family, ctrl.signal)
        .then((items) => setFound({ key, items, error: null }))
        .catch((e: unknown) => !ctrl.signal.aborted && setFound({ key, items: [], error: errorMessage(e) }));
    }, 250);
    return () => {
      window.clearTimeout(timer);
      ctrl.abort();
    };
  }, [family, query, key]);

  const current = found && found.key === key && query.length >= CONDITION_MIN_CHARS ? found : null;
  const items = current?.items ?? [];
  const selected = chosen && chosen.code === value ? chosen : null;
  // the chosen one stays in the list while the search changes
  const list = selected && !items.some((i) => i.code === selected.code) ? [selected, ...items] : items;
  const what = family === 'RARE' ? 'la malattia rara' : 'la malattia';

  return (
    <fieldset className="mb-3" aria-describedby={error ? 'condizione-errore' : undefined}>
      <legend className="h5 px-0">{family === 'RARE' ? 'Malattia rara' : 'Malattia o condizione'}</legend>
      <TextField
        id={CONDITION_FIELD_ID}
        type="search"
        label={`Cerca ${what} per nome`}
        value={q}
        onValueChange={setQ}
        hint={`Almeno ${CONDITION_MIN_CHARS} lettere, come è scritta nel certificato dello specialista (per esempio ${
          family === 'RARE' ? 'fibrosi o acromegalia' : 'diabete, ipotiroidismo o asma'
        }); poi sceglierla dall'elenco. Il codice di esenzione è indicato accanto.`}
        autoComplete="off"
        onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
      />
      <div aria-live="polite" className="small mb-2">
        {current?.error && <p className="text-danger mb-1">{current.error}</p>}
        {current &&
          !current.error &&
          (current.items.length === 0
            ? 'Nessuna malattia trovata con queste parole: provare con un’altra parola del certificato.'
            : `Malattie trovate: ${current.items.length}`)}
      </div>
      {list.length > 0 && (
        <div
          role="radiogroup"
          aria-label="Malattie trovate"
          className="diagnosis-list border rounded p-2 mb-2"
        >
          {list.map((i) => (
            <Radio
              key={i.code}
              name="condizione"
              id={`condizione-${i.code}`}
              value={i.code}
              checked={value === i.code}
              onChange={() => {
                setChosen(i);
                onChange(i.code, i);
              }}
              className="my-1"
            >
              {i.description} <span className="text-nowrap small">{`(codice ${i.code})`}</span>
            </Radio>
          ))}
        </div>
      )}
      {selected && (
        <p className="mb-1" data-testid="condizione-scelta">
          <span className="fw-semibold">Scelta: </span>
          {`${selected.description} – codice di esenzione ${selected.code}`}
        </p>
      )}
      {error && (
        <p
          id="condizione-errore"
          className="text-danger small mb-0"
          role="alert"
          data-field-id={CONDITION_FIELD_ID}
          data-field-label={family === 'RARE' ? 'Malattia rara' : 'Malattia o condizione'}
        >
          {error}
        </p>
      )}
    </fieldset>
  );
}
