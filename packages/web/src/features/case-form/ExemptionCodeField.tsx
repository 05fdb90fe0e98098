/**
 * "Codice esenzione": the codes suggested for the diagnosis (GET /api/cases/suggest-codes), the first
 * one chosen by default, or another assignable code of the catalogue typed by hand (with suggestions).
 */
import type { SuggestCodesResponse } from '@esenzioni/domain';
import { EXEMPTION_FAMILY_LABELS } from '@esenzioni/domain/enums';
import { useEffect, useState } from 'react';
import { searchAssignableCodes, suggestCodes } from '../../api/portal';
import type { CatalogExemption } from '@esenzioni/domain';
import { TextField } from '../../ui/TextField';

interface Props {
  diagnosisCode: string | null;
  /** ISO date of the certificate, when valid: codes in force on that day */
  issuedOn?: string;
  value: string;
  onChange: (code: string) => void;
  error?: string | null;
  /** only this family in the manual search (e.g. INVALIDITY) */
  family?: string;
}

export const CODE_FIELD_ID = 'codice-esenzione';
const OTHER = '__altro__';

export function ExemptionCodeField({ diagnosisCode, issuedOn, value, onChange, error, family }: Props) {
  const [suggested, setSuggested] = useState<{ key: string; data: SuggestCodesResponse | null } | null>(null);
  const [manual, setManual] = useState(false);
  const [options, setOptions] = useState<CatalogExemption[]>([]);
  const key = diagnosisCode ? `${diagnosisCode}|${issuedOn ?? ''}` : null;

  useEffect(() => {
    if (!diagnosisCode || !key) return;
    const ctrl = new AbortController();
    suggestCodes(diagnosisCode, issuedOn, ctrl.signal)
      .then((data) => setSuggested({ key, data }))
      .catch(() => !ctrl.signal.aborted && setSuggested({ key, data: null }));
    return () => ctrl.abort();
  }, [diagnosisCode, issuedOn, key]);

  const current = key && suggested?.key === key ? suggested : null;
  const items = current?.data?.items ?? [];
  const loaded = current !== null;
  const isSuggested = items.some((i) => i.code === value);
  const showManual =
    !diagnosisCode || manual || (loaded && items.length === 0) || (!!value && !isSuggested && loaded);

  // the first suggestion is proposed as soon as it arrives (the user can change it)
  useEffect(() => {
    if (!manual && loaded && items.length > 0 && !items.some((i) => i.code === value))
      onChange(items[0]!.code);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current]);

  const q = value.trim();
  useEffect(() => {
    if (!showManual) return;
    const ctrl = new AbortController();
    const id = window.setTimeout(() => {
      searchAssignableCodes(q, family, ctrl.signal)
        .then(setOptions)
        .catch(() => undefined); // suggestions only
    }, 250);
    return () => {
      window.clearTimeout(id);
      ctrl.abort();
    };
  }, [q, family, showManual]);

  const manualField = (
    <>
      <TextField
        id={CODE_FIELD_ID}
        label={diagnosisCode ? 'Altro codice esenzione assegnabile' : 'Codice esenzione'}
        value={value}
        onValueChange={(v) => onChange(v.toUpperCase())}
        list="codice-esenzione-elenco"
        autoComplete="off"
        error={error}
        hint="Scrivere il codice o parte della descrizione e scegliere dall'elenco dei codici assegnabili."
        required
        aria-required="true"
      />
      <datalist id="codice-esenzione-elenco">
        {options.map((o) => (
          <option key={o.code} value={o.code}>{`${o.code} – ${o.description}`}</option>
        ))}
      </datalist>
    </>
  );

  if (!diagnosisCode) return <div className="mb-3">{manualField}</div>;

  return (
    <fieldset className="mb-3">
      <legend className="h5 px-0">Codice esenzione</legend>
      {!loaded && <p className="small">Ricerca dei codici collegati alla diagnosi…</p>}
      {loaded && items.length === 0 && (
        <p className="small">
          Nessun codice di esenzione è collegato a questa diagnosi: indicare un codice assegnabile del
          catalogo.
        </p>
      )}
      {items.length > 0 && (
        <div role="radiogroup" aria-label="Codici suggeriti per la diagnosi" className="mb-2">
          {items.map((i) => (
            <div className="form-check my-1" key={i.code}>
              <input
                className="form-check-input"
                type="radio"
                name="codice"
                id={`codice-${i.code}`}
                checked={!showManual && value === i.code}
                onChange={() => {
                  setManual(false);
                  onChange(i.code);
                }}
              />
              <label className="form-check-label" htmlFor={`codice-${i.code}`}>
                <span className="fw-semibold">{i.code}</span> {i.description}{' '}
                <span className="small">({EXEMPTION_FAMILY_LABELS[i.family]}, suggerito)</span>
              </label>
            </div>
          ))}
          <div className="form-check my-1">
            <input
              className="form-check-input"
              type="radio"
              name="codice"
              id={`codice-${OTHER}`}
              checked={showManual}
              onChange={() => {
                setManual(true);
                onChange('');
              }}
            />
            <label className="form-check-label" htmlFor={`codice-${OTHER}`}>
              Altro codice assegnabile
            </label>
          </div>
        </div>
      )}
      {showManual && manualField}
      {!showManual && error && (
        <p className="text-danger small mb-0" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
