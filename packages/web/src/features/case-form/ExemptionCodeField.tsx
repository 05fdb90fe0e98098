/**
 * "Codice esenzione", in its two uses:
 * - `use="filter"` (search of cases): free text with suggestions from the whole catalogue, empty or
 *   «TUTTE» for every code;
 * - `use="form"` (case forms): the codes suggested for the diagnosis (GET /api/cases/suggest-codes),
 *   the first one chosen by default, or another assignable code of the catalogue typed by hand (with
 *   suggestions).
 */
import type { CatalogExemption, SuggestCodesResponse } from '@esenzioni/domain';
import { EXEMPTION_FAMILY_LABELS } from '@esenzioni/domain/enums';
import { useEffect, useState, type ReactNode } from 'react';
import { searchAssignableCodes, suggestCodes } from '../../api/portal';
import { searchCatalog } from '../../api/registry';
import { Radio } from '../../ui/Radio';
import { TextField } from '../../ui/TextField';
import { filterQuery, proposedCode, typedByHand } from './exemptionCode';

interface FilterProps {
  use: 'filter';
  /** the label of the family chosen beside it (issue 17 §1); the manual's label when none */
  label?: string;
  value: string;
  onChange: (code: string) => void;
  error?: string | null;
}

interface FormProps {
  use: 'form';
  diagnosisCode: string | null;
  /** ISO date of the certificate, when valid: codes in force on that day */
  issuedOn?: string;
  value: string;
  onChange: (code: string) => void;
  error?: string | null;
}

export const CODE_FIELD_ID = 'codice-esenzione';
const OTHER = '__altro__';
/** the radio button «Altro codice assegnabile», focused when the code is missing */
export const OTHER_CODE_ID = `codice-${OTHER}`;

export function ExemptionCodeField(props: FilterProps | FormProps) {
  return props.use === 'filter' ? (
    <CatalogCodeInput
      id="filtro-codice"
      label={props.label ?? 'Codice esenzione patologia/malattia rara'}
      hint="Scrivere il codice o parte della descrizione e scegliere dall'elenco; vuoto = TUTTE."
      placeholder="TUTTE"
      value={props.value}
      onValueChange={props.onChange}
      error={props.error}
      search={searchCatalog}
      query={filterQuery(props.value)}
      every={<option value="TUTTE">Tutti i codici</option>}
      listAtOnce
    />
  ) : (
    <SuggestedCodeField {...props} />
  );
}

type Search = (q: string, signal: AbortSignal) => Promise<CatalogExemption[]>;
const searchAssignable: Search = (q, signal) => searchAssignableCodes(q, undefined, signal);

/** A code typed by hand, with the matching codes of the catalogue offered in a datalist. */
function CatalogCodeInput({
  id,
  label,
  hint,
  value,
  onValueChange,
  error,
  search,
  query,
  placeholder,
  required,
  every,
  listAtOnce,
}: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onValueChange: (v: string) => void;
  error?: string | null;
  search: Search;
  /** what to search for (debounced while typing) */
  query: string;
  placeholder?: string;
  required?: boolean;
  /** an option before the codes (e.g. «TUTTE») */
  every?: ReactNode;
  /** an empty query lists at once (a typed one waits for a pause in the typing) */
  listAtOnce?: boolean;
}) {
  const [options, setOptions] = useState<CatalogExemption[]>([]);
  const delay = listAtOnce && !query ? 0 : 250;

  useEffect(() => {
    const ctrl = new AbortController();
    const timer = window.setTimeout(() => {
      search(query, ctrl.signal)
        .then(setOptions)
        .catch(() => undefined); // suggestions only: the field works without them
    }, delay);
    return () => {
      window.clearTimeout(timer);
      ctrl.abort();
    };
  }, [search, query, delay]);

  return (
    <>
      <TextField
        id={id}
        label={label}
        value={value}
        onValueChange={onValueChange}
        placeholder={placeholder}
        list={`${id}-elenco`}
        autoComplete="off"
        error={error}
        hint={hint}
        required={required}
        aria-required={required ? 'true' : undefined}
      />
      <datalist id={`${id}-elenco`}>
        {every}
        {options.map((o) => (
          <option key={o.code} value={o.code}>{`${o.code} – ${o.description}`}</option>
        ))}
      </datalist>
    </>
  );
}

function SuggestedCodeField({ diagnosisCode, issuedOn, value, onChange, error }: FormProps) {
  const [suggested, setSuggested] = useState<{ key: string; data: SuggestCodesResponse | null } | null>(null);
  const [manual, setManual] = useState(false);
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
  const choice = {
    diagnosisCode,
    manual,
    loaded: current !== null,
    suggested: items.map((i) => i.code),
    value,
  };
  const showManual = typedByHand(choice);

  // the first suggestion is proposed as soon as it arrives (the user can change it)
  useEffect(() => {
    const proposed = proposedCode(choice);
    if (proposed) onChange(proposed);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current]);

  const manualField = (
    <CatalogCodeInput
      id={CODE_FIELD_ID}
      label={diagnosisCode ? 'Altro codice esenzione assegnabile' : 'Codice esenzione'}
      hint="Scrivere il codice o parte della descrizione e scegliere dall'elenco dei codici assegnabili."
      value={value}
      onValueChange={(v) => onChange(v.toUpperCase())}
      error={error}
      search={searchAssignable}
      query={value.trim()}
      required
    />
  );

  if (!diagnosisCode) return <div className="mb-3">{manualField}</div>;

  return (
    <fieldset className="mb-3">
      <legend className="h5 px-0">Codice esenzione</legend>
      {!choice.loaded && <p className="small">Ricerca dei codici collegati alla diagnosi…</p>}
      {choice.loaded && items.length === 0 && (
        <p className="small">
          Nessun codice di esenzione è collegato a questa diagnosi: indicare un codice assegnabile del
          catalogo.
        </p>
      )}
      {items.length > 0 && (
        <div role="radiogroup" aria-label="Codici suggeriti per la diagnosi" className="mb-2">
          {items.map((i) => (
            <Radio
              key={i.code}
              name="codice"
              id={`codice-${i.code}`}
              checked={!showManual && value === i.code}
              onChange={() => {
                setManual(false);
                onChange(i.code);
              }}
              className="my-1"
            >
              <span className="fw-semibold">{i.code}</span> {i.description}{' '}
              <span className="small">({EXEMPTION_FAMILY_LABELS[i.family]}, suggerito)</span>
            </Radio>
          ))}
          <Radio
            name="codice"
            id={OTHER_CODE_ID}
            checked={showManual}
            onChange={() => {
              setManual(true);
              onChange('');
            }}
            className="my-1"
          >
            Altro codice assegnabile
          </Radio>
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
