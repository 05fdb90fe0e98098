/**
 * "Dati del verbale di invalidità" (issue 12 §4): kind, percentage or category (I–VIII), indennità di
 * accompagnamento, number and issuing body of the verbale; its date is the form's date field. Shown
 * for an invalidity code, at the counter and in the citizen's request; the fields asked follow the
 * code's rule (domain/invalidity.ts) and the server checks that the code fits them.
 */
import {
  INVALIDITY_CATEGORIES,
  INVALIDITY_KINDS,
  INVALIDITY_KIND_LABELS,
  categoryLabel,
  invalidityRuleOf,
  type InvalidityKind,
} from '@esenzioni/domain/invalidity';
import { Select } from 'design-react-kit';
import { TextField } from '../../ui/TextField';
import type { FieldErrors } from './issues';

export interface InvalidityForm {
  kind: InvalidityKind | '';
  percentage: string;
  category: string;
  accompaniment: boolean;
  verbaleNumber: string;
  verbaleIssuer: string;
}

export const EMPTY_INVALIDITY: InvalidityForm = {
  kind: '',
  percentage: '',
  category: '',
  accompaniment: false,
  verbaleNumber: '',
  verbaleIssuer: '',
};

export const INVALIDITY_FIELD_IDS = {
  invalidityKind: 'verbale-tipo',
  invalidityPercentage: 'verbale-percentuale',
  invalidityCategory: 'verbale-categoria',
  invalidityAccompaniment: 'verbale-accompagnamento',
  verbaleNumber: 'verbale-numero',
  verbaleIssuer: 'verbale-ente',
} as const;

/** The order of the fieldset's controls, for focusing the first error (field name → control id). */
export const INVALIDITY_FOCUS_ORDER = Object.entries(INVALIDITY_FIELD_IDS) as Array<[string, string]>;

/** The form's values as the request sends them (only what the code's rule asks). */
export function invalidityRequestFields(code: string, f: InvalidityForm): Record<string, string | undefined> {
  const rule = invalidityRuleOf(code);
  if (!rule) return {};
  return {
    invalidityKind: f.kind || undefined,
    invalidityPercentage:
      rule.percentage || rule.percentageAllowed ? f.percentage.trim() || undefined : undefined,
    invalidityCategory: rule.category ? f.category || undefined : undefined,
    invalidityAccompaniment: f.accompaniment ? 'true' : 'false',
    verbaleNumber: f.verbaleNumber.trim() || undefined,
    verbaleIssuer: f.verbaleIssuer.trim() || undefined,
  };
}

/** The browser's checks (the server checks the code against the data again). */
export function invalidityProblems(code: string, f: InvalidityForm): FieldErrors {
  const rule = invalidityRuleOf(code);
  const e: FieldErrors = {};
  if (!rule) return e;
  if (!f.kind) e.invalidityKind = 'Indicare il tipo di invalidità del verbale.';
  if (rule.percentage && !f.percentage.trim())
    e.invalidityPercentage = 'Indicare la percentuale di invalidità del verbale.';
  else if (f.percentage.trim() && !/^\d{1,3}$/.test(f.percentage.trim()))
    e.invalidityPercentage = 'La percentuale è un numero intero da 1 a 100.';
  if (rule.category && !f.category) e.invalidityCategory = 'Indicare la categoria del verbale.';
  if (!f.verbaleNumber.trim()) e.verbaleNumber = 'Indicare il numero del verbale.';
  if (!f.verbaleIssuer.trim()) e.verbaleIssuer = 'Indicare chi ha rilasciato il verbale.';
  return e;
}

interface Props {
  code: string;
  value: InvalidityForm;
  onChange: (v: InvalidityForm) => void;
  errors: FieldErrors;
  clearError: (field: string) => void;
}

