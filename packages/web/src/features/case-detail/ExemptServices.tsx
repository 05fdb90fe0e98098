/**
 * "Elenco prestazioni esenti" (issue 12 §8): the scope of the exemption, then the standard sentence
 * (048, rare diseases, total invalidity, income…), the related-services sentence (partial invalidity),
 * the loaded list (the first few, then "Mostra tutto"), or "Elenco non ancora caricato" — never
 * "nessuna prestazione". The manual's examples, when shown, are marked as such.
 */
import type { CaseDetail } from '@esenzioni/domain';
import { EXEMPTION_SCOPE_LABELS } from '@esenzioni/domain/exempt-services';
import { useId, useState } from 'react';

const PREVIEW = 3;

type Props = Pick<CaseDetail, 'exemptServices' | 'scope' | 'services'>;

export function ExemptServices({ exemptServices: services, scope, services: info }: Props) {
  const [all, setAll] = useState(false);
  const listId = useId();
  const shown = all ? services : services.slice(0, PREVIEW);
  const isList = info.kind === 'LIST';
  return (
    <section aria-labelledby={`${listId}-t`} className="mb-3" data-testid="prestazioni-esenti">
      <h2 id={`${listId}-t`} className="h6 mb-1">
        Elenco prestazioni esenti
      </h2>
      <p className="small mb-1" data-testid="ambito-esenzione">
        {EXEMPTION_SCOPE_LABELS[scope]}
      </p>
      {info.sentence && (
        <p className={info.kind === 'NOT_LOADED' ? 'mb-1 fw-semibold' : 'mb-1'}>{info.sentence}</p>
      )}
      {isList && (
        <p className="small mb-1">
          {`${services.length === 1 ? '1 prestazione' : `${services.length} prestazioni`}` +
            (info.listCode
              ? ` (elenco del codice ${info.listCode}${info.source ? `, fonte: ${info.source}` : ''})`
              : '')}
        </p>
      )}
      {!isList && services.length > 0 && (
        <p className="small mb-1">Esempi dal manuale d&apos;uso (non sono l&apos;elenco ufficiale):</p>
      )}
      {services.length > 0 && (
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
