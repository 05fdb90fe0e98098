/** "Elenco prestazioni esenti": the first few, then "Mostra tutto". */
import type { ExemptService } from '@esenzioni/domain';
import { useId, useState } from 'react';

const PREVIEW = 3;

export function ExemptServices({ services }: { services: ExemptService[] }) {
  const [all, setAll] = useState(false);
  const listId = useId();
  const shown = all ? services : services.slice(0, PREVIEW);
  return (
    <section aria-labelledby={`${listId}-t`} className="mb-3">
      <h2 id={`${listId}-t`} className="h6 mb-1">
        Elenco prestazioni esenti
      </h2>
      <p className="small mb-1">
        {services.length === 1 ? '1 prestazione' : `${services.length} prestazioni`}
      </p>
      {services.length === 0 ? (
        <p>Nessuna prestazione indicata.</p>
      ) : (
        <ul id={listId} className="ps-3 mb-1">
          {shown.map((s, i) => (
            <li key={`${s.code ?? ''}-${i}`} className={s.example ? 'fst-italic' : undefined}>
              {s.code && <span className="fw-semibold">{s.code} </span>}
              {s.description}
            </li>
          ))}
        </ul>
      )}
      {services.length > PREVIEW && (
        <button
          type="button"
          className="btn btn-link p-0"
          aria-expanded={all}
          aria-controls={listId}
          onClick={() => setAll((a) => !a)}
        >
          {all ? 'Mostra meno' : 'Mostra tutto'}
        </button>
      )}
    </section>
  );
}