export function InvalidityFields({ code, value, onChange, errors, clearError }: Props) {
  const rule = invalidityRuleOf(code);
  if (!rule) return null;
  const set = (patch: Partial<InvalidityForm>, field: string) => {
    onChange({ ...value, ...patch });
    clearError(field);
  };
  const ids = INVALIDITY_FIELD_IDS;
  const err = (field: keyof typeof INVALIDITY_FIELD_IDS) => errors[field];
  const errorOf = (field: keyof typeof INVALIDITY_FIELD_IDS) =>
    err(field) ? (
      <p id={`${ids[field]}-errore`} className="text-danger small" role="alert">
        {err(field)}
      </p>
    ) : null;
  const described = (field: keyof typeof INVALIDITY_FIELD_IDS) =>
    err(field) ? `${ids[field]}-errore` : undefined;
  return (
    <fieldset className="mb-3" aria-describedby="verbale-regola">
      <legend className="h5 px-0">Dati del verbale di invalidità</legend>
      <p id="verbale-regola" className="small">
        {`Il codice ${code.toUpperCase()} è per ${rule.text}. La data del verbale è la data indicata sotto.`}
      </p>
      <div className="mb-3">
        <Select
          id={ids.invalidityKind}
          label="Tipo di invalidità"
          value={value.kind}
          onChange={(v: string) => set({ kind: v as InvalidityKind }, 'invalidityKind')}
          aria-invalid={err('invalidityKind') ? true : undefined}
          aria-describedby={described('invalidityKind')}
        >
          {[
            <option key="" value="">
              Scegliere il tipo
            </option>,
            ...INVALIDITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {INVALIDITY_KIND_LABELS[k]}
              </option>
            )),
          ]}
        </Select>
        {errorOf('invalidityKind')}
      </div>
      {(rule.percentage || rule.percentageAllowed) && (
        <div className="row">
          <div className="col-12 col-md-6">
            <TextField
              id={ids.invalidityPercentage}
              label={
                rule.percentage
                  ? 'Percentuale di invalidità (%)'
                  : 'Percentuale di invalidità (%, facoltativa)'
              }
              value={value.percentage}
              onValueChange={(v) => set({ percentage: v }, 'invalidityPercentage')}
              error={err('invalidityPercentage')}
              inputMode="numeric"
              hint={
                rule.percentage
                  ? `Per ${code.toUpperCase()}: dal ${rule.percentage.min}% al ${rule.percentage.max}%`
                  : undefined
              }
            />
          </div>
        </div>
      )}
      {rule.category && (
        <div className="mb-3">
          <Select
            id={ids.invalidityCategory}
            label="Categoria"
            value={value.category}
            onChange={(v: string) => set({ category: v }, 'invalidityCategory')}
            aria-invalid={err('invalidityCategory') ? true : undefined}
            aria-describedby={described('invalidityCategory')}
          >
            {[
              <option key="" value="">
                Scegliere la categoria
              </option>,
              ...INVALIDITY_CATEGORIES.map((c) => (
                <option key={c} value={String(c)}>
                  {`Categoria ${categoryLabel(c)}`}
                </option>
              )),
            ]}
          </Select>
          {errorOf('invalidityCategory')}
        </div>
      )}
      <div className="form-check mb-3">
        <input
          id={ids.invalidityAccompaniment}
          type="checkbox"
          checked={value.accompaniment}
          aria-describedby={described('invalidityAccompaniment')}
          onChange={(e) => set({ accompaniment: e.target.checked }, 'invalidityAccompaniment')}
        />
        <label htmlFor={ids.invalidityAccompaniment}>Con indennità di accompagnamento</label>
        {errorOf('invalidityAccompaniment')}
      </div>
      <div className="row">
        <div className="col-12 col-md-6">
          <TextField
            id={ids.verbaleNumber}
            label="Numero del verbale"
            value={value.verbaleNumber}
            onValueChange={(v) => set({ verbaleNumber: v }, 'verbaleNumber')}
            error={err('verbaleNumber')}
            autoComplete="off"
          />
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id={ids.verbaleIssuer}
            label="Rilasciato da (commissione o ente)"
            value={value.verbaleIssuer}
            onValueChange={(v) => set({ verbaleIssuer: v }, 'verbaleIssuer')}
            error={err('verbaleIssuer')}
            hint="Per esempio: Commissione medica ASL, INAIL, Ministero"
          />
        </div>
      </div>
    </fieldset>
  );
}
